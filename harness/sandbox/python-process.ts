/**
 * One PyTorch worker process (grader side): a fresh interpreter per submission, started on
 * a private copy of the submission (./private-copy.ts: regular files only, content hash of
 * what was copied) under the machine's isolation (./isolation.ts: its own unprivileged user
 * and no network when the grader is root). The worker file is copied beside the submission
 * so the child reads nothing of the project; it gets a minimal environment.
 *
 * Limits: the worker caps its own address space (`resource.setrlimit`, before importing the
 * student's code); the grader polls resident memory from /proc and kills past the cap, and
 * kills at each request's time limit (→ `timed-out`); a kill forgets the process and the next
 * request starts a fresh one. Every line from the child is validated (./python-messages.ts);
 * anything malformed kills it (`bad-output`).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { endPending, killAndWait, killError, residentMb } from './child-lifecycle';
import type { KillReason, Pending } from './child-lifecycle';
import { detectIsolation, laneOwner, wrapCommand } from './isolation';
import { makePrivateCopy } from './private-copy';
import type { PrivateCopy } from './private-copy';
import { checkPythonResult, MAX_LINE, readPythonMessage } from './python-messages';
import type { PythonInfo } from './python-messages';
import { PROJECT_ROOT } from './paths';
import type { OpError, OpOutcome } from './types';

export const PYTHON_WORKER = join(PROJECT_ROOT, 'harness', 'worker', 'python', 'worker.py');

export interface PythonProcessOptions {
  python: string;
  template: string;
  /** address-space cap on top of the interpreter's own (MB) */
  memoryMb: number;
  /** resident-memory cap the grader enforces (MB); default memoryMb + 1024 (torch's own pages) */
  rssLimitMb?: number;
  loadTimeoutMs: number;
  device: 'cpu' | 'cuda';
  threads: number;
  lane: number;
}

type Loaded = { ok: true; info: PythonInfo; ms: number } | { ok: false; error: OpError };

export class PythonProcess {
  private child?: ChildProcess;
  private loading?: Promise<Loaded>;
  private settleLoad?: (l: Loaded) => void;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private buffer = '';
  private stderr = '';
  private peakMb = 0;
  private poll?: NodeJS.Timeout;
  private copy?: PrivateCopy;
  /** processes started (1 + restarts after kills) */
  starts = 0;

  constructor(readonly dir: string, readonly name: string, readonly options: PythonProcessOptions) {}

  get rssLimitMb(): number {
    return this.options.rssLimitMb ?? this.options.memoryMb + 1024;
  }

  /** The content hash of what the child runs (after the first start). */
  get hash(): string | undefined {
    return this.copy?.hash;
  }

