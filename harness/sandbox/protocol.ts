/**
 * The IPC messages between the orchestrator and the worker in the submission's process.
 * Types only: both sides import this file, neither imports the other.
 */
import type { OpError } from './types';
import type { Inspected } from './inspect';

/** What the worker learns when it loads a submission (plain data). */
export type LoadedInfo = Pick<Inspected, 'author' | 'provides' | 'conventions' | 'warnings'> & { backend: string };

export type ToWorker =
  | { type: 'call'; id: number; op: string; args: unknown };

export type FromWorker =
  | { type: 'loaded'; info: LoadedInfo; ms: number }
  | { type: 'load-failed'; error: OpError; ms: number }
  | { type: 'result'; id: number; status: 'ok'; value: unknown; ms: number }
  | { type: 'result'; id: number; status: 'errored'; error: OpError; ms: number }
  /** trusted files the child had to compile because the cache lacked them (the orchestrator fills the cache) */
  | { type: 'compiled'; files: string[] }
  /** the submission called process.exit (sent before the exception unwinds, in case it never does) */
  | { type: 'exit-called'; id: number | null; code: string };
