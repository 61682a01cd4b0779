/**
 * The sandboxed handle: a submission in its own child process (orchestrator side).
 *
 * The child runs `boot.cjs` → `worker.ts` under Node's permission model:
 * `--experimental-permission` with reads allowed only for node_modules, the harness code,
 * reference/, the compiled-code cache of those two (transpile.cjs) and the submission's
 * folder (NOT fixtures/), and no fs writes, child
 * processes or worker threads. Node 20.20 enforces all of these (ERR_ACCESS_DENIED, see
 * test/a-submission-cannot-read-or-write-fixtures.test.ts); note that it takes one
 * `--allow-fs-read` flag per path (a comma-separated list is read as one path).
 *
 * Not covered by Node 20's permission model: network access (no --allow-net before Node
 * 25), and the IPC channel itself (a submission could send messages of its own; it gains
 * nothing it could not return from forward, and never sees expected values). The child
 * gets a minimal environment (PATH, HOME, LANG, TZ, TMPDIR) so no CI secrets reach it.
 *
 * Limits: a time limit per op (the child is killed → `timed-out`), a JavaScript heap cap
 * (`--max-old-space-size`) and a resident-memory cap polled from /proc (killed →
 * `out-of-memory`). `process.exit` → `exited`; a signal → `crashed`. After a kill the
 * next call starts a fresh process transparently (and reloads the submission).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DiscoveredSubmission } from '../discover/find';
import { NODE_MODULES, PROJECT_ROOT } from './paths';
import type { FromWorker, LoadedInfo } from './protocol';
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

const BOOT = join(__dirname, 'boot.cjs');
interface Transpiler {
  CACHE_JS: string;
  isCacheable(file: string): boolean;
  cacheFile(file: string, source: string): string;
  transpile(file: string, source: string): { code?: string };
}
// Node's own require: the same plain-JS module the child uses, also under jest
const transpiler = createRequire(__filename)('./transpile.cjs') as Transpiler;

/** Compile trusted files the child compiled itself into the cache, so the next child skips TypeScript. */
function fillCache(files: string[]): void {
  for (const file of files) {
    if (!transpiler.isCacheable(file)) continue;
    try {
      const source = readFileSync(file, 'utf8');
      const out = transpiler.transpile(file, source);
      if (out.code === undefined) continue;
      const target = transpiler.cacheFile(file, source);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, out.code);
      renameSync(temp, target);
    } catch {
      // the cache is an optimisation only
    }
  }
}
/** Folders the child may read besides the submission's own. fixtures/ is deliberately absent. */
export const READABLE = [NODE_MODULES, join(PROJECT_ROOT, 'harness'), join(PROJECT_ROOT, 'reference'), transpiler.CACHE_JS];
const ENV_KEPT = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'];
const OOM_TEXT = /heap out of memory|Reached heap limit|Allocation failed|out of memory/i;

/**
 * Each path and, when it differs, its real path: Node checks permissions on the resolved
 * path, so a symlinked node_modules (a shared volume, pnpm, an autograder image) would
 * otherwise be unreadable. Listed once each (see below).
 */
function readablePaths(paths: string[]): string[] {
  const all = paths.flatMap((p) => {
    try { return [p, realpathSync(p)]; } catch { return [p]; }
  });
  return [...new Set(all)];
}

/** Node flags of the child: permission model, heap cap, source maps for TS line numbers. */
export function childFlags(dir: string, options: SandboxOptions): string[] {
  return [
    '--experimental-permission',
    // once each: Node 20 aborts (SIGABRT, `!path_prefix.empty()`) on a repeated --allow-fs-read path, e.g. grading reference/
    ...readablePaths([...READABLE, dir, ...options.extraReadPaths]).map((p) => `--allow-fs-read=${p}`),
    `--max-old-space-size=${options.memoryMb}`,
    '--enable-source-maps',
    '--disable-warning=ExperimentalWarning',
    ...(options.oneCore ? ['--single-threaded'] : []),
  ];
}

function residentMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

type Loaded = { ok: true; info: LoadedInfo } | { ok: false; error: OpError };

interface Pending { id: number; op: string; resolve: (o: OpOutcome<unknown>) => void; started: number; timer: NodeJS.Timeout }

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

  /** Start the process (if none runs) and wait until the submission is loaded. */
  start(): Promise<Loaded> {
    if (this.loading) return this.loading;
    this.starts += 1;
    this.stderr = '';
    this.exitCode = undefined;
    this.peakMb = 0;
    const { dir, entry } = this.submission;
    mkdirSync(transpiler.CACHE_JS, { recursive: true });
    const env: NodeJS.ProcessEnv = Object.fromEntries(ENV_KEPT.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
    Object.assign(env, { NODE_PATH: NODE_MODULES, NETGRADE_SUBMISSION_DIR: dir, NODE_OPTIONS: '' });
    const backend = this.options.backend ?? process.env.NETGRADE_BACKEND;
    if (backend) env.NETGRADE_BACKEND = backend;
    const child = fork(BOOT, [entry], {
      cwd: dir,
      env,
      execArgv: childFlags(dir, this.options),
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    child.stdout?.on('data', () => undefined); // drained so a chatty submission never blocks
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-8192);
    });
    child.on('message', (m: FromWorker) => this.onMessage(m));
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

  private onMessage(m: FromWorker): void {
    if (m.type === 'loaded') {
      const { author, provides, conventions, warnings } = m.info;
      this.info = { ...this.info, author, provides, conventions, warnings: [...this.options.warnings, ...warnings] };
      this.settleLoad?.({ ok: true, info: m.info });
    } else if (m.type === 'load-failed') {
      this.settleLoad?.({ ok: false, error: m.error });
      this.kill('close');
    } else if (m.type === 'compiled') {
      fillCache(m.files);
    } else if (m.type === 'exit-called') {
      this.exitCode = m.code;
    } else if (m.type === 'result' && this.pending?.id === m.id) {
      const { resolve, timer } = this.pending;
      clearTimeout(timer);
      this.pending = undefined;
      resolve(m.status === 'ok' ? { status: 'ok', value: m.value, ms: m.ms } : { status: 'errored', error: m.error, ms: m.ms });
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
    if (this.pending) {
      const { resolve, timer, started } = this.pending;
      clearTimeout(timer);
      this.pending = undefined;
      resolve({ status: 'errored', error, ms: performance.now() - started });
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child === this.child) this.fail(this.exitError(code, signal));
  }

  /** Kill the process now; the next call starts a fresh one. */
  private kill(reason: 'timeout' | 'memory' | 'close'): void {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    const error: OpError = reason === 'memory'
      ? { cause: 'out-of-memory', name: 'OutOfMemory', message: `used ${Math.round(this.peakMb)} MB of memory, more than the ${this.rssLimitMb} MB limit, and was stopped` }
      : { cause: 'crashed', name: 'Stopped', message: reason === 'timeout' ? 'the process was stopped at its time limit' : 'the sandbox was closed' };
    this.fail(error);
  }

  call<R = unknown>(op: string, args: unknown, options: { timeoutMs?: number } = {}): Promise<OpOutcome<R>> {
    const run = () => this.run(op, args, options.timeoutMs ?? this.options.opTimeoutMs) as Promise<OpOutcome<R>>;
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(op: string, args: unknown, limitMs: number): Promise<OpOutcome<unknown>> {
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
    if (!this.pending) return;
    const { resolve, timer, started } = this.pending;
    clearTimeout(timer);
    this.pending = undefined;
    this.kill('timeout');
    resolve({ status: 'timed-out', limitMs: performance.now() - started, ms: performance.now() - started });
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.kill('close');
    if (child.exitCode === null && child.signalCode === null) await ended;
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
