/**
 * Joining shards: the runs of several store folders (one per shard or machine) as one list,
 * each run once (by key), in the job list's order — submission, model, dataset, T, seed —
 * so a merged set of shards equals one unsharded run. `npm run report -- --merge <dirs>`
 * calls this for the training runs.
 */
import type { TrainingRun } from './types';
import { readRunStores } from './run-store';

const order = (a: TrainingRun, b: TrainingRun): number =>
  a.submission.localeCompare(b.submission) || a.model.localeCompare(b.model) || a.dataset.localeCompare(b.dataset)
  || a.T - b.T || a.seed - b.seed || a.key.localeCompare(b.key);

/** Run lists joined, deduplicated by key (the first list wins), sorted in job order. */
export function mergeRuns(runLists: ReadonlyArray<readonly TrainingRun[]>): TrainingRun[] {
  const byKey = new Map<string, TrainingRun>();
  for (const runs of runLists) for (const run of runs) if (!byKey.has(run.key)) byKey.set(run.key, run);
  return [...byKey.values()].sort(order);
}

/** The training runs of several run directories' store.jsonl, merged (what `report --merge` shows). */
export function mergeStores(dirs: readonly string[]): TrainingRun[] {
  return mergeRuns(dirs.map((d) => readRunStores([d])));
}
