/**
 * The in-process handle: the same ops on a submission loaded into the calling process.
 * No isolation — only for trusted code (the reference, the harness's own fast
 * tests): an endless loop blocks, `process.exit` exits, a leak stays. A time limit still
 * applies to asynchronous ops (the call resolves as timed-out; the op cannot be stopped).
 */
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import { selectBackend } from '../backend';
import type { DiscoveredSubmission } from '../discover/find';
import { defaultExport, inspectSubmission } from '../worker/inspect';
import { toOpError } from '../worker/op-error';
import { ops } from '../worker/ops';
import type { Opened } from './sandboxed';
import type { OpOutcome, SubmissionHandle, SubmissionInfo } from './types';
import type { Submission } from '../contract';
import type { OpArgs, OpName, OpResult } from '../worker/protocol';

class InProcessHandle implements SubmissionHandle {
  constructor(readonly info: SubmissionInfo, private readonly submission: Submission, private readonly opTimeoutMs: number) {}

  async call<K extends OpName>(op: K, args: OpArgs<K>, options: { timeoutMs?: number } = {}): Promise<OpOutcome<OpResult<K>>> {
    const limitMs = options.timeoutMs ?? this.opTimeoutMs;
    const started = performance.now();
    const run = Object.hasOwn(ops, op) ? (ops[op] as (s: Submission, a: OpArgs<K>) => OpResult<K> | Promise<OpResult<K>>) : undefined;
    if (!run) return { status: 'errored', error: { cause: 'threw', name: 'UnknownOp', message: `op "${String(op)}" requires an op of the protocol (harness/worker/protocol.ts), got none of that name` }, ms: 0 };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timed-out'>((resolve) => { timer = setTimeout(() => resolve('timed-out'), limitMs); });
    try {
      const value = await Promise.race([Promise.resolve().then(() => run(this.submission, args)), timeout]);
      const ms = performance.now() - started;
      return value === 'timed-out' ? { status: 'timed-out', limitMs, ms } : { status: 'ok', value, ms };
    } catch (e) {
      return { status: 'errored', error: toOpError(e), ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {}
}

/** Load a submission into this process (trusted code only). */
export async function openInProcess(submission: DiscoveredSubmission, options: { opTimeoutMs?: number; warnings?: string[] } = {}): Promise<Opened> {
  const info: SubmissionInfo = { name: submission.name, dir: submission.dir, hash: submission.hash, provides: [], conventions: {}, warnings: [...(options.warnings ?? [])] };
  await selectBackend();
  const entryName = basename(submission.entry);
  try {
    const inspected = inspectSubmission(defaultExport(require(submission.entry), entryName), entryName);
    const loaded = { ...info, author: inspected.author, provides: inspected.provides, conventions: inspected.conventions, warnings: [...info.warnings, ...inspected.warnings] };
    return { status: 'loaded', handle: new InProcessHandle(loaded, inspected.submission, options.opTimeoutMs ?? 30_000) };
  } catch (e) {
    const error = toOpError(e);
    return { status: 'load-failed', info, error: { ...error, cause: error.cause === 'permission' ? 'permission' : 'load-failed', message: `${entryName} could not be loaded: ${error.name}: ${error.message}` } };
  }
}
