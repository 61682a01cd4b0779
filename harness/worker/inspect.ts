/**
 * What a loaded module offers: validates the default export against the contract's shape
 * (at run time — the type-check pass is separate) and lists the parts it provides.
 * Runs inside the submission's process; imports nothing from the orchestrator.
 */
import { GRAPH_MODELS, SEQUENCE_MODELS } from '../contract';
import type { Submission } from '../contract';

export interface Inspected {
  submission: Submission;
  author?: string;
  provides: string[];
  conventions: { gru?: string; temperature?: string };
  warnings: string[];
}

/** A module that loaded but cannot be a submission. */
export class InvalidSubmission extends Error {
  constructor(message: string) {
    super(message, { cause: 'load-failed' });
    this.name = 'InvalidSubmission';
  }
}

const METHODS: Record<string, string[]> = {
  ...Object.fromEntries(SEQUENCE_MODELS.map((m) => [m, ['init', 'forward']])),
  ...Object.fromEntries(GRAPH_MODELS.map((m) => [m, ['init', 'forward']])),
  textGenerator: ['init', 'forward', 'step'],
};

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

export const MISSING_DEFAULT = (entry: string, names: string[]) =>
  `${entry} requires a default export (export default { author: '…', models: { lstm, … } }), got ${names.length ? `only named exports: ${names.join(', ')}` : 'no exports'}. ` +
  'Add `export default { … }` at the end of the file (see submissions/_template/index.ts).';

/** The default export of a CommonJS module compiled from TS or written as JS. */
export function defaultExport(mod: unknown, entry: string): unknown {
  if (mod && typeof mod === 'object' && (mod as { __esModule?: boolean }).__esModule) {
    const value = (mod as { default?: unknown }).default;
    if (value === undefined) throw new InvalidSubmission(MISSING_DEFAULT(entry, Object.keys(mod).filter((k) => k !== '__esModule')));
    return value;
  }
  // module.exports = { … } in a plain .js submission plays the role of the default export
  if (mod && typeof mod === 'object' && Object.keys(mod).length === 0) throw new InvalidSubmission(MISSING_DEFAULT(entry, []));
  return mod;
}

/** Validate a default export; throws {@link InvalidSubmission} when it cannot be graded at all. */
export function inspectSubmission(value: unknown, entry = 'index.ts'): Inspected {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidSubmission(`${entry}'s default export requires an object { author, models, timeGate, conventions }, got ${kind(value)}.`);
  }
  const s = value as Submission & Record<string, unknown>;
  const warnings: string[] = [];
  const provides: string[] = [];
  if (s.models !== undefined) {
    if (typeof s.models !== 'object' || s.models === null) {
      throw new InvalidSubmission(`${entry}'s default export requires models to be an object like { lstm, gru }, got ${kind(s.models)}.`);
    }
    for (const [name, model] of Object.entries(s.models as Record<string, unknown>)) {
      if (model === undefined || model === null) continue;
      const wanted = METHODS[name];
      if (!wanted) {
        warnings.push(`models.${name} is not a part of the assignment (expected one of ${Object.keys(METHODS).join(', ')}); it is ignored.`);
        continue;
      }
      const missing = wanted.filter((m) => typeof (model as Record<string, unknown>)[m] !== 'function');
      if (missing.length) warnings.push(`models.${name} requires the functions ${wanted.join(', ')}, got no ${missing.join(', ')}; its checks will fail.`);
      provides.push(name);
    }
  }
  if (s.timeGate !== undefined) {
    if (typeof s.timeGate === 'function') provides.push('timeGate');
    else warnings.push(`timeGate requires a function (t, { tau, s, rOn }) => k, got ${kind(s.timeGate)}; it is ignored.`);
  }
  const conventions: Inspected['conventions'] = {};
  const given = (s.conventions ?? {}) as Record<string, unknown>;
  if (typeof given.gru === 'string') conventions.gru = given.gru;
  if (typeof given.temperature === 'string') conventions.temperature = given.temperature;
  if (given.gru !== undefined && given.gru !== 'update-takes-new' && given.gru !== 'update-keeps-old') {
    warnings.push(`conventions.gru requires 'update-takes-new' or 'update-keeps-old', got ${JSON.stringify(given.gru)}.`);
  }
  if (given.temperature !== undefined && given.temperature !== 'multiply' && given.temperature !== 'divide') {
    warnings.push(`conventions.temperature requires 'multiply' or 'divide', got ${JSON.stringify(given.temperature)}.`);
  }
  return { submission: s, author: typeof s.author === 'string' ? s.author : undefined, provides, conventions, warnings };
}
