/**
 * The sandboxed handle: a submission in its own child process (grader side).
 *
 * The child runs the worker bundle (harness/sandbox/bundle.ts: harness/worker/ and what it
 * imports, no answer key) on a private copy of the submission (./private-copy.ts: regular
 * files only, TypeScript compiled here) under Node's permission model: reads allowed only
 * for that copy, the bundle and the tensor library's packages (./tensor-library.ts); no
 * writes, child processes, worker threads or addons. Where the machine allows it, the child
 * also runs as an unprivileged user of its own and without network (./isolation.ts). It gets
 * a minimal environment (PATH, LANG, TZ) so no CI secrets reach it.
 *
 * Every message from the child is validated (./messages.ts); a malformed, unexpected or
 * oversized one is the submission's fault (`bad-output`), the child is killed, and the grader
 * goes on. The grader never takes a file name from the child.
 *
 * Limits: a time limit per op (the child is killed → `timed-out`), a JavaScript heap cap
 * (`--max-old-space-size`) and a resident-memory cap polled from /proc (killed →
 * `out-of-memory`). `process.exit` → `exited`; a signal → `crashed`. After a kill the
 * next call starts a fresh process transparently (and reloads the submission).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { DiscoveredSubmission } from '../discover/find';
import type { OpArgs, OpName, OpResult } from '../worker/protocol';
import type { FromWorker, LoadedInfo } from '../worker/protocol';
import { workerBundle } from './bundle';
import { endPending, killAndWait, killError, residentMb } from './child-lifecycle';
import type { KillReason, Pending } from './child-lifecycle';
import { detectIsolation, laneOwner, wrapCommand } from './isolation';
import type { Isolation } from './isolation';
import { checkResult, readMessage } from './messages';
import { makePrivateCopy } from './private-copy';
import type { PrivateCopy } from './private-copy';
import { NODE_MODULES } from './paths';
import { tensorLibraryPaths } from './tensor-library';
import type { OpError, OpOutcome, SubmissionHandle, SubmissionInfo } from './types';

export interface SandboxOptions {
  /** time limit of one op when the call gives none (ms); default 30 000 */
  opTimeoutMs: number;
  /** time to start the process, select the backend and load the submission (ms); default 60 000 */
  loadTimeoutMs: number;
  /** JavaScript heap cap, `--max-old-space-size` (MB); default 2048 */
  memoryMb: number;
  /** resident-memory cap (MB), which also covers wasm memory; default memoryMb + 512 */
  rssLimitMb?: number;
  /** NETGRADE_BACKEND for the child; default: the orchestrator's NETGRADE_BACKEND (or automatic) */
  backend?: string;
  /** extra folders the submission may read */
  extraReadPaths: string[];
  /** warnings found before loading (the type-check pass), reported in `info.warnings` */
  warnings: string[];
  /** how often the resident memory is read (ms); default 100 */
  pollMs: number;
  /**
   * One core for this process: V8 without its background GC and compiler threads
   * (`--single-threaded`). Set when several sandboxed lanes share the cores (`--jobs` > 1),
   * where those helper threads made each lane take ~1.3 cores; default false.
   */
  oneCore?: boolean;
  /** which lane of a parallel run this handle belongs to (picks the child's user id); default 0 */
  lane?: number;
}

export const DEFAULT_SANDBOX: SandboxOptions = {
  opTimeoutMs: 30_000,
  loadTimeoutMs: 60_000,
  memoryMb: 2048,
  extraReadPaths: [],
  warnings: [],
  pollMs: 100,
};

/** Opening a submission either yields a handle or one clear load failure. */
export type Opened =
  | { status: 'loaded'; handle: SubmissionHandle }
  | { status: 'load-failed'; info: SubmissionInfo; error: OpError };

const ENV_KEPT = ['PATH', 'LANG', 'TZ'];
const OOM_TEXT = /heap out of memory|Reached heap limit|Allocation failed|out of memory/i;

