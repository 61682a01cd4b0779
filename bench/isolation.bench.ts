/**
 * What the trust boundary costs: the checks-only grading time of the reference (quick
 * profile, every check, one lane, no type-check pass), measured side by side in one command
 * for three sandboxes:
 *
 * - **before**: the sandbox as it was before the trust boundary (commit {@link BEFORE}: the
 *   child transpiled TypeScript itself, read the whole of node_modules, harness/ and
 *   reference/, no uid, no network namespace), checked out into a temporary git worktree
 *   that shares this checkout's node_modules, grading its own `submissions/example-reference`;
 * - **permission only**: today's worker bundle and private copy, without the OS layers
 *   (`NETGRADE_ISOLATION=permission-only`);
 * - **full**: today's default (an unprivileged uid per lane and no network when root).
 *
 * Each arm is the grade CLI in a fresh process, so process start-up counts the same way;
 * the rounds alternate their order (this machine's speed drifts by up to 2× over minutes).
 * The figure that matters is full ÷ before (target ≤ 1.10).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../harness/cli/bench';
import { referenceSubmission } from '../harness/sandbox/bundle';
import { PROJECT_ROOT } from '../harness/sandbox/paths';

/** The last commit before the trust boundary (b457a35's parent). */
export const BEFORE = '14b6560';

interface Arm { name: string; cwd: string; args: string[]; env: NodeJS.ProcessEnv }

function time(arm: Arm): number {
  const started = process.hrtime.bigint();
  const out = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'harness/cli/grade.ts', ...arm.args], {
    cwd: arm.cwd, env: { ...process.env, ...arm.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (out.status !== 0 && out.status !== 1) throw new Error(`${arm.name}: grade exited ${out.status}: ${(out.stderr || out.stdout).slice(-800)}`);
  const score = /(\d+(?:\.\d)?\/\d+)/.exec(out.stdout.split('\n').find((l) => /^✓ /.test(l)) ?? '')?.[1];
  console.log(`  ${arm.name.padEnd(16)} ${(ms / 1000).toFixed(1)} s  (${score ?? 'no score line'})`);
  return ms;
}

export default async function run({ quick }: BenchOptions): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'netgrade-isolation-'));
  const before = join(work, 'before');
  const add = spawnSync('git', ['worktree', 'add', '--detach', before, BEFORE], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`the isolation benchmark requires commit ${BEFORE} in this clone (git worktree add), got: ${add.stderr.trim()}`);
  try {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(before, 'node_modules'));
    const common = ['--profile', 'quick', '--no-experiments', '--no-typecheck', '--jobs', '1', '--fresh'];
    const reference = referenceSubmission();
    const arms: Arm[] = [
      { name: 'before', cwd: before, args: [join(before, 'submissions', 'example-reference'), ...common, '--out', join(work, 'out-before')], env: {} },
      { name: 'permission only', cwd: PROJECT_ROOT, args: [reference.dir, ...common, '--out', join(work, 'out-perm')], env: { NETGRADE_ISOLATION: 'permission-only' } },
      { name: 'full', cwd: PROJECT_ROOT, args: [reference.dir, ...common, '--out', join(work, 'out-full')], env: {} },
    ];
    if (!existsSync(join(before, 'submissions', 'example-reference', 'index.ts'))) throw new Error(`commit ${BEFORE} has no submissions/example-reference`);
    const rounds = quick ? 1 : 3;
    const ms: Record<string, number[]> = Object.fromEntries(arms.map((a) => [a.name, []]));
    console.log(`checks-only grading of the reference, quick profile, one lane, ${rounds} round(s), order alternating:`);
    for (let r = 0; r < rounds; r++) {
      for (const arm of r % 2 === 0 ? arms : [...arms].reverse()) ms[arm.name].push(time(arm));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [b, p, f] = arms.map((a) => median(ms[a.name]));
    console.log(`median: before ${(b / 1000).toFixed(1)} s · permission only ${(p / 1000).toFixed(1)} s · full ${(f / 1000).toFixed(1)} s`);
    console.log(`full ÷ before = ${(f / b).toFixed(2)}× (target ≤ 1.10) · permission only ÷ before = ${(p / b).toFixed(2)}× · full ÷ permission only = ${(f / p).toFixed(2)}×`);
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', before], { cwd: PROJECT_ROOT });
    rmSync(work, { recursive: true, force: true });
  }
}