  start(): Promise<Loaded> {
    if (this.loading) return this.loading;
    this.starts += 1;
    this.stderr = '';
    this.buffer = '';
    this.peakMb = 0;
    const iso = detectIsolation([PYTHON_WORKER]);
    const owner = laneOwner(iso, this.options.lane);
    let worker: string;
    try {
      this.copy ??= makePrivateCopy(this.dir, this.name, owner);
      worker = join(this.copy.root, 'netgrade_worker.py');
      copyFileSync(PYTHON_WORKER, worker);
      if (owner) chownSync(worker, owner.uid, owner.gid);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return Promise.resolve({ ok: false, error: { cause: 'load-failed', name: error.name, message: error.message } });
    }
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: this.copy.dir, OMP_NUM_THREADS: String(this.options.threads), PYTHONHASHSEED: '0' };
    const argv = ['-I', '-B', worker, this.copy.dir, this.options.template, String(this.options.memoryMb), this.options.device, String(this.options.threads)];
    const { command, args } = wrapCommand(iso, this.options.lane, this.options.python, argv);
    const child = spawn(command, args, { cwd: this.copy.dir, env, stdio: ['pipe', 'pipe', 'pipe'], detached: !iso.user });
    this.child = child;
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.onData(child, chunk));
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-8192); });
    child.stdin?.on('error', () => undefined); // 'exit' reports
    child.on('exit', (code, signal) => { if (child === this.child) this.fail(this.exitError(code, signal)); });
    child.on('error', () => undefined);
    this.poll = setInterval(() => this.checkMemory(child), 100);
    this.poll.unref();
    this.loading = new Promise<Loaded>((resolve) => {
      const timer = setTimeout(() => {
        this.settleLoad?.({ ok: false, error: { cause: 'load-failed', name: 'LoadTimeout', message: `the submission did not finish loading within ${this.options.loadTimeoutMs / 1000} s (an endless loop at import time?)` } });
        this.kill('timeout');
      }, this.options.loadTimeoutMs);
      this.settleLoad = (l) => { clearTimeout(timer); this.settleLoad = undefined; resolve(l); };
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

  private onData(child: ChildProcess, chunk: string): void {
    if (child !== this.child) return;
    this.buffer += chunk;
    if (this.buffer.length > MAX_LINE && !this.buffer.includes('\n')) return this.reject(child, `a line of at most ${MAX_LINE} characters`);
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim()) this.onLine(child, line);
      if (child !== this.child) return;
    }
  }

  private reject(child: ChildProcess, problem: string): void {
    if (child !== this.child) return;
    child.kill('SIGKILL');
    this.fail({ cause: 'bad-output', name: 'ProtocolViolation', message: `the submission's process sent a message the grader does not accept: ${problem}` });
  }

  private onLine(child: ChildProcess, line: string): void {
    const read = readPythonMessage(line);
    if (!read.ok) return this.reject(child, read.problem);
    const m = read.value;
    if (m.type === 'loaded') {
      if (!this.settleLoad) return this.reject(child, 'a second "loaded" message');
      this.settleLoad({ ok: true, info: m.info, ms: m.ms });
    } else if (m.type === 'load-failed') {
      if (!this.settleLoad) return this.reject(child, '"load-failed" after the submission had loaded');
      this.settleLoad({ ok: false, error: m.error });
      this.kill('close');
    } else {
      const pending = this.pending;
      if (!pending || pending.id !== m.id) return this.reject(child, `a result for request ${m.id}, which is not the one running now`);
      if (m.status === 'ok') {
        const problem = checkPythonResult(pending.op, m.value);
        if (problem) return this.reject(child, `${problem} (op ${pending.op})`);
      }
      clearTimeout(pending.timer);
      this.pending = undefined;
      pending.resolve(m.status === 'ok' ? { status: 'ok', value: m.value, ms: m.ms } : { status: 'errored', error: m.error, ms: m.ms });
    }
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): OpError {
    const last = this.stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ').slice(0, 400);
    if (/MemoryError|Cannot allocate memory|std::bad_alloc|DefaultCPUAllocator: can't allocate/.test(this.stderr)) {
      return { cause: 'out-of-memory', name: 'OutOfMemory', message: `ran out of memory (limit ${this.options.memoryMb} MB) and was stopped${last ? `: ${last}` : ''}` };
    }
    if (signal === null && code !== null) return { cause: 'exited', name: 'ProcessExit', message: `the process exited with code ${code}; a submission must return or raise, never exit${last ? `: ${last}` : ''}` };
    return { cause: 'crashed', name: 'Crash', message: `the process was killed by ${signal ?? `exit code ${code}`}${last ? `: ${last}` : ''}` };
  }

  private fail(error: OpError): void {
    clearInterval(this.poll);
    this.child = undefined;
    this.loading = undefined;
    this.settleLoad?.({ ok: false, error: { ...error, cause: error.cause === 'bad-output' ? 'load-failed' : error.cause, message: `while loading, ${error.message}` } });
    const pending = this.pending;
    this.pending = undefined;
    endPending(pending, (started) => ({ status: 'errored', error, ms: performance.now() - started }));
  }

  private kill(reason: KillReason): void {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    this.fail(killError(reason, this.peakMb, this.rssLimitMb));
  }

  /** One request to the worker; a time-out kills the process (the next request starts afresh). */
  request<T>(op: string, args: unknown, timeoutMs: number): Promise<OpOutcome<T>> {
    const run = () => this.run(op, args, timeoutMs) as Promise<OpOutcome<T>>;
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(op: string, args: unknown, limitMs: number): Promise<OpOutcome<unknown>> {
    const started = performance.now();
    const loaded = await this.start();
    if (!loaded.ok) return { status: 'errored', error: loaded.error, ms: performance.now() - started };
    const child = this.child;
    if (!child?.stdin) return { status: 'errored', error: { cause: 'crashed', name: 'Crash', message: 'the process ended before the op could start' }, ms: 0 };
    return new Promise((resolve) => {
      const id = this.nextId++;
      const opStarted = performance.now();
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.kill('timeout');
        resolve({ status: 'timed-out', limitMs, ms: performance.now() - opStarted });
      }, Math.max(1, limitMs));
      this.pending = { id, op, resolve, started: opStarted, timer };
      child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  /** Stop what runs now (it resolves as timed-out). */
  interrupt(): void {
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
