/**
 * The worker: code that runs INSIDE a submission's sandboxed process (started by boot.cjs).
 * It selects the same backend as the orchestrator (NETGRADE_BACKEND), loads the
 * submission, then runs `ops[op](submission, args)` for each call and answers with plain
 * data. It never imports orchestrator code (grade, cli, report, checks, fixtures).
 *
 * `process.exit` is replaced: calling it throws {@link ExitCalled} and the op is reported
 * as `exited` even if the submission catches the exception.
 */
import { performance } from 'node:perf_hooks';
import { relative } from 'node:path';
import { selectBackend } from '../backend';
import { ExitCalled, toOpError } from './op-error';
import { defaultExport, inspectSubmission } from './inspect';
import { ops } from './ops';
import type { Submission } from '../contract';
import type { FromWorker, ToWorker } from './protocol';
import type { OpError } from './types';

const entry = process.argv[2];
const dir = process.env.NETGRADE_SUBMISSION_DIR ?? process.cwd();
const entryName = relative(dir, entry) || entry;
const realExit = process.exit.bind(process);

function send(message: FromWorker): void {
  try {
    process.send?.(message);
  } catch (e) {
    // a value that cannot be cloned (a function, a tensor object) is the op's fault
    if (message.type === 'result' && message.status === 'ok') {
      process.send?.({ type: 'result', id: message.id, status: 'errored', ms: message.ms,
        error: { cause: 'bad-output', name: 'DataCloneError', message: `the op's answer cannot be sent back: ${toOpError(e).message}` } } satisfies FromWorker);
    } else throw e;
  }
}

let current: { id: number; exit?: ExitCalled; settled: boolean; started: number } | undefined;

process.exit = ((code?: number | string) => {
  const called = new ExitCalled(code ?? undefined);
  if (current) current.exit = called;
  send({ type: 'exit-called', id: current?.id ?? null, code: String(code ?? '') });
  throw called;
}) as typeof process.exit;

function settle(id: number, outcome: { status: 'ok'; value: unknown } | { status: 'errored'; error: OpError }): void {
  if (!current || current.id !== id || current.settled) return;
  current.settled = true;
  const ms = performance.now() - current.started;
  if (current.exit && outcome.status === 'ok') outcome = { status: 'errored', error: toOpError(current.exit) };
  if (current.exit && outcome.status === 'errored' && outcome.error.cause !== 'exited') outcome = { status: 'errored', error: toOpError(current.exit) };
  current = undefined;
  send(outcome.status === 'ok' ? { type: 'result', id, status: 'ok', value: outcome.value, ms } : { type: 'result', id, status: 'errored', error: outcome.error, ms });
}

// an exception thrown from a timer or a rejected promise the submission forgot belongs to the running op
process.on('uncaughtException', (e) => {
  if (current) settle(current.id, { status: 'errored', error: toOpError(e) });
});
process.on('unhandledRejection', (e) => {
  if (current) settle(current.id, { status: 'errored', error: toOpError(e) });
});
process.on('disconnect', () => realExit(0));

function firstOwnFrame(e: unknown): string {
  const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
  const frame = stack.split('\n').find((l) => l.includes(dir) && !l.includes('node_modules'));
  const at = frame?.match(/\(?([^\s()]+:\d+:\d+)\)?\s*$/)?.[1];
  return at ? ` (at ${relative(dir, at)})` : '';
}

async function load(): Promise<Submission | undefined> {
  const started = performance.now();
  const backend = await selectBackend();
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(entry);
  } catch (e) {
    const error = toOpError(e);
    if (error.cause !== 'permission' && error.cause !== 'exited') {
      error.message = e instanceof SyntaxError && /:\d+:\d+: /.test(error.message)
        ? `syntax error at ${error.message}`
        : `${entryName} threw while loading: ${error.name === 'non-Error' ? error.message : `${error.name}: ${error.message}`}${firstOwnFrame(e)}`;
      error.cause = 'load-failed';
    } else if (error.cause === 'exited') {
      error.message = `${entryName} called process.exit while loading; a submission must not exit the process`;
    } else {
      error.message = `${entryName} was stopped while loading: ${error.message}`;
    }
    send({ type: 'load-failed', error, ms: performance.now() - started });
    return undefined;
  }
  try {
    const inspected = inspectSubmission(defaultExport(mod, entryName), entryName);
    const { author, provides, conventions, warnings } = inspected;
    send({ type: 'loaded', info: { author, provides, conventions, warnings, backend: backend.name }, ms: performance.now() - started });
    const compiled = (globalThis as { __netgradeCompiled?: string[] }).__netgradeCompiled ?? [];
    if (compiled.length) send({ type: 'compiled', files: [...compiled] });
    return inspected.submission;
  } catch (e) {
    send({ type: 'load-failed', error: { ...toOpError(e), cause: 'load-failed' }, ms: performance.now() - started });
    return undefined;
  }
}

async function main(): Promise<void> {
  const submission = await load();
  if (!submission) return; // the orchestrator reads load-failed and ends this process
  process.on('message', async (message: ToWorker) => {
    if (message.type !== 'call') return;
    const { id, op, args } = message;
    current = { id, settled: false, started: performance.now() };
    const run = ops[op];
    if (!run) {
      settle(id, { status: 'errored', error: { cause: 'threw', name: 'UnknownOp', message: `op "${op}" requires a registered op (harness/sandbox/ops/index.ts), got none of that name` } });
      return;
    }
    try {
      settle(id, { status: 'ok', value: await run(submission, args) });
    } catch (e) {
      settle(id, { status: 'errored', error: toOpError(e) });
    }
  });
}

main().catch((e) => {
  send({ type: 'load-failed', error: { ...toOpError(e), cause: 'load-failed' }, ms: 0 });
});
