/**
 * An instructor's mapping pin: `submissions/<name>.mapping.json`, BESIDE the submission's
 * folder — a student cannot ship one, and it never enters the child's private copy. It
 * names, per model, which canonical part each of the student's parameters plays, in the
 * words of the report's mapping table (a result's `pytorch.models[].pairs` can be copied
 * in as it is):
 *
 *     { "models": { "vanillaRNN": [
 *         { "student": "U", "canonical": "W_hx", "transposed": true },
 *         { "student": "u", "canonical": "b_h" },
 *         { "student": "w", "canonical": "b_h (second bias, held at 0)" } ] } }
 *
 * `canonical` is a canonical name of the model (harness/contract.ts), a fused block as
 * "W_gx + W_gh" (x first) or "W_gh + W_gx" (h first), or a gate's second bias as above;
 * `transposed` (default false) says the matrix is stored [in, out]. A pin replaces the
 * automatic candidates of that model and nothing else: it is judged against the oracle
 * exactly like a found mapping (./settle.ts), so a pin never repairs a model.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import Ajv from 'ajv';
import { SEQUENCE_MODELS } from '../contract';
import type { SequenceModelName } from '../contract';
import { describeError } from '../profiles';
import type { Binding, Candidate, StudentParam } from './mapping';
import { GATES } from './names';
import type { PyTorchPair } from './types';

export type PinEntry = Pick<PyTorchPair, 'student' | 'canonical'> & { transposed?: boolean };
export interface Pin {
  /** the file's name, as reports say it */
  file: string;
  models: Partial<Record<SequenceModelName, PinEntry[]>>;
}

const pinSchema = {
  type: 'object',
  required: ['models'],
  additionalProperties: false,
  properties: {
    $comment: { type: 'string' },
    models: {
      type: 'object',
      minProperties: 1,
      propertyNames: { enum: SEQUENCE_MODELS },
      additionalProperties: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['student', 'canonical'],
          additionalProperties: false,
          properties: { student: { type: 'string', minLength: 1 }, canonical: { type: 'string', minLength: 1 }, transposed: { type: 'boolean' } },
        },
      },
    },
  },
} as const;
const validate = new Ajv({ allErrors: true }).compile(pinSchema);

/** `submissions/alice` → `submissions/alice.mapping.json`. */
export function pinPath(submissionDir: string): string {
  return `${submissionDir.replace(/\/+$/, '')}.mapping.json`;
}

/** The pin beside `submissionDir`, undefined when there is none; throws "<file>: <where> requires …, got …" for a bad one. */
export function readPin(submissionDir: string): Pin | undefined {
  const path = pinPath(submissionDir);
  if (!existsSync(path)) return undefined;
  const file = basename(path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${file} requires JSON (a mapping pin), got ${(e as Error).message}`);
  }
  if (!validate(data)) {
    const problems = [...new Set((validate.errors ?? []).map((e) => describeError(e, data)))];
    throw new Error(`${file} is not a valid mapping pin:\n  - ${problems.join('\n  - ')}`);
  }
  return { file, models: (data as { models: Pin['models'] }).models };
}

const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** A canonical name as the report writes it → the binding's role, gate and order; undefined when it is none of `model`'s. */
function readCanonical(model: SequenceModelName, text: string): Omit<Binding, 'name' | 'transpose'> | undefined {
  const fixed: Record<string, Binding['role']> = { W_ph: 'outW', b_p: 'outB', embedding: 'emb' };
  if (fixed[text]) return { role: fixed[text] };
  const prefix = model === 'biLSTM' ? '(fwd\\.|bwd\\.)' : '()';
  const gates = `([${GATES[model].join('')}])`;
  const forms: Array<[RegExp, (m: RegExpExecArray) => Omit<Binding, 'name' | 'transpose'> | undefined]> = [
    [new RegExp(`^${prefix}W_${gates}x$`), (m) => ({ role: 'x', gate: m[1] + m[2] })],
    [new RegExp(`^${prefix}W_${gates}h$`), (m) => ({ role: 'h', gate: m[1] + m[2] })],
    [new RegExp(`^${prefix}b_${gates}$`), (m) => ({ role: 'b', gate: m[1] + m[2] })],
    [new RegExp(`^${prefix}b_${gates} \\(second bias, held at 0\\)$`), (m) => ({ role: 'b0', gate: m[1] + m[2] })],
    [new RegExp(`^${prefix}W_${gates}([xh]) \\+ ${prefix}W_${gates}([xh])$`), (m) => (m[1] === m[4] && m[2] === m[5] && m[3] !== m[6] ? { role: 'xh', gate: m[1] + m[2], order: m[3] === 'x' ? 'xh' : 'hx' } : undefined)],
  ];
  for (const [re, read] of forms) {
    const m = re.exec(text);
    if (m) return read(m);
  }
  return undefined;
}

/**
 * The pinned candidate of `model`, whose parameters are `params` at hidden size `H`; throws
 * "<file>: models.<model>[k] requires …, got …" for an entry that does not fit the model.
 */
export function pinnedCandidate(pin: Pin, model: SequenceModelName, params: StudentParam[], H: number): Candidate | undefined {
  const entries = pin.models[model];
  if (!entries) return undefined;
  const where = (k: number) => `${pin.file}: models.${model}[${k}]`;
  const byName = new Map(params.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const bindings = entries.map((e, k): Binding => {
    const p = byName.get(e.student);
    if (!p) throw new Error(`${where(k)}.student requires a parameter of ${model} (${params.map((q) => q.name).join(', ')}), got "${e.student}"`);
    if (seen.has(e.student)) throw new Error(`${where(k)}.student requires each parameter pinned once, got "${e.student}" again`);
    seen.add(e.student);
    const read = readCanonical(model, e.canonical);
    if (!read) throw new Error(`${where(k)}.canonical requires a canonical part of ${model} as the report writes it (W_${GATES[model][0]}x, W_${GATES[model][0]}h, b_${GATES[model][0]}, "W_${GATES[model][0]}x + W_${GATES[model][0]}h", "b_${GATES[model][0]} (second bias, held at 0)", W_ph, b_p, embedding${model === 'biLSTM' ? '; gates prefixed fwd. or bwd.' : ''}), got "${e.canonical}"`);
    const dims = p.shape.filter((d) => d !== 1);
    const rectangular = (read.role === 'x' || read.role === 'xh') && dims.length === 2 && dims[0] !== dims[1];
    if (rectangular && (e.transposed ?? false) !== (dims[0] !== H)) {
      throw new Error(`${where(k)}.transposed requires ${dims[0] !== H} for ${e.student} [${p.shape.join(', ')}] at H = ${H} (stored ${dims[0] !== H ? '[in, out]' : '[out, in]'}), got ${e.transposed ?? false}`);
    }
    if (read.role === 'b' || read.role === 'b0') {
      if (numel(p.shape) !== H) throw new Error(`${where(k)} requires a bias of H = ${H} entries for ${e.canonical}, got ${e.student} [${p.shape.join(', ')}]`);
    }
    return { name: e.student, ...read, ...(e.transposed ? { transpose: true } : {}) };
  });
  const unpinned = params.filter((p) => !seen.has(p.name)).map((p) => p.name);
  if (unpinned.length) throw new Error(`${pin.file}: models.${model} requires every parameter of the model pinned, got none for ${unpinned.join(', ')}`);
  return { bindings, label: `pinned by ${pin.file}` };
}
