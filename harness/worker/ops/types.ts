/**
 * An op is what the grader may ask of a loaded submission. It runs INSIDE the submission's
 * process: it imports only the tensor library, the contract, data code and the worker's own
 * files (test/the-worker-bundle-holds-no-answer-key.test.ts). Arguments and results are
 * plain data (WireTensor for tensors) so they cross IPC unchanged; their types are the
 * protocol's table (../protocol.ts).
 */
import type { Submission } from '../../contract';
import type { OpArgs, OpName, OpResult } from '../protocol';

export type Op<K extends OpName> = (submission: Submission, args: OpArgs<K>) => OpResult<K> | Promise<OpResult<K>>;
/** Some ops of the table (one family's file). */
export type OpFamily<K extends OpName> = { readonly [P in K]: Op<P> };
/** Every op of the table: the compiler checks that the worker answers all of them. */
export type OpRegistry = OpFamily<OpName>;
