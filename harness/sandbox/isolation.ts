/**
 * How a submission's process is isolated on this machine, decided once per grading process
 * and printed once (and recorded in every report's reproducibility block):
 *
 * | layer | when | what it stops |
 * |---|---|---|
 * | Node's permission model | always | reads outside the private copy, the worker bundle and the tensor library; any write; child processes; worker threads; native addons |
 * | an unprivileged user of its own | the grader runs as root and `setpriv` exists | signalling the grader or another lane; reading anything the OS does not let every user read; outliving the grader (parent-death signal) |
 * | its own network namespace | the grader runs as root and `unshare --net` works | any network, loopback included (the namespace's `lo` is down) |
 * | its own session | otherwise | the grader's terminal signals (Ctrl-C reaches the grader, which then stops the child) |
 *
 * Each lane gets its own user id (`BASE_UID + lane`), so two submissions graded at once
 * cannot read or signal each other either.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, parse } from 'node:path';

export const BASE_UID = 2_000_100;

export interface Isolation {
  /** run the child as its own unprivileged user */
  user: boolean;
  /** run the child in a network namespace of its own */
  network: boolean;
  /** one line for the terminal and the reproducibility block */
  summary: string;
}

function works(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 5000 }).status === 0;
  } catch {
    return false;
  }
}

/** Every folder from `path` up to `/` lets other users through (o+x), and the file itself is world-readable. */
function worldReadable(path: string): boolean {
  try {
    if ((statSync(path).mode & 0o004) === 0) return false;
    for (let d = dirname(path); ; d = dirname(d)) {
      if ((statSync(d).mode & 0o001) === 0) return false;
      if (d === parse(d).root) return true;
    }
  } catch {
    return false;
  }
}

let decided: Isolation | undefined;

/**
 * The isolation this machine allows. `needs` are paths the child must read as another user
 * (the tensor library, the worker bundle); if one is not world-readable, the child keeps the
 * grader's user. `NETGRADE_ISOLATION=permission-only` turns the OS layers off (debugging).
 */
export function detectIsolation(needs: string[]): Isolation {
  if (decided) return decided;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const off = process.env.NETGRADE_ISOLATION === 'permission-only';
  const readable = needs.every((p) => { try { accessSync(p, constants.R_OK); return worldReadable(p); } catch { return false; } });
  const user = root && !off && readable && works('setpriv', ['--reuid', String(BASE_UID), '--regid', String(BASE_UID), '--clear-groups', '--pdeathsig', 'KILL', 'true']);
  const network = root && !off && works('unshare', ['--net', 'true']);
  const layers = ['permission model (reads: private copy, worker, tensor library; no writes, processes, threads, addons)'];
  layers.push(user ? 'own unprivileged user per lane' : `same user as the grader (${!root ? 'not running as root' : off ? 'NETGRADE_ISOLATION=permission-only' : !readable ? 'node_modules is not readable by other users' : 'setpriv unavailable'}), own session`);
  layers.push(network ? 'no network (own network namespace)' : `network not isolated (${!root ? 'needs root for unshare --net' : off ? 'NETGRADE_ISOLATION=permission-only' : 'unshare --net unavailable'})`);
  decided = { user, network, summary: `isolation: ${layers.join('; ')}` };
  return decided;
}

/**
 * The command that starts the child: `node …` wrapped in `unshare --net` and `setpriv`
 * as the isolation allows. `lane` picks the user id.
 */
export function wrapCommand(isolation: Isolation, lane: number, node: string, args: string[]): { command: string; args: string[] } {
  let command = node;
  let argv = args;
  if (isolation.user) {
    const uid = String(BASE_UID + lane);
    // --pdeathsig: the kernel kills the child when the grader dies, even mid-loop (it cannot outlive the grader)
    argv = ['--reuid', uid, '--regid', uid, '--clear-groups', '--pdeathsig', 'KILL', '--', command, ...argv];
    command = 'setpriv';
  }
  if (isolation.network) {
    argv = ['--net', '--', command, ...argv];
    command = 'unshare';
  }
  return { command, args: argv };
}

/** The uid/gid a lane's child runs as, when the isolation switches users. */
export function laneOwner(isolation: Isolation, lane: number): { uid: number; gid: number } | undefined {
  return isolation.user ? { uid: BASE_UID + lane, gid: BASE_UID + lane } : undefined;
}
