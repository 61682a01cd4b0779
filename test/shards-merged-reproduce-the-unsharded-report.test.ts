import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Two students who hand in only the time gate: one right, one with a truncating %. */
const GATE = (mod: string) => [
  'export default {',
  '  timeGate: (t: number, p: { tau: number; s: number; rOn: number; alpha?: number }) => {',
  `    const phi = (${mod}) / p.tau;`,
  '    if (phi < p.rOn / 2) return (2 * phi) / p.rOn;',
  '    if (phi < p.rOn) return 2 - (2 * phi) / p.rOn;',
  '    return (p.alpha ?? 0) * phi;',
  '  },',
  '};',
].join('\n');

function grade(dirs: string[], out: string, extra: string[] = []): void {
  execFileSync(tsx, [join(root, 'harness/cli/grade.ts'), ...dirs, '--profile', 'quick', '--no-experiments', '--no-typecheck', '--in-process', '--out', out, ...extra],
    { cwd: root, stdio: 'pipe', timeout: 120_000 });
}

/** What a report says about a submission, without the times it was made at. */
function verdicts(runDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of readdirSync(runDir).filter((n) => !n.includes('.')).sort()) {
    const r = JSON.parse(readFileSync(join(runDir, name, 'results.json'), 'utf8'));
    out[name] = {
      score: r.score,
      max_score: r.max_score,
      tests: r.tests.map((t: { name: string; score: number; max_score: number; status: string; output: string }) =>
        [t.name, t.score, t.max_score, t.status, t.output.replace(/\d+(\.\d+)? ms/g, 'N ms')]),
    };
  }
  return out;
}

test('grade --shard 1/2 and 2/2, joined by report --merge, give the report of one unsharded run', () => {
  const work = mkdtempSync(join(tmpdir(), 'netgrade-shards-'));
  try {
    const subs = { ana: '((t - p.s) % p.tau + p.tau) % p.tau', ben: '(t - p.s) % p.tau' };
    const dirs = Object.entries(subs).map(([name, mod]) => {
      const dir = join(work, 'submissions', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.ts'), GATE(mod));
      return dir;
    });
    grade(dirs, join(work, 'whole'));
    grade(dirs, join(work, 'shard-1'), ['--shard', '1/2']);
    grade(dirs, join(work, 'shard-2'), ['--shard', '2/2']);
    execFileSync(tsx, [join(root, 'harness/cli/report.ts'), '--merge', join(work, 'shard-1'), join(work, 'shard-2'), '--out', join(work, 'merged')],
      { cwd: root, stdio: 'pipe', timeout: 120_000 });

    // each shard graded one of the two, and together they cover both
    expect(Object.keys(verdicts(join(work, 'shard-1'))).length).toBe(1);
    expect(Object.keys(verdicts(join(work, 'shard-2'))).length).toBe(1);
    const whole = verdicts(join(work, 'whole'));
    expect(Object.keys(whole)).toEqual(['ana', 'ben']);
    expect(verdicts(join(work, 'merged'))).toEqual(whole);
    // and the verdicts are the real ones: the floor modulo passes, the truncating % does not
    const gate = (name: string) => (whole[name] as { tests: unknown[][] }).tests.find((t) => String(t[0]).includes('[timeGate.values]'));
    expect(gate('ana')?.[3]).toBe('passed');
    expect(gate('ben')?.[3]).toBe('failed');
    const overview = readFileSync(join(work, 'merged', 'index.html'), 'utf8');
    expect(overview).toContain('ana');
    expect(overview).toContain('ben');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
