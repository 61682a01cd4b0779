/**
 * A submission's result is finished in one place: the graded checks, plus what the
 * experiments found (its training runs, its comparisons with the reference, the verdict of
 * the reproducibility check, its micro-benchmarks). The grading run stores the finished
 * record once; `report --merge` only reads it (harness/report/merge.ts), so a merge of a run
 * reproduces that run's reports — a comparison withheld for a non-reproducible seed stays
 * withheld.
 */
import type { Comparison, MicroBenchmark, Reproducibility, SubmissionResult, TrainingRun } from './types';

export interface Experimented {
  runs: TrainingRun[];
  comparisons: Comparison[];
  reproducibility?: Reproducibility;
  benchmarks?: MicroBenchmark[];
}

/** Pure: the graded result with what the experiments found; a non-reproducible submission or reference gets no comparison. */
export function finishResult(graded: SubmissionResult, experimented: Experimented | undefined): SubmissionResult {
  if (!experimented) return graded;
  const withheld = experimented.reproducibility?.status === 'not-reproducible';
  return {
    ...graded,
    runs: experimented.runs,
    comparisons: withheld ? [] : experimented.comparisons,
    benchmarks: experimented.benchmarks ?? graded.benchmarks,
    ...(experimented.reproducibility ? { reproducibility: experimented.reproducibility } : {}),
  };
}
