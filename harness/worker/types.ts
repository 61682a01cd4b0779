/**
 * Plain data that crosses the process boundary between the grader and a worker (tfjs or
 * Python): tensors as values, and why an op did not return. Types only; both sides import
 * this file and nothing above it.
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
  | 'bad-output'       // returned something of the wrong kind/shape, or sent a malformed message
  | 'crashed'          // the process died (signal, native crash)
  | 'exited'           // the submission called process.exit
  | 'out-of-memory'    // heap or RSS cap exceeded
  | 'permission'       // tried to write files, spawn processes, open workers, read outside its copy…
  | 'load-failed'      // the module could not be loaded (syntax error, missing export…)
  | 'not-submitted';   // the part the op needs is missing

export interface OpError { cause: ErrorCause; name: string; message: string; stack?: string }

export type OpOutcome<R> =
  | { status: 'ok'; value: R; ms: number }
  | { status: 'errored'; error: OpError; ms: number }
  | { status: 'timed-out'; limitMs: number; ms: number };
