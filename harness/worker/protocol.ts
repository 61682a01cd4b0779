/**
 * The op protocol between the grader and a worker (the submission's process): one table of
 * op name → argument type → result type, and the messages that carry them. The tfjs worker
 * (harness/worker/ops/) implements every op of {@link OpTable}; the Python worker implements
 * the same table for PyTorch submissions. A misnamed op or a wrong argument is a compile
 * error on the grader side (`SubmissionHandle.call`).
 *
 * Types only: the grader and the workers import this file, neither imports the other.
 * Every message a worker sends is validated by the grader before it is read
 * (harness/sandbox/messages.ts): a worker runs untrusted code and may send anything.
 */
import type { ConventionsInfo, ProbeForwardArgs, ProbeForwardResult, ProbeInitArgs, ProbeInitResult, DescribeResult } from './ops/describe';
import type { ForwardArgs, ForwardResult, GradsArgs, GradsResult, HandGradientsResult, InitArgs, InitResult, TimeGateArgs, TimeGateResult } from './ops/recurrent';
import type {
  TextForwardArgs, TextForwardResult, TextGradsArgs, TextGradsResult, TextGreedyArgs, TextGreedyResult, TextInitArgs, TextInitResult,
  TextSampleArgs, TextSampleResult, TextStepsResult, TextTrainArgs, TextTrainResult,
} from './ops/text';
import type { GraphForwardArgs, GraphForwardResult, GraphGradsArgs, GraphGradsResult, GraphInitArgs, GraphInitResult } from './ops/graph';
import type { TrainArgs, TrainOutcome } from './train';
import type { MicroArgs, MicroOutcome } from './micro';
import type { OpError } from './types';

/** Every op a worker answers: `args` goes in, `result` comes back (plain data both ways). */
export interface OpTable {
  describe: { args: Record<string, never>; result: DescribeResult };
  'probe.init': { args: ProbeInitArgs; result: ProbeInitResult };
  'probe.forward': { args: ProbeForwardArgs; result: ProbeForwardResult };
  'recurrent.init': { args: InitArgs; result: InitResult };
  'recurrent.forward': { args: ForwardArgs; result: ForwardResult };
  'recurrent.grads': { args: GradsArgs; result: GradsResult };
  'recurrent.handGradients': { args: GradsArgs; result: HandGradientsResult };
  'timeGate.values': { args: TimeGateArgs; result: TimeGateResult };
  'text.init': { args: TextInitArgs; result: TextInitResult };
  'text.forward': { args: TextForwardArgs; result: TextForwardResult };
  'text.steps': { args: TextForwardArgs; result: TextStepsResult };
  'text.grads': { args: TextGradsArgs; result: TextGradsResult };
  'text.greedy': { args: TextGreedyArgs; result: TextGreedyResult };
  'text.sample': { args: TextSampleArgs; result: TextSampleResult };
  'text.train': { args: TextTrainArgs; result: TextTrainResult };
  'graph.init': { args: GraphInitArgs; result: GraphInitResult };
  'graph.forward': { args: GraphForwardArgs; result: GraphForwardResult };
  'graph.grads': { args: GraphGradsArgs; result: GraphGradsResult };
  train: { args: TrainArgs; result: TrainOutcome };
  'bench.micro': { args: MicroArgs; result: MicroOutcome };
}

export type OpName = keyof OpTable;
export type OpArgs<K extends OpName> = OpTable[K]['args'];
export type OpResult<K extends OpName> = OpTable[K]['result'];

/** The names, for the grader's validation of `call` results and the workers' self-tests. */
export const OP_NAMES = [
  'describe', 'probe.init', 'probe.forward',
  'recurrent.init', 'recurrent.forward', 'recurrent.grads', 'recurrent.handGradients', 'timeGate.values',
  'text.init', 'text.forward', 'text.steps', 'text.grads', 'text.greedy', 'text.sample', 'text.train',
  'graph.init', 'graph.forward', 'graph.grads',
  'train', 'bench.micro',
] as const satisfies readonly OpName[];

/** What the worker learns when it loads a submission (plain data). */
export interface LoadedInfo {
  author?: string;
  provides: string[];
  conventions: ConventionsInfo;
  warnings: string[];
  backend: string;
}

export type ToWorker = { [K in OpName]: { type: 'call'; id: number; op: K; args: OpArgs<K> } }[OpName];

export type FromWorker =
  | { type: 'loaded'; info: LoadedInfo; ms: number }
  | { type: 'load-failed'; error: OpError; ms: number }
  | { type: 'result'; id: number; status: 'ok'; value: unknown; ms: number }
  | { type: 'result'; id: number; status: 'errored'; error: OpError; ms: number }
  /** the submission called process.exit (sent before the exception unwinds, in case it never does) */
  | { type: 'exit-called'; id: number | null; code: string };
