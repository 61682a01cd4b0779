/**
 * An op is what the orchestrator may ask of a loaded submission. It runs INSIDE the
 * submission's sandboxed process: it must not import orchestrator code (harness/grade,
 * harness/cli, harness/report, fixtures). Arguments and results are plain data
 * (WireTensor for tensors) so they cross IPC unchanged.
 */
import type { Submission } from '../../contract';

export type Op = (submission: Submission, args: any) => unknown | Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type OpRegistry = Record<string, Op>;
