/**
 * Where the checks-only time of one submission goes: the straightforward tfjs submission
 * with every part (test/fixtures/straightforward), a fresh distinct copy per round so no
 * cache answers, graded with the `standard` profile (quick: `quick`) through the sandbox as
 * `npm run grade -- --no-experiments` does. Phases, each timed on its own:
 *
 * - type check: the pass that runs beside the grading, alone: in a fresh process (what each
 *   submission paid while every one started its own) and the next one in the same process;
 * - private copy: copying and compiling the submission for the child;
 * - open: process start, worker bundle, backend, loading the submission;
 * - the checks, grouped by kind (`forward.T50`, `train.sanity`, `sparse`, …), and close;
 * - wall: gradeOne end to end (type check beside), what a lane spends per submission.
 *
 * The machine's speed drifts up to 2× over minutes, so compare phases within one run.
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { BenchOptions } from '../harness/cli/bench';
import { checksFor } from '../harness/checks';
import { typeCheckInBackground } from '../harness/discover/typecheck-process';
import { gradeOne, DEFAULT_RUN, gradeSubmission } from '../harness/grade';
import { loadProfile } from '../harness/profiles';
import { ResultStore } from '../harness/results/store';
import { openSandboxed } from '../harness/sandbox';
import { makePrivateCopy } from '../harness/sandbox/private-copy';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { distinctCopies } from './support/distinct-copies';

const STRAIGHTFORWARD = join(PROJECT_ROOT, 'test', 'fixtures', 'straightforward');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** the kind of a check: its id without the model, e.g. `forward.T50`, `train.sanity` */
const kindOf = (id: string) => id.split('.').slice(1).join('.') || id;

export default async function run({ quick, backend }: BenchOptions): Promise<void> {
  const profile = loadProfile(process.env.NETGRADE_PROFILE ?? (quick ? 'quick' : 'standard'));
  const checks = checksFor(profile);
  const copies = distinctCopies([STRAIGHTFORWARD], 3, 'checks-profile');
  try {
    const [phased, whole, later] = copies.submissions;
    console.log(`profile ${profile.name}: ${checks.length} checks, the straightforward submission, sandboxed, one lane`);

    // before, every submission started a type-check process of its own (the cold figure); now one process serves the run
    let t = performance.now();
    const warnings = await typeCheckInBackground(phased);
    const cold = performance.now() - t;
    t = performance.now();
    await typeCheckInBackground(later);
    console.log(`type check (alone): ${s(cold)} in a fresh process, ${s(performance.now() - t)} for the next submission in the same process${warnings.length ? ` — ${warnings.length} warning(s): ${warnings[0]}` : ''}`);

    t = performance.now();
    makePrivateCopy(phased.dir, phased.name).remove();
    console.log(`private copy + compile: ${s(performance.now() - t)}`);

    t = performance.now();
    const opened = await openSandboxed(phased, { backend, opTimeoutMs: profile.limits.checkTimeoutMs, memoryMb: profile.limits.memoryMb });
    if (opened.status !== 'loaded') throw new Error(`checks-profile requires the straightforward submission to load, got ${opened.error.message}`);
    console.log(`open (process, bundle, backend, submission): ${s(performance.now() - t)}`);

    const byKind = new Map<string, { ms: number; n: number }>();
    const bySubject = new Map<string, number>();
    let last = performance.now();
    const started = last;
    const result = await gradeSubmission(opened.handle, profile, checks, {
      seed: profile.seeds[0] ?? 0,
      onCheck: (r) => {
        const now = performance.now();
        const k = byKind.get(kindOf(r.id)) ?? { ms: 0, n: 0 };
        byKind.set(kindOf(r.id), { ms: k.ms + now - last, n: k.n + 1 });
        bySubject.set(r.subject, (bySubject.get(r.subject) ?? 0) + now - last);
        last = now;
      },
    });
    const checksMs = performance.now() - started;
    t = performance.now();
    await opened.handle.close();
    const closeMs = performance.now() - t;
    console.log(`checks: ${s(checksMs)} (${result.score}/${result.maxScore}; ${result.checks.filter((c) => c.status !== 'passed' && c.status !== 'skipped').map((c) => `${c.id} ${c.status}`).join(', ') || 'every check ran passed or skipped'}), close ${s(closeMs)}`);
    const top = [...byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
    for (const [kind, { ms, n }] of top) console.log(`  ${kind.padEnd(28)} ${s(ms).padStart(7)}  (${n} check${n === 1 ? '' : 's'})`);
    for (const c of result.checks.filter((c) => /train|training/.test(c.id))) console.log(`  ${c.id}: ${'note' in c && c.note ? c.note : c.status}`);
    console.log(`  per part: ${[...bySubject].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${s(ms)}`).join(', ')}`);

    const runDir = mkdtempSync(join(tmpdir(), 'netgrade-checks-profile-'));
    try {
      t = performance.now();
      await gradeOne(whole, { ...DEFAULT_RUN, profile, checks, seed: profile.seeds[0] ?? 0, runDir, sandbox: { backend } }, ResultStore.open(runDir));
      console.log(`wall, gradeOne end to end (type check beside, a second fresh copy): ${s(performance.now() - t)}`);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  } finally {
    copies.remove();
  }
}
