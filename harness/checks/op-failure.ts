/**
 * Calling a submission's op from a check, and what a student reads when their code did not
 * return: the one wording of an exception, a wrong kind of result, a crash, an exit, a
 * memory or permission violation, a missing part and a time-out, for every check family
 * (recurrent, time gate, text, graph) and for a whole check that ran out of time
 * (grade/grade-submission.ts).
 *
 * Example: `opFailure({ status: 'timed-out', limitMs: 1500, ms: 1500 }, 'models.lstm.forward')`
 * → { status: 'timed-out', limitMs: 1500, hint: 'models.lstm.forward did not finish within
 * 1.5 s; look for a loop that never ends (…)' }.
 */
import type { SubmissionHandle } from '../sandbox/types';
import type { OpArgs, OpName, OpResult } from '../worker/protocol';
import type { ErrorCause, OpOutcome } from '../worker/types';
import type { CheckContext, CheckOutcome } from './types';

/** One fix per cause; the message beside it says what happened. */
export const OP_FAILURE_HINTS: Record<ErrorCause, string> = {
  threw: 'Your code threw an exception; the message says which. Call the same function on a small input to see where.',
  'bad-output': 'Return what the contract asks for (harness/contract.ts): a tensor of the documented shape, or a record of parameter tensors.',
  crashed: 'The process running your code died; look for native crashes or unbounded recursion.',
  exited: 'Your code called process.exit; a library function must return or throw, never end the process. Remove the call.',
  'out-of-memory': 'Your code used more memory than allowed: dispose tensors you create (wrap forward in tf.tidy) and avoid growing arrays in loops.',
  permission: 'Submissions may only read their own folder and installed packages: no reading the harness fixtures, writing files, starting processes or workers.',
  'load-failed': 'Your index.ts could not be loaded; fix the error above so the module imports cleanly (`npm run grade -- submissions/<you>`).',
  'not-submitted': 'Not submitted: export it under the contract\'s name in your default export (see submissions/README.md).',
};

/** `where` (e.g. "models.lstm.forward", "the check") did not finish within `limitMs`. */
export function timedOutHint(where: string, limitMs: number): string {
  return `${where} did not finish within ${(limitMs / 1000).toFixed(1)} s; look for a loop that never ends (e.g. a while over time steps whose counter never grows) or a very slow implementation (e.g. a Python-style loop over batch elements).`;
}

/**
 * The errored or timed-out check outcome for an op that did not return; `where` names the
 * student's function the op called. An error named NotSubmitted counts as not submitted,
 * and a thrown error's class is kept in the message unless it is a plain Error.
 */
export function opFailure(outcome: Exclude<OpOutcome<unknown>, { status: 'ok' }>, where: string): Extract<CheckOutcome, { status: 'errored' | 'timed-out' }> {
  if (outcome.status === 'timed-out') return { status: 'timed-out', limitMs: outcome.limitMs, hint: timedOutHint(where, outcome.limitMs) };
  const { name, message } = outcome.error;
  const cause: ErrorCause = outcome.error.cause === 'not-submitted' || name === 'NotSubmitted' ? 'not-submitted' : outcome.error.cause;
  const shown = cause === 'threw' && name !== 'Error' && name !== 'non-Error' ? `${name}: ${message}` : message;
  return { status: 'errored', cause, message: `${where}: ${shown}`, hint: OP_FAILURE_HINTS[cause] };
}

/** Calls an op; an ok outcome gives its value, anything else a ready check outcome. */
export async function call<K extends OpName>(ctx: CheckContext, op: K, args: OpArgs<K>, what: string, timeoutMs = ctx.profile.limits.checkTimeoutMs): Promise<{ value: OpResult<K> } | { outcome: CheckOutcome }> {
  const outcome = await ctx.handle.call(op, args, { timeoutMs });
  return outcome.status === 'ok' ? { value: outcome.value } : { outcome: opFailure(outcome, what) };
}

/** The part is not in the submission's default export: no op needed to say so. */
export function notSubmitted(handle: SubmissionHandle, part: string): CheckOutcome | undefined {
  if (handle.info.provides.includes(part)) return undefined;
  return {
    status: 'errored', cause: 'not-submitted', message: `${part} is not submitted`,
    hint: `not submitted: add ${part === 'timeGate' ? 'timeGate' : `models.${part}`} to your default export (see submissions/README.md)`,
  };
}
