/**
 * The interface between the checks/benchmarks (orchestrator side) and a running submission.
 *
 * The orchestrator never hands a submission the expected values: it sends inputs as plain
 * data, an *op* runs inside the submission's process (harness/worker/ops/), and the
 * answer comes back as plain data to be compared in the orchestrator.
 */
import type { OpOutcome } from '../worker/types';
import type { OpArgs, OpName, OpResult } from '../worker/protocol';

export interface SubmissionInfo {
  /** folder name under submissions/ */
  name: string;
  dir: string;
  /** content hash of the submission's files (sha256 hex) */
  hash: string;
  author?: string;
  /** parts the default export provides, e.g. ['lstm', 'gru', 'timeGate'] */
  provides: string[];
  conventions: { gru?: string; temperature?: string };
  /** TypeScript diagnostics, as `file:line: message` */
  warnings: string[];
}

/** A submission loaded in its own process (or in-process for the harness's own tests). */
export interface SubmissionHandle {
  readonly info: SubmissionInfo;
  /** Run `op` (an op of the protocol's table) with plain-data `args` inside the submission's process. */
  call<K extends OpName>(op: K, args: OpArgs<K>, options?: { timeoutMs?: number }): Promise<OpOutcome<OpResult<K>>>;
  /** Stop the op that runs now (it resolves as timed-out); the next call starts afresh. Sandboxed handles only. */
  interrupt?(): Promise<void>;
  close(): Promise<void>;
}

export type { WireTensor, WireParams, ErrorCause, OpError, OpOutcome } from '../worker/types';
