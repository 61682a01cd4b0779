/**
 * A handle on an in-memory submission object, for the checks' own tests: the real op
 * registry, errors mapped by the sandbox's own `toOpError`, no process and no isolation.
 */
import { ops as registry } from '../../worker/ops';
import { toOpError } from '../../worker/op-error';
import type { Submission } from '../../contract';
import type { OpOutcome, SubmissionHandle, SubmissionInfo } from '../../sandbox/types';

export function objectHandle(submission: Submission, name = 'planted', ops: Record<string, (s: Submission, args: any) => unknown> = registry): SubmissionHandle {
  const provides = [...Object.keys(submission.models ?? {}), ...(submission.timeGate ? ['timeGate'] : [])];
  const info: SubmissionInfo = { name, dir: `(memory)/${name}`, hash: name, author: submission.author, provides, conventions: { ...(submission.conventions ?? {}) }, warnings: [] };
  return {
    info,
    async call<R>(op: string, args: unknown): Promise<OpOutcome<R>> {
      const run = ops[op];
      if (!run) return { status: 'errored', error: { cause: 'threw', name: 'UnknownOp', message: `unknown op ${op}` }, ms: 0 };
      try {
        return { status: 'ok', value: (await run(submission, args)) as R, ms: 0 };
      } catch (e) {
        return { status: 'errored', error: toOpError(e), ms: 0 };
      }
    },
    async close() {},
  };
}
