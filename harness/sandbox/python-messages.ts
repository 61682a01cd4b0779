/**
 * Every line the PyTorch worker writes is untrusted input (the student's code shares its
 * process): {@link readPythonMessage} parses and checks it before the grader reads a
 * field, and {@link checkPythonResult} checks an op's value against that op's shape.
 * Anything else is the submission's fault (`bad-output`, the process is killed) — the
 * same rule as ./messages.ts for the tfjs worker.
 */
import { ERROR_CAUSES } from '../worker/op-error';
import type { OpError } from '../worker/types';
import { MAX_ITEMS, MAX_TEXT } from './messages';
import type { Read } from './messages';

/** Longest line the grader accepts from the worker (a 512 × 10 output is ~150 KB; a 256-hidden state ~10 MB). */
export const MAX_LINE = 64 * 1024 * 1024;

export interface PythonModelFile { file: string; class: string; parameters: string[] }
export interface PythonInfo {
  provides: string[];
  files: Record<string, PythonModelFile>;
  problems: Record<string, { cause: OpError['cause']; message: string }>;
  torch: string;
  device: string;
  cuda: boolean;
  deterministic: boolean;
}
export type FromPython =
  | { type: 'loaded'; info: PythonInfo; ms: number }
  | { type: 'load-failed'; error: OpError }
  | { type: 'result'; id: number; status: 'ok'; value: unknown; ms: number }
  | { type: 'result'; id: number; status: 'errored'; error: OpError; ms: number };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length <= MAX_ITEMS && v.every(isText);

function readError(v: unknown): OpError | undefined {
  if (!isObject(v) || !isText(v.name) || !isText(v.message) || !(ERROR_CAUSES as readonly unknown[]).includes(v.cause)) return undefined;
  return { cause: v.cause as OpError['cause'], name: clip(v.name), message: clip(v.message), ...(isText(v.stack) ? { stack: clip(v.stack) } : {}) };
}

function readInfo(v: unknown): PythonInfo | string {
  if (!isObject(v) || !strings(v.provides) || !isObject(v.files) || !isObject(v.problems) || !isText(v.torch) || !isText(v.device)) {
    return 'info { provides, files, problems, torch, device }';
  }
  const files: Record<string, PythonModelFile> = {};
  for (const [model, f] of Object.entries(v.files)) {
    if (!isObject(f) || !isText(f.file) || !isText(f.class) || !strings(f.parameters)) return `info.files.${clip(model).slice(0, 40)} as { file, class, parameters }`;
    files[model] = { file: clip(f.file), class: clip(f.class), parameters: f.parameters.map(clip) };
  }
  const problems: PythonInfo['problems'] = {};
  for (const [model, p] of Object.entries(v.problems)) {
    if (!isObject(p) || !isText(p.message) || !(ERROR_CAUSES as readonly unknown[]).includes(p.cause)) return `info.problems.${clip(model).slice(0, 40)} as { cause, message }`;
    problems[model] = { cause: p.cause as OpError['cause'], message: clip(p.message) };
  }
  return { provides: v.provides.map(clip), files, problems, torch: clip(v.torch), device: clip(v.device), cuda: v.cuda === true, deterministic: v.deterministic === true };
}

/** One line from the worker, parsed and checked. */
export function readPythonMessage(line: string): Read<FromPython> {
  const bad = (problem: string): Read<FromPython> => ({ ok: false, problem: `a PyTorch worker message requires ${problem}` });
  if (line.length > MAX_LINE) return bad(`at most ${MAX_LINE} characters, got ${line.length}`);
  let m: unknown;
  try { m = JSON.parse(line); } catch { return bad(`one JSON object per line, got ${JSON.stringify(line.slice(0, 60))}`); }
  if (!isObject(m) || !isText(m.type)) return bad('an object with a type');
  const ms = typeof m.ms === 'number' ? m.ms : 0;
  if (m.type === 'loaded') {
    const info = readInfo(m.info);
    return typeof info === 'string' ? bad(info) : { ok: true, value: { type: 'loaded', info, ms } };
  }
  if (m.type === 'load-failed') {
    const error = readError(m.error);
    return error ? { ok: true, value: { type: 'load-failed', error } } : bad('an error { cause, name, message }');
  }
  if (m.type === 'result') {
    if (!(Number.isSafeInteger(m.id) && (m.id as number) > 0)) return bad('a result id as a positive integer');
    if (m.status === 'ok') return { ok: true, value: { type: 'result', id: m.id as number, status: 'ok', value: m.value, ms } };
    const error = readError(m.error);
    return m.status === 'errored' && error ? { ok: true, value: { type: 'result', id: m.id as number, status: 'errored', error, ms } } : bad('a result status ok, or errored with { cause, name, message }');
  }
  return bad(`a type of loaded, load-failed or result, got "${clip(m.type).slice(0, 60)}"`);
}

// ---- results of the worker's ops -----------------------------------------------------

const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null);
function isTensor(v: unknown): boolean {
  if (!isObject(v) || !Array.isArray(v.shape) || !v.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return false;
  return isNumberList(v.values) && v.values.length === (v.shape as number[]).reduce((a, b) => a * b, 1);
}
const isTensors = (v: unknown) => isObject(v) && Object.keys(v).length <= MAX_ITEMS && Object.values(v).every(isTensor);

/** What each worker op returns; undefined when `value` fits, else what was wrong. */
export function checkPythonResult(op: string, value: unknown): string | undefined {
  const v = value as Record<string, unknown>;
  const fits: Record<string, () => boolean> = {
    inspect: () => isObject(v) && strings(v.names) && Array.isArray(v.shapes) && v.shapes.length === (v.names as string[]).length && v.shapes.every(isNumberList) && strings(v.owners) && isTensors(v.values) && isText(v.dtype),
    forward: () => isObject(v) && isTensor(v.output) && isText(v.kind) && strings(v.mutated),
    grads: () => isObject(v) && (typeof v.loss === 'number' || v.loss === null) && isTensor(v.output) && isTensors(v.grads),
    'train.begin': () => isObject(v) && strings(v.names),
    'train.steps': () => isObject(v) && isNumberList(v.losses) && typeof v.ms === 'number',
    'train.eval': () => isObject(v) && isTensor(v.output),
    'train.state': () => isObject(v) && isTensors(v.state),
  };
  const test = fits[op];
  if (!test) return `a known op, got "${op}"`;
  return test() ? undefined : `the result of ${op} in its documented shape (harness/worker/python/worker.py), got ${isObject(value) ? `keys ${Object.keys(value).slice(0, 8).join(', ')}` : typeof value}`;
}
