/**
 * The progress line of a grading run, printed as each submission ends:
 * `graded 7/29 · ETA 3 min`. The ETA is the wall time per submission graded so far (with
 * every lane busy, that is the run's real pace) times the submissions left; stored results
 * count as done but not into the pace, since they cost nothing.
 */
import { formatDuration } from '../experiments/projection';

export interface SubmissionProgress {
  /** a submission ended (`cached`: its stored result was reused); returns the line to print */
  ended(cached: boolean): string;
}

/** Progress over `total` submissions; `now` is for tests. */
export function submissionProgress(total: number, now: () => number = Date.now): SubmissionProgress {
  const started = now();
  let done = 0;
  let graded = 0;
  return {
    ended(cached) {
      done += 1;
      if (!cached) graded += 1;
      const left = total - done;
      const eta = left > 0 && graded > 0 ? ` · ETA ${formatDuration(((now() - started) / graded) * left)}` : '';
      return `graded ${done}/${total}${eta}`;
    },
  };
}
