/**
 * A check is data plus a plain function. The orchestrator (harness/grade) runs each check
 * against a {@link SubmissionHandle}, gives it the profile's points and timeout, and turns
 * whatever it returns or throws into a {@link CheckResult}.
 */
import type { SubmissionHandle } from '../sandbox/types';
import type { Profile } from '../profiles/types';
import type { CheckArtifacts, CheckMeta, Diagnosis } from '../results/types';
import type { ErrorCause } from '../sandbox/types';

export interface CheckContext {
  handle: SubmissionHandle;
  profile: Profile;
  /** the grading seed, printed in every report */
  seed: number;
  /** the instructor's secret that seeds hidden checks' inputs (never printed, never stored); absent: hidden checks are skipped */
  secret?: string;
}

/** What a check's function returns; the orchestrator adds meta, points and timing. */
export type CheckOutcome =
  /** `fraction` (0…1, default 1) is the share of the points earned */
  | { status: 'passed'; note?: string; fraction?: number; artifacts?: CheckArtifacts }
  | { status: 'failed'; expected: string; actual: string; hint: string; diagnosis?: Diagnosis; fraction?: number; artifacts?: CheckArtifacts }
  | { status: 'errored'; cause: ErrorCause; message: string; hint: string }
  | { status: 'timed-out'; limitMs: number; hint: string }
  | { status: 'skipped'; reason: string };

/** Points come from the profile's rubric, not from the check. */
export interface Check extends Omit<CheckMeta, 'points'> {
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
