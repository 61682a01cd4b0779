/**
 * Inside the submission's process, before any submission code runs: the worker keeps its
 * own references to the tensor library and to the process, then freezes what a submission
 * could patch to fake a measurement.
 *
 * - Every loaded `@tensorflow/*` module's exports are frozen (no `tf.valueAndGrads = …`),
 *   and so are the prototypes of its classes (Tensor, Variable, the optimizers, the engine):
 *   no `tf.Tensor.prototype.dataSync = …`, no `tf.engine().memory = …`.
 * - The engine's global slots (`globalThis._tfengine`, `_tfGlobals`, which tfjs reads on
 *   every tensor it creates) cannot be replaced; no kernel or gradient already registered
 *   can be replaced or removed (`registerKernel` of a new name still works).
 * - Live tensors are counted by the worker itself (a private set updated by the engine's
 *   own track/dispose calls), so editing `tf.engine().state` hides no leak.
 * - `process.send`, `process.kill` and `process.exit` are taken from the submission: it
 *   cannot forge protocol messages through the public API, signal another process, or end
 *   its own without the grader hearing of it.
 *
 * What stays possible (and is why the grader judges every number that earns points): code
 * in the same process can still compute anything it likes, and write to the IPC channel
 * (`process.channel`) — the grader validates every message (harness/sandbox/messages.ts).
 */
import * as tf from '@tensorflow/tfjs';

/** Thrown when the submission uses a capability the worker took away. */
export class Refused extends Error {
  constructor(what: string) {
    super(`${what} is not available to a submission`, { cause: 'permission' });
    this.name = 'ERR_ACCESS_DENIED';
  }
}

interface EngineInternals {
  trackTensor(a: tf.Tensor, backend?: unknown): void;
  disposeTensor(a: tf.Tensor): void;
  state: { tensorInfo: Map<unknown, unknown>; numTensors: number };
}

let live: Set<tf.Tensor> | undefined;

/**
 * Tensors alive in this process. After {@link lockTensorLibrary}, the worker's own count
 * (which the submission cannot reach); before it (in-process handles, tests), tfjs's.
 */
export function liveTensors(): number {
  return live ? live.size : tf.memory().numTensors;
}

function freezeClasses(exports: Record<string, unknown>): void {
  for (const value of Object.values(exports)) {
    if (typeof value === 'function' && value.prototype && typeof value.prototype === 'object') Object.freeze(value.prototype);
  }
}

function lockSlot(owner: object, key: string | symbol): void {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (!descriptor) return;
  if ('value' in descriptor) Object.defineProperty(owner, key, { value: descriptor.value, writable: false, configurable: false, enumerable: descriptor.enumerable });
  else Object.defineProperty(owner, key, { get: descriptor.get, set: undefined, configurable: false, enumerable: descriptor.enumerable });
}

/** New entries may be added (a submission's own custom op); existing ones can be neither replaced nor removed. */
function lockMap(map: unknown, what: string): void {
  if (!(map instanceof Map)) return;
  const set = map.set.bind(map);
  const has = map.has.bind(map);
  Object.defineProperty(map, 'set', {
    value: (key: unknown, value: unknown) => {
      if (has(key)) throw new Refused(`replacing "${String(key)}" in tfjs's ${what}`);
      return set(key, value);
    },
    writable: false, configurable: false,
  });
  for (const method of ['delete', 'clear'] as const) {
    Object.defineProperty(map, method, { value: () => { throw new Refused(`removing from tfjs's ${what}`); }, writable: false, configurable: false });
  }
}

