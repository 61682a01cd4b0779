/**
 * Micro-benchmarks (tinybench): forward and forward+backward of each model of the profile
 * (`standard`; `quick` with --quick) at its sizes, for the reference and every submission
 * in submissions/ (or the bench's tiny vanilla-RNN fixture when there is none), each in
 * its own sandboxed process; submissions as a ratio to the reference.
 */
import { join } from 'node:path';
import type { BenchOptions } from '../harness/cli/bench';
import { discoverOne, discoverRoot, type DiscoveredSubmission } from '../harness/discover';
import { loadProfile } from '../harness/profiles';
import { openSandboxed } from '../harness/sandbox';
import { PROJECT_ROOT } from '../harness/sandbox/paths';
import { microBenchmarks } from '../harness/experiments/micro-compare';
import type { MicroBenchmark } from '../harness/results/types';

const FIXTURES = join(PROJECT_ROOT, 'harness', 'experiments', 'fixtures');

async function open(s: DiscoveredSubmission) {
  const opened = await openSandboxed(s, { opTimeoutMs: 300_000 });
  if (opened.status !== 'loaded') console.log(`note: ${s.name} does not load (${opened.error.message.slice(0, 120)})`);
  return opened.status === 'loaded' ? opened.handle : undefined;
}

function row(b: MicroBenchmark): string {
  const ratio = b.ratioToReference === undefined ? '' : `  ×${b.ratioToReference.toFixed(2)} of the reference`;
  return `  ${b.submission.padEnd(30)} ${b.model.padEnd(10)} ${b.task.padEnd(17)} B=${b.sizes.batch} T=${b.sizes.T} H=${b.sizes.hidden}: `
    + `mean ${b.meanMs.toFixed(2)} ms, p99 ${b.p99Ms.toFixed(2)} ms, ±${b.rme.toFixed(1)}%, ${b.samples} samples${ratio}`;
}

export default async function run({ quick }: BenchOptions): Promise<void> {
  const profile = loadProfile(quick ? 'quick' : 'standard');
  const timing = { timeMs: quick ? 200 : 2000, iterations: quick ? 5 : 20 };
  let reference = await open(discoverOne(join(PROJECT_ROOT, 'reference')) as DiscoveredSubmission);
  if (!reference) reference = await open(discoverOne(join(FIXTURES, 'reference-models.fixture-submission')) as DiscoveredSubmission);
  if (!reference) throw new Error('micro.bench requires the reference models to load, got a load failure for both reference/ and the bench fixture.');
  const found = discoverRoot(join(PROJECT_ROOT, 'submissions')).submissions;
  const others = found.length ? found : [discoverOne(join(FIXTURES, 'tiny-rnn.fixture-submission')) as DiscoveredSubmission];
  try {
    console.log(`profile ${profile.name}; ${timing.timeMs} ms and ≥ ${timing.iterations} samples per task`);
    for (const b of await microBenchmarks(reference, undefined, profile, timing)) console.log(row(b));
    for (const s of others) {
      const handle = await open(s);
      if (!handle) continue;
      try {
        for (const b of await microBenchmarks(handle, reference, profile, timing)) console.log(row(b));
      } finally {
        await handle.close();
      }
    }
  } finally {
    await reference.close();
  }
}
