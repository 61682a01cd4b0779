/**
 * Every message from a worker is untrusted input: the submission shares the worker's
 * process and can write to its IPC pipe. {@link readMessage} checks a message's shape and
 * size before the grader reads a field; anything else is the submission's fault
 * (`bad-output`, the child is killed), never an exception in the grader.
 *
 * The value of an `ok` result is checked against its op's result shape by
 * {@link checkResult} (tensors: shape and values agree; numbers are numbers; lists are lists).
 */
import { ERROR_CAUSES } from '../worker/op-error';
import type { ErrorCause, OpError } from '../worker/types';
import type { FromWorker, LoadedInfo, OpName } from '../worker/protocol';

/** Longest string field the grader keeps from a worker (messages, names, warnings). */
export const MAX_TEXT = 16 * 1024;
/** Most items in one list of strings (warnings, provides). */
export const MAX_ITEMS = 1000;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (isObject(v)) return `an object with keys ${Object.keys(v).slice(0, 8).join(', ') || '(none)'}`;
  return `${typeof v}${typeof v === 'string' ? ` of length ${v.length}` : ''}`;
}

function readError(v: unknown): OpError | string {
  if (!isObject(v) || !isText(v.name) || !isText(v.message) || !(ERROR_CAUSES as readonly unknown[]).includes(v.cause)) {
    return `an error { cause, name, message }, got ${describe(v)}`;
  }
  return { cause: v.cause as ErrorCause, name: clip(v.name), message: clip(v.message), ...(isText(v.stack) ? { stack: clip(v.stack) } : {}) };
}

function readStrings(v: unknown, where: string): string[] | string {
  if (!Array.isArray(v) || v.length > MAX_ITEMS || !v.every(isText)) return `${where} as a list of at most ${MAX_ITEMS} strings, got ${describe(v)}`;
  return v.map(clip);
}

function readInfo(v: unknown): LoadedInfo | string {
  if (!isObject(v)) return `info as an object, got ${describe(v)}`;
  const provides = readStrings(v.provides, 'info.provides');
  if (typeof provides === 'string') return provides;
  const warnings = readStrings(v.warnings, 'info.warnings');
  if (typeof warnings === 'string') return warnings;
  if (!isText(v.backend)) return `info.backend as a string, got ${describe(v.backend)}`;
  if (v.author !== undefined && !isText(v.author)) return `info.author as a string, got ${describe(v.author)}`;
  const c = v.conventions;
  if (!isObject(c) || (c.gru !== undefined && !isText(c.gru)) || (c.temperature !== undefined && !isText(c.temperature))) return `info.conventions as { gru?, temperature? } strings, got ${describe(c)}`;
  return {
    ...(v.author !== undefined ? { author: clip(v.author as string) } : {}),
    provides, warnings, backend: clip(v.backend),
    conventions: { ...(isText(c.gru) ? { gru: clip(c.gru) } : {}), ...(isText(c.temperature) ? { temperature: clip(c.temperature) } : {}) },
  };
}

/** A message from a worker, checked; `problem` says what was wrong in the grader's words. */
export function readMessage(m: unknown): Read<FromWorker> {
  const bad = (problem: string): Read<FromWorker> => ({ ok: false, problem: `a worker message requires ${problem}` });
  if (!isObject(m) || !isText(m.type)) return bad(`an object with a type, got ${describe(m)}`);
  const ms = isNumber(m.ms) ? m.ms : 0;
  switch (m.type) {
    case 'loaded': {
      const info = readInfo(m.info);
      return typeof info === 'string' ? bad(info) : { ok: true, value: { type: 'loaded', info, ms } };
    }
    case 'load-failed': {
      const error = readError(m.error);
      return typeof error === 'string' ? bad(error) : { ok: true, value: { type: 'load-failed', error, ms } };
    }
    case 'result': {
      if (!isId(m.id)) return bad(`a result id as a positive integer, got ${describe(m.id)}`);
      if (m.status === 'ok') return { ok: true, value: { type: 'result', id: m.id, status: 'ok', value: m.value, ms } };
      if (m.status !== 'errored') return bad(`a result status ok or errored, got ${describe(m.status)}`);
      const error = readError(m.error);
      return typeof error === 'string' ? bad(error) : { ok: true, value: { type: 'result', id: m.id, status: 'errored', error, ms } };
    }
    case 'exit-called':
      if (!(m.id === null || isId(m.id)) || !isText(m.code)) return bad(`exit-called { id, code }, got ${describe(m)}`);
      return { ok: true, value: { type: 'exit-called', id: m.id, code: clip(m.code) } };
    default:
      return bad(`a type of loaded, load-failed, result or exit-called, got "${clip(m.type).slice(0, 60)}"`);
  }
}

// ---- results -------------------------------------------------------------------------