/** Freeze the tensor library as loaded now (call after the backend is selected and its kernels registered). */
export function lockTensorLibrary(requireCache: NodeJS.Dict<NodeModule>): void {
  const engine = tf.engine() as unknown as EngineInternals & object;
  const counted = new Set<tf.Tensor>();
  const track = engine.trackTensor;
  const dispose = engine.disposeTensor;
  Object.defineProperty(engine, 'trackTensor', {
    value(this: EngineInternals, a: tf.Tensor, backend?: unknown) { counted.add(a); return track.call(this, a, backend); },
    writable: false, configurable: false,
  });
  Object.defineProperty(engine, 'disposeTensor', {
    value(this: EngineInternals, a: tf.Tensor) { if (this.state.tensorInfo.has(a.dataId)) counted.delete(a); return dispose.call(this, a); },
    writable: false, configurable: false,
  });
  // every other method of the engine: fixed on the instance, and its prototype frozen
  const proto = Object.getPrototypeOf(engine) as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor' || key === 'trackTensor' || key === 'disposeTensor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (d && typeof d.value === 'function') Object.defineProperty(engine, key, { value: d.value, writable: false, configurable: false });
  }
  Object.freeze(proto);
  lockSlot(engine, 'state');
  lockSlot(engine, 'ENV');
  const globals = globalThis as unknown as { _tfengine?: unknown; _tfGlobals?: Map<string, unknown> };
  lockMap(globals._tfGlobals?.get('kernelRegistry'), 'kernel registry');
  lockMap(globals._tfGlobals?.get('gradRegistry'), 'gradient registry');
  lockSlot(globalThis, '_tfengine');
  lockSlot(globalThis, '_tfGlobals');
  for (const [file, mod] of Object.entries(requireCache)) {
    if (!mod || !/[\\/]node_modules[\\/]@tensorflow[\\/]/.test(file)) continue;
    const exports = mod.exports as Record<string, unknown> | undefined;
    if (!exports || typeof exports !== 'object') continue;
    freezeClasses(exports);
    if (exports.train && typeof exports.train === 'object') Object.freeze(exports.train);
    Object.freeze(exports);
  }
  // tensors from before the lock (backend warm-up) are not counted: checks measure differences
  live = counted;
}

export interface ProcessCapabilities {
  /** the IPC send the worker uses; the submission's `process.send` refuses */
  send(message: unknown): void;
  /** the real exit, for the worker's own shutdown */
  exit(code: number): never;
}

/**
 * Take the process capabilities away from submission code: `process.send` (forged messages), `process.kill` of any other process (the grader,
 * another lane), `process.exit` / `process.reallyExit` (reported as `exited` by the caller's
 * `onExit`). Returns the worker's own handles.
 */
export function lockProcess(onExit: (code: number | string | undefined) => never): ProcessCapabilities {
  const send = process.send!.bind(process);
  const exit = process.exit.bind(process) as (code: number) => never;
  const kill = process.kill.bind(process);
  const refuse = (what: string) => () => { throw new Refused(what); };
  Object.defineProperty(process, 'send', { value: refuse('process.send'), writable: false, configurable: false });
  Object.defineProperty(process, 'kill', {
    value: (pid: number, signal?: string | number) => {
      if (pid !== process.pid) throw new Refused(`process.kill(${pid})`);
      return kill(pid, signal);
    },
    writable: false, configurable: false,
  });
  // the binding process.kill calls: guarded too (the worker's own kill above only ever targets this process)
  const rawKill = (process as unknown as { _kill?: (pid: number, signal: number) => number })._kill?.bind(process);
  if (rawKill) {
    Object.defineProperty(process, '_kill', {
      value: (pid: number, signal: number) => {
        if (pid !== process.pid) throw new Refused(`process._kill(${pid})`);
        return rawKill(pid, signal);
      },
      writable: false, configurable: false,
    });
  }
  Object.defineProperty(process, 'exit', { value: (code?: number | string) => onExit(code), writable: false, configurable: false });
  // output to the grader's pipes blocks instead of queueing in memory: a flood slows only the child, it cannot balloon it
  for (const stream of [process.stdout, process.stderr]) (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => void } })._handle?.setBlocking?.(true);
  Object.defineProperty(process, 'reallyExit', { value: (code?: number | string) => onExit(code), writable: false, configurable: false });
  return { send, exit };
}
