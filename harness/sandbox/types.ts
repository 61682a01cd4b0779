/**
 * The interface between the checks/benchmarks (orchestrator side) and a running submission.
 *
 * The orchestrator never hands a submission the expected values: it sends inputs as plain
 * data, an *op* runs inside the submission's process (harness/worker/ops/), and the
 * answer comes back as plain data to be compared in the orchestrator.
 */
import type { OpOutcome } from '../worker/types';
import type { OpArgs, OpName, OpResult } from '../worker/protocol';
import type { RecurrentSpec } from '../contract';

/** What a submission's own model fixes of its recurrent spec, over the profile's (./model-spec.ts). */
export type ModelSpecOverride = Partial<Pick<RecurrentSpec, 'input' | 'gateBiases'>>;

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
  /**
   * per model, what the submission's model fixes of the spec over the profile's: a PyTorch
   * model that reads the raw digit as one feature (`input: { kind: 'scalar' }`), a 2020 GRU
   * without gate biases (`gateBiases: false`). Set by the PyTorch handle; a tfjs submission
   * reads everything from the spec it is given and never sets it.
   */
  modelSpecs?: Partial<Record<string, ModelSpecOverride>>;
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
