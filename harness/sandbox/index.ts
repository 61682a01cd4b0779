/**
 * The sandbox — the second phase: run a submission in isolation and talk to it in plain data.
 *
 * - {@link openSandboxed}: its own child process under Node's permission model, with time
 *   and memory limits (the default for grading).
 * - {@link openInProcess}: the same ops in the calling process, for trusted code and fast tests.
 * - Ops (harness/worker/ops/) run inside the submission's process; harness/checks/op-failure.ts
 *   words an op that did not return for students.
 */
export { openSandboxed, SandboxedHandle, DEFAULT_SANDBOX, childFlags, childReadable, isolation } from './sandboxed';
export type { SandboxOptions, Opened } from './sandboxed';
export { openInProcess } from './in-process';
export { toOpError, ExitCalled } from '../worker/op-error';
export { inspectSubmission, defaultExport, InvalidSubmission, MISSING_DEFAULT } from '../worker/inspect';
export { toWire, fromWire, toWireParams, fromWireParams } from '../worker/wire';
export { PROJECT_ROOT, CACHE_DIR, NODE_MODULES } from './paths';
export type * from './types';
