/**
 * What the two sandboxed children — the tfjs worker (./sandboxed.ts) and the PyTorch worker
 * (./python-process.ts) — share about ending one: reading its resident memory, the error a
 * kill gives whatever waits on it, ending the op in flight, and closing. Both kill with
 * SIGKILL and forget the process; the next request starts a fresh one.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { OpError, OpOutcome } from './types';

/** The op running in a child: how it resolves, when it started, its time limit's timer. */
export interface Pending { id: number; op: string; resolve: (o: OpOutcome<unknown>) => void; started: number; timer: NodeJS.Timeout }

/** Why the grader kills a child: an op's time limit, the memory cap, or closing the sandbox. */
export type KillReason = 'timeout' | 'memory' | 'close';

/** The child's resident memory in MB from /proc, undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The error the load or op waiting on a killed child gets. */
export function killError(reason: KillReason, peakMb: number, rssLimitMb: number): OpError {
  return reason === 'memory'
    ? { cause: 'out-of-memory', name: 'OutOfMemory', message: `used ${Math.round(peakMb)} MB of memory, more than the ${rssLimitMb} MB limit, and was stopped` }
    : { cause: 'crashed', name: 'Stopped', message: reason === 'timeout' ? 'the process was stopped at its time limit' : 'the sandbox was closed' };
}

/** Ends the op in flight (if any) with `outcome` of its start time; its timer is cleared. */
export function endPending(pending: Pending | undefined, outcome: (started: number) => OpOutcome<unknown>): void {
  if (!pending) return;
  clearTimeout(pending.timer);
  pending.resolve(outcome(pending.started));
}

/** Kills `child` through `kill` (which forgets it) and waits until it has exited. */
export async function killAndWait(child: ChildProcess | undefined, kill: () => void): Promise<void> {
  if (!child) return;
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  kill();
  if (child.exitCode === null && child.signalCode === null) await ended;
}
