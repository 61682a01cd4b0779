/**
 * From an op that did not return to what a student reads: one hint per cause. Checks use
 * {@link explainFailure} to turn a failed {@link OpOutcome} into their errored/timed-out
 * outcome, so every check words a crash, a hang or an exit the same way.
 */
import type { ErrorCause, OpOutcome } from './types';

export const HINTS: Record<ErrorCause, string> = {
  threw: 'Your code threw an exception; the message and the first stack frame in your files say where.',
  'bad-output': 'Return what the contract asks for (harness/contract.ts): a tensor of the documented shape, or a record of parameter tensors.',
  crashed: 'The process running your code died; look for native crashes or unbounded recursion.',
  exited: 'Your code called process.exit; a library function must return or throw, never end the process. Remove the call.',
  'out-of-memory': 'Your code used more memory than allowed: dispose tensors you create (wrap forward in tf.tidy) and avoid growing arrays in loops.',
  permission: 'Submissions may only read their own folder and installed packages: no reading the harness fixtures, writing files, starting processes or workers.',
  'load-failed': 'Your index.ts could not be loaded; fix the error above so the module imports cleanly (`npm run grade -- submissions/<you>`).',
  'not-submitted': 'This part is missing from your default export; add it under `models` (see submissions/_template/index.ts).',
};

export type ExplainedFailure =
  | { status: 'errored'; cause: ErrorCause; message: string; hint: string }
  | { status: 'timed-out'; limitMs: number; hint: string };

/** The errored or timed-out check outcome for an op that did not return; `where` names the call, e.g. "lstm.forward". */
export function explainFailure(outcome: Exclude<OpOutcome<unknown>, { status: 'ok' }>, where: string): ExplainedFailure {
  if (outcome.status === 'timed-out') {
    return { status: 'timed-out', limitMs: outcome.limitMs, hint: `${where} did not finish within ${(outcome.limitMs / 1000).toFixed(1)} s; look for a loop that never ends (e.g. a while over time steps whose counter never grows).` };
  }
  const { cause, name, message } = outcome.error;
  const shown = cause === 'threw' && name !== 'Error' && name !== 'non-Error' ? `${name}: ${message}` : message;
  return { status: 'errored', cause, message: `${where}: ${shown}`, hint: HINTS[cause] };
}
