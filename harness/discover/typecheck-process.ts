/**
 * {@link typeCheckCached} in a separate process (typecheck-main.cjs), so a grading run's
 * type-check pass overlaps the sandboxed grading. A cached result returns at once.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { DiscoveredSubmission } from './find';
import { cachedTypeCheck } from './typecheck';

const MAIN = join(__dirname, 'typecheck-main.cjs');

/** The submission's type-check warnings; never rejects (a failure is itself a warning). */
export function typeCheckInBackground(submission: DiscoveredSubmission): Promise<string[]> {
  const cached = cachedTypeCheck(submission);
  if (cached) return Promise.resolve(cached);
  return new Promise((resolve) => {
    let done = false;
    const finish = (warnings: string[]) => {
      if (!done) resolve(warnings);
      done = true;
    };
    const child = fork(MAIN, [], { execArgv: [], env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
    child.once('message', (warnings) => finish(warnings as string[]));
    child.once('exit', (code) => finish(code === 0 ? [] : [`type check could not run: ${stderr.trim().split('\n').pop() ?? `exit code ${code}`}`]));
    child.once('error', (e) => finish([`type check could not run: ${e.message}`]));
    child.send({ ...submission });
  });
}