type Leaf = 'tensor' | 'tensors' | 'number' | 'numbers' | 'strings' | 'string' | 'object' | 'any';
type Shape = Leaf | { [key: string]: Shape | `${Leaf}?` };

/** The typed array's kind, across realms (IPC deserialises in Node's realm; jest runs tests in another). */
const typedKind = (v: unknown): string | undefined => (ArrayBuffer.isView(v) ? Object.prototype.toString.call(v).slice(8, -1) : undefined);

function isWireTensor(v: unknown): boolean {
  if (!isObject(v) || !Array.isArray(v.shape) || !v.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return false;
  const size = (v.shape as number[]).reduce((a, b) => a * b, 1);
  if (v.dtype === 'float32') return typedKind(v.values) === 'Float32Array' && (v.values as Float32Array).length === size;
  if (v.dtype === 'int32') return typedKind(v.values) === 'Int32Array' && (v.values as Int32Array).length === size;
  return false;
}

function check(v: unknown, shape: Shape, where: string): string | undefined {
  if (typeof shape === 'object') {
    if (!isObject(v)) return `${where} as an object, got ${describe(v)}`;
    for (const [key, sub] of Object.entries(shape)) {
      const optional = typeof sub === 'string' && sub.endsWith('?');
      if (v[key] === undefined) { if (optional) continue; return `${where}.${key}, got nothing`; }
      const problem = check(v[key], (optional ? (sub as string).slice(0, -1) : sub) as Shape, `${where}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  switch (shape) {
    case 'tensor': return isWireTensor(v) ? undefined : `${where} as a tensor { shape, dtype, values } whose values match its shape, got ${describe(v)}`;
    case 'tensors': return isObject(v) && Object.values(v).every(isWireTensor) ? undefined : `${where} as tensors by name, got ${describe(v)}`;
    case 'number': return isNumber(v) ? undefined : `${where} as a number, got ${describe(v)}`;
    case 'numbers': return (Array.isArray(v) && v.every(isNumber)) || ['Float32Array', 'Float64Array', 'Int32Array'].includes(typedKind(v) ?? '') ? undefined : `${where} as a list of numbers, got ${describe(v)}`;
    case 'strings': return Array.isArray(v) && v.every(isText) ? undefined : `${where} as a list of strings, got ${describe(v)}`;
    case 'string': return isText(v) ? undefined : `${where} as a string, got ${describe(v)}`;
    case 'object': return isObject(v) ? undefined : `${where} as an object, got ${describe(v)}`;
    default: return undefined;
  }
}

const HYGIENE: Shape = { leakedTensors: 'number', mutated: 'strings' };
const RUN: Shape = { model: 'string', dataset: 'string', T: 'number', seed: 'number', backend: 'string', status: 'string', target: 'number', budgetSteps: 'number', curve: 'any', msPerStep: 'number', stepsToTarget: 'number?', finalParams: 'tensors?' };

/** The shape each op's result must have before a check reads it. */
const RESULTS: Record<OpName, Shape> = {
  describe: { provides: 'strings', backend: 'string', tensors: 'number' },
  'probe.init': { shapes: 'object', nonFinite: 'strings' },
  'probe.forward': { shape: 'numbers', values: 'numbers', nonFinite: 'numbers', leakedTensors: 'number', mutated: 'strings' },
  'recurrent.init': { params: 'tensors' },
  'recurrent.forward': { output: 'tensor', hygiene: HYGIENE },
  'recurrent.grads': { loss: 'number', output: 'tensor', grads: 'tensors', hygiene: HYGIENE },
  'recurrent.handGradients': { grads: 'tensors', hygiene: HYGIENE },
  'timeGate.values': { values: 'numbers' },
  'text.init': { params: 'tensors' },
  'text.forward': { logits: 'tensor', leakedTensors: 'number' },
  'text.steps': { logits: 'tensor' },
  'text.grads': { loss: 'number', grads: 'tensors' },
  'text.greedy': { ids: 'numbers' },
  'text.sample': { counts: 'numbers' },
  'text.train': { curve: 'any', msPerStep: 'number', diverged: 'any', samples: 'object', params: 'tensors' },
  'graph.init': { params: 'tensors' },
  'graph.forward': { output: 'tensor', leakedTensors: 'number' },
  'graph.grads': { output: 'tensor', loss: 'number', grads: 'tensors', features: 'tensor', leakedTensors: 'number' },
  train: RUN,
  'bench.micro': { backend: 'string', T: 'number', results: 'any' },
};

/** undefined when `value` has the shape of `op`'s result, else what was wrong. */
export function checkResult(op: OpName, value: unknown): string | undefined {
  const shape = RESULTS[op];
  return shape ? check(value, shape, `the result of ${op}`) : `a known op, got "${String(op)}"`;
}