/** Paths the child reads besides its private copy: the worker bundle and the tensor library. */
export function childReadable(): string[] {
  return [workerBundle().file, ...tensorLibraryPaths()];
}

/** Each path and, when it differs, its real path (Node checks the path as written), once each: Node 20 aborts on a repeated --allow-fs-read. */
function readablePaths(paths: string[]): string[] {
  const all = paths.flatMap((p) => {
    try { return [p, realpathSync(p)]; } catch { return [p]; }
  });
  return [...new Set(all)];
}

/** Node flags of the child: permission model, heap cap, source maps for TS line numbers. */
export function childFlags(copyDir: string, options: SandboxOptions): string[] {
  return [
    '--experimental-permission',
    ...readablePaths([...childReadable(), copyDir, ...options.extraReadPaths]).map((p) => `--allow-fs-read=${p}`),
    `--max-old-space-size=${options.memoryMb}`,
    '--enable-source-maps',
    '--disable-warning=ExperimentalWarning',
    ...(options.oneCore ? ['--single-threaded'] : []),
  ];
}

/** This machine's isolation (decided once; printed by the CLI and recorded in reports). */
export function isolation(): Isolation {
  return detectIsolation(childReadable());
}

type Loaded = { ok: true; info: LoadedInfo } | { ok: false; error: OpError };

export class SandboxedHandle implements SubmissionHandle {
  info: SubmissionInfo;
  private child?: ChildProcess;
  private loading?: Promise<Loaded>;
  private settleLoad?: (l: Loaded) => void;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stderr = '';
  private peakMb = 0;
  private exitCode?: string;
  private poll?: NodeJS.Timeout;
  /** how many processes were started (1 + restarts after kills) */
  starts = 0;

  constructor(readonly submission: DiscoveredSubmission, readonly options: SandboxOptions) {
    this.info = { name: submission.name, dir: submission.dir, hash: submission.hash, provides: [], conventions: {}, warnings: [...options.warnings] };
  }

  /** Add warnings found outside the process (the type-check pass runs while the process loads). */
  addWarnings(warnings: string[]): void {
    this.options.warnings = [...warnings, ...this.options.warnings];
    this.info = { ...this.info, warnings: [...warnings, ...this.info.warnings] };
  }

  get rssLimitMb(): number {
    return this.options.rssLimitMb ?? this.options.memoryMb + 512;
  }

  /** The private copy the child runs from (made on the first start, kept for restarts, removed on close). */
  private copy?: PrivateCopy;

