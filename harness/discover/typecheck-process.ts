/**
 * {@link typeCheckCached} in a separate process (typecheck-main.cjs), so a grading run's
 * type-check pass overlaps the sandboxed grading. A cached result returns at once.
 *
 * One process serves every submission of the run, one at a time: it parses tfjs's and
 * Node's declarations once (the first submission takes ~15 s, each later one 1–4 s), and
 * parallel lanes do not each add a compiler beside their grading. The process holds the
 * event loop only while a type check is pending, so a run ends without closing it.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DiscoveredSubmission } from './find';
import { cachedTypeCheck } from './typecheck';

const MAIN = join(__dirname, 'typecheck-main.cjs');

interface Checker { child: ChildProcess; pending: Map<number, (warnings: string[]) => void>; stderr: string }
let checker: Checker | undefined;
let nextId = 1;

/** Hold the event loop while a check is pending, let it go when idle. */
function hold(c: Checker): void {
  const stderr = c.child.stderr as (NodeJS.ReadableStream & { ref?(): void; unref?(): void }) | null;
  if (c.pending.size) { c.child.ref(); c.child.channel?.ref(); stderr?.ref?.(); } else { c.child.unref(); c.child.channel?.unref(); stderr?.unref?.(); }
}

function start(): Checker {
  const child = fork(MAIN, [], { execArgv: [], env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  const c: Checker = { child, pending: new Map(), stderr: '' };
  const failAll = (warning: string) => {
    if (checker === c) checker = undefined;
    for (const resolve of c.pending.values()) resolve([warning]);
    c.pending.clear();
  };
  child.stderr?.on('data', (chunk: Buffer) => { c.stderr = (c.stderr + chunk.toString()).slice(-2000); });
  child.on('message', (m: { id: number; warnings: string[] }) => {
    c.pending.get(m.id)?.(m.warnings);
    c.pending.delete(m.id);
    hold(c);
  });
  child.once('exit', (code) => failAll(`type check could not run: ${c.stderr.trim().split('\n').pop() || `exit code ${code}`}`));
  child.once('error', (e) => failAll(`type check could not run: ${e.message}`));
  return c;
}

/** The submission's type-check warnings; never rejects (a failure is itself a warning). */
export function typeCheckInBackground(submission: DiscoveredSubmission): Promise<string[]> {
  const cached = cachedTypeCheck(submission);
  if (cached) return Promise.resolve(cached);
  checker ??= start();
  const c = checker;
  const id = nextId++;
  return new Promise((resolve) => {
    c.pending.set(id, resolve);
    hold(c);
    c.child.send({ id, submission: { ...submission } }, (e) => {
      if (e && c.pending.delete(id)) { resolve([`type check could not run: ${e.message}`]); hold(c); }
    });
  });
}
