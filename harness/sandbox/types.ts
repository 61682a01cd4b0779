/**
 * The interface between the checks/benchmarks (orchestrator side) and a running submission.
 *
 * The orchestrator never hands a submission the expected values: it sends inputs as plain
 * data, an *op* runs inside the submission's process (harness/sandbox/ops/), and the
 * answer comes back as plain data to be compared in the orchestrator.
 */

/** A tensor as plain data, cheap to send over IPC (structured clone keeps typed arrays). */
export interface WireTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}
export type WireParams = Record<string, WireTensor>;

/** Why an op did not return a value. */
export type ErrorCause =
  | 'threw'            // the submission threw (an Error or anything else)
  | 'bad-output'       // returned something of the wrong kind/shape
  | 'crashed'          // the process died (signal, native crash)
  | 'exited'           // the submission called process.exit
  | 'out-of-memory'    // heap or RSS cap exceeded
  | 'permission'       // tried to write files, spawn processes, open workers…
  | 'load-failed'      // the module could not be loaded (syntax error, missing export…)
  | 'not-submitted';   // the part the op needs is missing

export interface OpError { cause: ErrorCause; name: string; message: string; stack?: string }

export type OpOutcome<R> =
  | { status: 'ok'; value: R; ms: number }
  | { status: 'errored'; error: OpError; ms: number }
  | { status: 'timed-out'; limitMs: number; ms: number };

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
  /** Run `op` (a key of the op registry) with plain-data `args` inside the submission's process. */
  call<R = unknown>(op: string, args: unknown, options?: { timeoutMs?: number }): Promise<OpOutcome<R>>;
  /** Stop the op that runs now (it resolves as timed-out); the next call starts afresh. Sandboxed handles only. */
  interrupt?(): Promise<void>;
  close(): Promise<void>;
}