  /** Start the process (if none runs) and wait until the submission is loaded. */
  start(): Promise<Loaded> {
    if (this.loading) return this.loading;
    this.starts += 1;
    this.stderr = '';
    this.exitCode = undefined;
    this.peakMb = 0;
    const lane = this.options.lane ?? 0;
    const iso = isolation();
    try {
      this.copy ??= makePrivateCopy(this.submission.dir, this.submission.name, laneOwner(iso, lane));
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return Promise.resolve({ ok: false, error: { cause: 'load-failed', name: error.name, message: error.message } });
    }
    if (this.copy.hash !== this.info.hash) this.info = { ...this.info, hash: this.copy.hash };
    if (!this.copy.entry) {
      return Promise.resolve({ ok: false, error: { cause: 'load-failed', name: 'NoEntry', message: `${this.submission.name} requires an index.ts or index.js at its top level, got ${this.copy.files.slice(0, 8).join(', ') || 'no files'}` } });
    }
    const env: NodeJS.ProcessEnv = Object.fromEntries(ENV_KEPT.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
    Object.assign(env, { NODE_PATH: NODE_MODULES, NODE_OPTIONS: '', HOME: this.copy.dir });
    const backend = this.options.backend ?? process.env.NETGRADE_BACKEND;
    if (backend) env.NETGRADE_BACKEND = backend;
    const { command, args } = wrapCommand(iso, lane, process.execPath, [...childFlags(this.copy.dir, this.options), workerBundle().file, this.copy.entry]);
    const child = spawn(command, args, {
      cwd: this.copy.dir,
      env,
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // without a user of its own, the child still gets its own session (no terminal signals, no process group with the grader)
      detached: !iso.user,
    });
    this.child = child;
    child.stdout?.on('data', () => undefined); // drained so a chatty submission never blocks
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8192);
    });
    child.on('message', (m: unknown) => this.onMessage(child, m));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', () => undefined); // 'exit' follows and reports
    this.poll = setInterval(() => this.checkMemory(child), this.options.pollMs);
    this.poll.unref();
    this.loading = new Promise<Loaded>((resolve) => {
      const timer = setTimeout(() => {
        this.settleLoad?.({ ok: false, error: { cause: 'load-failed', name: 'LoadTimeout', message: `the submission did not finish loading within ${this.options.loadTimeoutMs / 1000} s (an endless loop at import time?)` } });
        this.kill('timeout');
      }, this.options.loadTimeoutMs);
      this.settleLoad = (l) => {
        clearTimeout(timer);
        this.settleLoad = undefined;
        resolve(l);
      };
    });
    return this.loading;
  }

  private checkMemory(child: ChildProcess): void {
    if (child !== this.child || child.pid === undefined) return;
    const mb = residentMb(child.pid);
    if (mb === undefined) return;
    this.peakMb = Math.max(this.peakMb, mb);
    if (mb > this.rssLimitMb) this.kill('memory');
  }

  /** Kill the child for a message it should not have sent; whatever waits gets `bad-output`. */
  private reject(child: ChildProcess, problem: string): void {
    if (child !== this.child) return;
    child.kill('SIGKILL');
    this.fail({ cause: 'bad-output', name: 'ProtocolViolation', message: `the submission's process sent a message the grader does not accept: ${problem}` });
  }

  private onMessage(child: ChildProcess, raw: unknown): void {
    if (child !== this.child) return;
    const read = readMessage(raw);
    if (!read.ok) return this.reject(child, read.problem);
    const m: FromWorker = read.value;
    if (m.type === 'loaded') {
      if (!this.settleLoad) return this.reject(child, 'a second "loaded" message');
      const { author, provides, conventions, warnings } = m.info;
      this.info = { ...this.info, author, provides, conventions, warnings: [...this.options.warnings, ...warnings] };
      this.settleLoad({ ok: true, info: m.info });
    } else if (m.type === 'load-failed') {
      if (!this.settleLoad) return this.reject(child, '"load-failed" after the submission had loaded');
      this.settleLoad({ ok: false, error: m.error });
      this.kill('close');
    } else if (m.type === 'exit-called') {
      this.exitCode = m.code;
    } else if (m.type === 'result') {
      const pending = this.pending;
      if (!pending || pending.id !== m.id) return this.reject(child, `a result for op id ${m.id}, which is not the op running now`);
      if (m.status === 'ok') {
        const problem = checkResult(pending.op as OpName, m.value);
        if (problem) return this.reject(child, `${problem} (op ${pending.op})`);
      }
      clearTimeout(pending.timer);
      this.pending = undefined;
      pending.resolve(m.status === 'ok' ? { status: 'ok', value: m.value, ms: m.ms } : { status: 'errored', error: m.error, ms: m.ms });
    }
  }

  /** Why the process ended by itself, as the error of whatever was waiting on it. */
  private exitError(code: number | null, signal: NodeJS.Signals | null): OpError {
    if (OOM_TEXT.test(this.stderr)) {
      return { cause: 'out-of-memory', name: 'OutOfMemory', message: `ran out of JavaScript heap (limit ${this.options.memoryMb} MB) and was stopped` };
    }
    if (this.exitCode !== undefined || (signal === null && code !== null)) {
      return { cause: 'exited', name: 'ProcessExit', message: `the process exited with code ${this.exitCode || code} (process.exit was called); a submission must return or throw, never exit` };
    }
    const last = this.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 400);
    return { cause: 'crashed', name: 'Crash', message: `the process was killed by ${signal ?? `exit code ${code}`}${last ? `: ${last}` : ''}` };
  }

  /** Whatever waits on the process (loading, an op) gets `error`; the process is forgotten. */
  private fail(error: OpError): void {
    clearInterval(this.poll);
    this.child = undefined;
    this.loading = undefined;
    const loadCause = error.cause === 'crashed' || error.cause === 'exited' || error.cause === 'out-of-memory' || error.cause === 'permission' ? error.cause : 'load-failed';
    this.settleLoad?.({ ok: false, error: { ...error, cause: loadCause, message: `while loading, ${error.message}` } });
    const pending = this.pending;
    this.pending = undefined;
    endPending(pending, (started) => ({ status: 'errored', error, ms: performance.now() - started }));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child === this.child) this.fail(this.exitError(code, signal));
  }

  /** Kill the process now; the next call starts a fresh one. */
  private kill(reason: KillReason): void {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    this.fail(killError(reason, this.peakMb, this.rssLimitMb));
  }

  call<K extends OpName>(op: K, args: OpArgs<K>, options: { timeoutMs?: number } = {}): Promise<OpOutcome<OpResult<K>>> {
    const run = () => this.run(op, args, options.timeoutMs ?? this.options.opTimeoutMs) as Promise<OpOutcome<OpResult<K>>>;
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(op: OpName, args: unknown, limitMs: number): Promise<OpOutcome<unknown>> {
    const started = performance.now();
    const loaded = await this.start();
    if (!loaded.ok) return { status: 'errored', error: loaded.error, ms: performance.now() - started };
    const child = this.child;
    if (!child) return { status: 'errored', error: { cause: 'crashed', name: 'Crash', message: 'the process ended before the op could start' }, ms: 0 };
    return new Promise((resolve) => {
      const id = this.nextId++;
      const opStarted = performance.now();
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.kill('timeout');
        resolve({ status: 'timed-out', limitMs, ms: performance.now() - opStarted });
      }, limitMs);
      this.pending = { id, op, resolve, started: opStarted, timer };
      this.exitCode = undefined;
      child.send({ type: 'call', id, op, args }, (e) => {
        if (!e || this.pending?.id !== id) return;
        clearTimeout(timer);
        this.pending = undefined;
        resolve({ status: 'errored', error: { cause: 'threw', name: 'SendFailed', message: `op "${op}" arguments could not be sent: ${e.message}` }, ms: 0 });
      });
    });
  }

  /** Stop the op that runs now (it resolves as timed-out); the next call restarts the process. */
  async interrupt(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.kill('timeout');
    endPending(pending, (started) => ({ status: 'timed-out', limitMs: performance.now() - started, ms: performance.now() - started }));
  }

  async close(): Promise<void> {
    await killAndWait(this.child, () => this.kill('close'));
    this.copy?.remove();
    this.copy = undefined;
  }
}

/**
 * Start a submission in its own sandboxed process and wait until it is loaded (or failed).
 * `whileLoading` runs (synchronously) while the child starts; the warnings it returns are
 * added to `info.warnings`.
 */
export async function openSandboxed(submission: DiscoveredSubmission, options: Partial<SandboxOptions> = {}, whileLoading?: () => string[]): Promise<Opened> {
  const handle = new SandboxedHandle(submission, { ...DEFAULT_SANDBOX, ...options });
  const loading = handle.start();
  // work for the orchestrator (the type-check pass) overlaps the child's start-up
  if (whileLoading) handle.addWarnings(whileLoading());
  const loaded = await loading;
  if (loaded.ok) return { status: 'loaded', handle };
  await handle.close();
  return { status: 'load-failed', info: handle.info, error: loaded.error };
}
