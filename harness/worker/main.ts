/**
 * The worker: the entry point of a submission's process. The grader bundles this file and
 * everything it imports into one script (harness/sandbox/bundle.ts) that holds no reference
 * model, oracle, fixture, profile, rubric, check or diagnosis; the child can read only that
 * script, the tensor library's packages and a private copy of the submission.
 *
 * Order matters: the worker takes its own handles on the process and the tensor library,
 * selects the backend, freezes the library (./lockdown.ts), and only then loads the
 * submission. It then runs `ops[op](submission, args)` for each call and answers with plain
 * data.
 *
 * argv: [this script, the submission's entry file (compiled JavaScript in the private copy)].
 * `process.exit` in the submission throws {@link ExitCalled}; the op is reported as `exited`
 * even if the submission catches the exception.
 */
import { performance } from 'node:perf_hooks';
import { dirname, relative } from 'node:path';
import { selectBackend } from '../backend';
import { ExitCalled, toOpError } from './op-error';
import { defaultExport, inspectSubmission } from './inspect';
import { lockProcess, lockTensorLibrary } from './lockdown';
import { ops } from './ops';
import type { Submission } from '../contract';
import type { FromWorker, OpName, ToWorker } from './protocol';
import type { OpError } from './types';

const RUNNING = Symbol.for('netgrade.worker');

let current: { id: number; exit?: ExitCalled; settled: boolean; started: number } | undefined;

function start(): void {
  // a submission that requires this script again gets a module that does nothing
  if ((globalThis as Record<symbol, unknown>)[RUNNING]) return;
  Object.defineProperty(globalThis, RUNNING, { value: true, writable: false, configurable: false });

  const entry = process.argv[2];
  const dir = dirname(entry);
  const entryName = relative(dir, entry).replace(/\.js$/, '.ts');
  const caps = lockProcess((code) => {
    const called = new ExitCalled(code ?? undefined);
    if (current) current.exit = called;
    send({ type: 'exit-called', id: current?.id ?? null, code: String(code ?? '') });
    throw called;
  });

  function send(message: FromWorker): void {
    try {
      caps.send(message);
    } catch (e) {
      // a value that cannot be cloned (a function, a tensor object) is the op's fault
      if (message.type === 'result' && message.status === 'ok') {
        caps.send({ type: 'result', id: message.id, status: 'errored', ms: message.ms,
          error: { cause: 'bad-output', name: 'DataCloneError', message: `the op's answer cannot be sent back: ${toOpError(e).message}` } } satisfies FromWorker);
      } else throw e;
    }
  }

  function settle(id: number, outcome: { status: 'ok'; value: unknown } | { status: 'errored'; error: OpError }): void {
    if (!current || current.id !== id || current.settled) return;
    current.settled = true;
    const ms = performance.now() - current.started;
    if (current.exit && (outcome.status === 'ok' || outcome.error.cause !== 'exited')) outcome = { status: 'errored', error: toOpError(current.exit) };
    current = undefined;
    send(outcome.status === 'ok' ? { type: 'result', id, status: 'ok', value: outcome.value, ms } : { type: 'result', id, status: 'errored', error: outcome.error, ms });
  }

  // an exception thrown from a timer or a rejected promise the submission forgot belongs to the running op
  process.on('uncaughtException', (e) => { if (current) settle(current.id, { status: 'errored', error: toOpError(e) }); });
  process.on('unhandledRejection', (e) => { if (current) settle(current.id, { status: 'errored', error: toOpError(e) }); });
  process.on('disconnect', () => caps.exit(0));

  function firstOwnFrame(e: unknown): string {
    const stack = e instanceof Error && typeof e.stack === 'string' ? e.stack : '';
    const frame = stack.split('\n').find((l) => l.includes(dir) && !l.includes('node_modules'));
    const at = frame?.match(/\(?([^\s()]+:\d+:\d+)\)?\s*$/)?.[1];
    return at ? ` (at ${relative(dir, at)})` : '';
  }

  async function load(): Promise<Submission | undefined> {
    const started = performance.now();
    const backend = await selectBackend();
    lockTensorLibrary(require.cache);
    let mod: unknown;
    try {
      mod = require(entry);
    } catch (e) {
      const error = toOpError(e);
      if (error.cause === 'exited') {
        error.message = `${entryName} called process.exit while loading; a submission must not exit the process`;
      } else if (error.cause === 'permission') {
        error.message = `${entryName} was stopped while loading: ${error.message}`;
      } else {
        const outside = (e as { code?: string }).code === 'MODULE_NOT_FOUND' && /Cannot find module '(\.{1,2}\/|\/)/.test(error.message);
        error.message = outside
          ? `${entryName} imports a file that is not in the submission: ${error.message.split('\n')[0]}. A submission may import only its own files and @tensorflow/tfjs.`
          : `${entryName} threw while loading: ${error.name === 'non-Error' ? error.message : `${error.name}: ${error.message}`}${firstOwnFrame(e)}`;
        error.cause = 'load-failed';
      }
      send({ type: 'load-failed', error, ms: performance.now() - started });
      return undefined;
    }
    try {
      const inspected = inspectSubmission(defaultExport(mod, entryName), entryName);
      const { author, provides, conventions, warnings } = inspected;
      send({ type: 'loaded', info: { author, provides, conventions, warnings, backend: backend.name }, ms: performance.now() - started });
      return inspected.submission;
    } catch (e) {
      send({ type: 'load-failed', error: { ...toOpError(e), cause: 'load-failed' }, ms: performance.now() - started });
      return undefined;
    }
  }

  load().then((submission) => {
    if (!submission) return; // the grader reads load-failed and ends this process
    process.on('message', async (message: ToWorker) => {
      if (!message || message.type !== 'call') return;
      const { id, op, args } = message;
      current = { id, settled: false, started: performance.now() };
      const run = Object.hasOwn(ops, op) ? (ops[op as OpName] as (s: Submission, a: unknown) => unknown) : undefined;
      if (!run) {
        settle(id, { status: 'errored', error: { cause: 'threw', name: 'UnknownOp', message: `op "${String(op)}" requires an op of the protocol (harness/worker/protocol.ts), got none of that name` } });
        return;
      }
      try {
        settle(id, { status: 'ok', value: await run(submission, args) });
      } catch (e) {
        settle(id, { status: 'errored', error: toOpError(e) });
      }
    });
  }, (e) => send({ type: 'load-failed', error: { ...toOpError(e), cause: 'load-failed' }, ms: 0 }));
}

start();
