/**
 * The experiments of a grading run (what `npm run grade` calls after the checks): the
 * profile's training runs for the graded submissions and the reference, in the run
 * directory's store, then each SubmissionResult gets its runs and its comparisons with the
 * reference. With `--shard i/n`, the submissions are the shard's (grade shards them) and
 * the reference's runs are split by the same i/n, so no machine repeats another's work and
 * `report --merge` sees every run once.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { DiscoveredSubmission } from '../discover/find';
import { discoverOne } from '../discover/find';
import type { Profile } from '../profiles/types';
import type { SubmissionResult } from '../results/types';
import { openInProcess } from '../sandbox/in-process';
import { PROJECT_ROOT } from '../sandbox/paths';
import { compareSubmissions } from './compare';
import type { Shard } from './jobs';
import { runExperiments } from './run-experiments';
import { runStore } from './run-store';

export interface GradeExperimentsOptions {
  results: SubmissionResult[];
  submissions: readonly DiscoveredSubmission[];
  profile: Profile;
  runDir: string;
  /** parallel training processes; default the number of cores */
  jobs?: number;
  shard?: Shard;
  backend?: string;
  inProcess?: boolean;
  log?: (line: string) => void;
}

export const REFERENCE_NAME = 'reference';

export async function experimentsForGrade(o: GradeExperimentsOptions): Promise<void> {
  if (!o.profile.experiments.length) return;
  const log = o.log ?? ((l: string) => console.log(l));
  const store = runStore(o.runDir);
  const common = {
    profile: o.profile, store, backend: o.backend, log,
    jobs: o.inProcess ? 1 : o.jobs ?? cpus().length,
    open: o.inProcess ? (s: DiscoveredSubmission) => openInProcess(s) : undefined,
  };
  const graded = o.submissions.filter((s) => o.results.some((r) => r.submission.name === s.name && r.status === 'graded'));
  const reference = discoverOne(join(PROJECT_ROOT, 'reference'));
  log(`\nexperiments (profile ${o.profile.name}): ${o.profile.experiments.map((e) => `${e.model} ${e.dataset} L=[${e.lengths.join(', ')}]`).join('; ')} × seeds ${o.profile.seeds.join(', ')}`);
  const notReproducible = new Set<string>();
  const note = (out: { reproducibility: Record<string, { status: string }> }) => {
    for (const [name, r] of Object.entries(out.reproducibility)) if (r.status === 'not-reproducible') notReproducible.add(name);
  };
  if ('entry' in reference && !graded.some((s) => s.dir === reference.dir)) {
    note(await runExperiments({ ...common, submissions: [{ ...reference, name: REFERENCE_NAME }], shard: o.shard }));
  }
  if (graded.length) note(await runExperiments({ ...common, submissions: graded }));
  const hashes = new Set([...graded.map((s) => s.hash), ...('entry' in reference ? [reference.hash] : [])]);
  const runs = store.runs().filter((x) => x.profile === o.profile.name && hashes.has(x.submissionHash));
  for (const r of o.results) {
    r.runs = runs.filter((x) => x.submission === r.submission.name);
    if (notReproducible.has(r.submission.name) || notReproducible.has(REFERENCE_NAME)) {
      r.comparisons = [];
      log(`${r.submission.name}: no convergence comparison — the same seed did not give the same curve`);
      continue;
    }
    r.comparisons = compareSubmissions(runs, r.submission.name, REFERENCE_NAME);
    for (const c of r.comparisons) log(`${r.submission.name} ${c.model} ${c.dataset} T=${c.T}: ${c.sentence}`);
  }
}
