/**
 * Grading — the orchestrator: checks × a loaded submission → a SubmissionResult.
 *
 * - {@link gradeSubmission}(handle, profile, checks, { seed, store }) grades one loaded submission.
 * - {@link loadFailedResult} is the one result of a submission that could not load.
 * - {@link gradeAll} runs discovery's output through type-check → sandbox → grade → store.
 */
export { gradeSubmission, loadFailedResult, runCheck, scoreOutcome, partScores, metaOf, seedKey, CHECK_THREW_HINT, HIDDEN_WITHOUT_SECRET, TIME_OUTS_PER_PART } from './grade-submission';
export type { GradeOptions } from './grade-submission';
export { gradeAll, gradeOne, shardOf, parseShard, isFinal, DEFAULT_RUN, defaultJobs } from './run';
export { submissionProgress } from './progress';
export type { SubmissionProgress } from './progress';
export type { RunOptions } from './run';
export { toError } from './to-error';
