/**
 * Canonical parameters ↔ a student's state under one mapping (./mapping.ts): loading
 * canonical values into the student's module, reading its own init back as canonical
 * values, and its autograd gradients as canonical gradients. Plain float64 arrays; the
 * grader runs all of it (the worker only copies values in and out).
 *
 * The input path goes through P = W_x · embeddingᵀ [H, V] per gate (one-hot inputs: P = W_x):
 * - load: student embedding := rows of the identity [V', E'], student W_x[:, :V] := P, rest 0;
 * - read: P = W'_x · E'[:V]ᵀ; canonical embedding := rows of the identity [V, E], W_x := [P | 0];
 * - gradients: ∂L/∂P = ∂L/∂W'_x[:, :V] (the loaded embedding is the identity), then
 *   ∂L/∂W_x = ∂L/∂P · embedding and ∂L/∂embedding = Σ_gates (∂L/∂P)ᵀ · W_x.
 */
import type { Mat, OracleParams } from '../../reference/oracle/types';
import type { RecurrentSpec } from '../contract';
import type { Binding } from './mapping';

export interface StudentTensor { shape: number[]; values: number[] }
export type StudentState = Record<string, StudentTensor>;

const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);
const zeros = (r: number, c: number): Mat => ({ shape: [r, c], data: new Float64Array(r * c) });

export function transpose(m: Mat): Mat {
  const [r, c] = m.shape;
  const out = zeros(c, r);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.data[j * r + i] = m.data[i * c + j];
  return out;
}

/** a [r, k] · b [k, c] */
export function matmul(a: Mat, b: Mat): Mat {
  const [r, k] = a.shape, c = b.shape[1];
  const out = zeros(r, c);
  for (let i = 0; i < r; i++) for (let t = 0; t < k; t++) {
    const v = a.data[i * k + t];
    if (v !== 0) for (let j = 0; j < c; j++) out.data[i * c + j] += v * b.data[t * c + j];
  }
  return out;
}

/** Columns [from, to) of m [r, c]. */
function columns(m: Mat, from: number, to: number): Mat {
  const [r, c] = m.shape;
  const out = zeros(r, to - from);
  for (let i = 0; i < r; i++) for (let j = from; j < to; j++) out.data[i * (to - from) + j - from] = m.data[i * c + j];
  return out;
}

/** m [r, c] written into columns from `at` of a zero [r, width]. */
function place(m: Mat, width: number, at = 0, into?: Mat): Mat {
  const [r, c] = m.shape;
  const out = into ?? zeros(r, width);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.data[i * width + at + j] = m.data[i * c + j];
  return out;
}

const asMat = (t: StudentTensor, rows: number): Mat => ({ shape: [rows, numel(t.shape) / rows], data: Float64Array.from(t.values) });
const out = (m: Mat, shape: number[]): StudentTensor => ({ shape, values: Array.from(m.data) });
/** The student's matrix as canonical [out = H, in] (undoing a stored [in, out]). */
const canonicalOf = (t: StudentTensor, b: Binding, H: number): Mat => {
  const dims = t.shape.filter((d) => d !== 1);
  const m = asMat(t, dims[0]);
  return b.transpose ? transpose(m) : (void H, m);
};
const studentOf = (m: Mat, b: Binding, shape: number[]): StudentTensor => out(b.transpose ? transpose(m) : m, shape);

function names(b: Binding): { x: string; h: string; b: string } {
  const [prefix, gate] = b.gate!.includes('.') ? [b.gate!.slice(0, 4), b.gate!.slice(4)] : ['', b.gate!];
  return { x: `${prefix}W_${gate}x`, h: `${prefix}W_${gate}h`, b: `${prefix}b_${gate}` };
}

/** The [H, V] product the output depends on: W_x · embeddingᵀ (embedding inputs) or W_x itself. */
function productOf(params: OracleParams, name: string, spec: RecurrentSpec): Mat {
  return spec.input.kind === 'embedding' ? matmul(params[name], transpose(params.embedding)) : params[name];
}

/** Problems that stop canonical values from loading exactly (checked before any call). */
export function loadProblem(bindings: Binding[], shapes: Record<string, number[]>, spec: RecurrentSpec): string | undefined {
  const V = spec.vocabSize, H = spec.hiddenDim;
  const emb = bindings.find((b) => b.role === 'emb');
  if (emb && spec.input.kind !== 'scalar') {
    const [Vs, Es] = shapes[emb.name];
    if (Vs < V || Es < V) return `an embedding of at least [${V}, ${V}] to hold the ${V} tokens exactly, got [${Vs}, ${Es}]`;
  }
  for (const b of bindings) {
    if (b.role !== 'x' && b.role !== 'xh') continue;
    const inputs = numel(shapes[b.name]) / H - (b.role === 'xh' ? H : 0);     // the input columns of a gate
    if (spec.input.kind === 'scalar' && inputs !== 1) return `an input matrix with one input column (the raw digit), got ${b.name} [${shapes[b.name].join(', ')}]`;
    if (spec.input.kind !== 'scalar' && inputs < V) return `an input matrix of at least ${V} input columns to hold the ${V} tokens exactly, got ${b.name} [${shapes[b.name].join(', ')}]`;
  }
  return undefined;
}

/** Canonical parameters → the student's state (every bound parameter; the shapes are the student's at this size). */
export function toStudent(params: OracleParams, bindings: Binding[], shapes: Record<string, number[]>, spec: RecurrentSpec): StudentState {
  const state: StudentState = {};
  const H = spec.hiddenDim, V = spec.vocabSize;
  const direct = spec.input.kind === 'scalar';
  for (const b of bindings) {
    const shape = shapes[b.name];
    switch (b.role) {
      case 'emb': {
        const [Vs, Es] = shape;
        const m = zeros(Vs, Es);
        for (let v = 0; v < Math.min(V, Vs, Es); v++) m.data[v * Es + v] = 1;
        state[b.name] = out(m, shape);
        break;
      }
      case 'x': case 'xh': {
        const n = names(b);
        const P = productOf(params, n.x, spec);                                  // [H, V] (scalar: [H, 1])
        const inDims = numel(shape) / H;
        const width = b.role === 'xh' ? inDims - H : inDims;
        let m = direct ? P : place(P, width);                                    // [H, E']
        if (b.role === 'xh') {
          const full = zeros(H, inDims);
          if (b.order === 'xh') { place(m, inDims, 0, full); place(params[n.h], inDims, width, full); }
          else { place(params[n.h], inDims, 0, full); place(m, inDims, H, full); }
          m = full;
        }
        state[b.name] = studentOf(m, b, shape);
        break;
      }
      case 'h': state[b.name] = studentOf(params[names(b).h], b, shape); break;
      case 'b': state[b.name] = out(params[names(b).b], shape); break;
      case 'b0': state[b.name] = { shape, values: new Array(numel(shape)).fill(0) }; break;
      case 'outW': state[b.name] = studentOf(params.W_ph, b, shape); break;
      case 'outB': state[b.name] = out(params.b_p, shape); break;
    }
  }
  return state;
}

/** The student's values → canonical values of `canonicalShapes` (init, training results). */
export function fromStudent(state: StudentState, bindings: Binding[], spec: RecurrentSpec, canonicalShapes: Record<string, number[]>): OracleParams {
  const H = spec.hiddenDim, V = spec.vocabSize;
  const p: OracleParams = {};
  const embBinding = bindings.find((b) => b.role === 'emb');
  const embRows = embBinding ? asMat(state[embBinding.name], state[embBinding.name].shape[0]) : undefined;   // [V', E']
  for (const b of bindings) {
    const t = state[b.name];
    switch (b.role) {
      case 'x': case 'xh': {
        const n = names(b);
        let m = canonicalOf(t, b, H);                                           // [H, E'] or [H, E' + H]
        if (b.role === 'xh') {
          const width = m.shape[1] - H;
          p[n.h] = b.order === 'xh' ? columns(m, width, width + H) : columns(m, 0, H);
          m = b.order === 'xh' ? columns(m, 0, width) : columns(m, H, H + width);
        }
        if (spec.input.kind === 'scalar') { p[n.x] = m; break; }
        // P [H, V]: through the student's embedding rows, or its one-hot columns
        const P = embRows ? matmul(m, transpose({ shape: [V, embRows.shape[1]], data: embRows.data.slice(0, V * embRows.shape[1]) })) : columns(m, 0, V);
        if (spec.input.kind === 'embedding' && canonicalShapes[n.x][1] < V) {
          throw new Error(`reading ${b.name} as ${n.x} requires an embedding size E ≥ V = ${V} in the spec, got E = ${canonicalShapes[n.x][1]}`);
        }
        p[n.x] = spec.input.kind === 'embedding' ? place(P, canonicalShapes[n.x][1]) : P;
        break;
      }
      case 'h': p[names(b).h] = canonicalOf(t, b, H); break;
      case 'b': {
        const prev = p[names(b).b];
        const v = Float64Array.from(t.values);
        if (prev) v.forEach((x, i) => { prev.data[i] += x; }); else p[names(b).b] = { shape: [H], data: v };
        break;
      }
      case 'b0': {
        const prev = p[names(b).b];
        if (prev) t.values.forEach((x, i) => { prev.data[i] += x; }); else p[names(b).b] = { shape: [H], data: Float64Array.from(t.values) };
        break;
      }
      case 'outW': p.W_ph = canonicalOf(t, b, H); break;
      case 'outB': p.b_p = { shape: [numel(t.shape)], data: Float64Array.from(t.values) }; break;
      case 'emb': break;
    }
  }
  if (spec.input.kind === 'embedding') {
    const [Vc, E] = canonicalShapes.embedding;
    const m = zeros(Vc, E);
    for (let v = 0; v < Math.min(Vc, E); v++) m.data[v * E + v] = 1;
    p.embedding = m;
  }
  return p;
}

/** The student's autograd gradients (taken at state = toStudent(params)) → canonical gradients. */
export function gradsFromStudent(grads: StudentState, params: OracleParams, bindings: Binding[], spec: RecurrentSpec): OracleParams {
  const H = spec.hiddenDim, V = spec.vocabSize;
  const g: OracleParams = {};
  const embedding = spec.input.kind === 'embedding';
  if (embedding) g.embedding = { shape: [...params.embedding.shape], data: new Float64Array(params.embedding.data.length) };
  for (const b of bindings) {
    const t = grads[b.name];
    switch (b.role) {
      case 'x': case 'xh': {
        const n = names(b);
        let m = canonicalOf(t, b, H);
        if (b.role === 'xh') {
          const width = m.shape[1] - H;
          g[n.h] = b.order === 'xh' ? columns(m, width, width + H) : columns(m, 0, H);
          m = b.order === 'xh' ? columns(m, 0, width) : columns(m, H, H + width);
        }
        if (spec.input.kind === 'scalar') { g[n.x] = m; break; }
        const dP = columns(m, 0, V);                                            // ∂L/∂P [H, V]
        if (embedding) {
          g[n.x] = matmul(dP, params.embedding);                                // [H, V]·[V, E]
          const dE = matmul(transpose(dP), params[n.x]);                        // [V, H]·[H, E]
          dE.data.forEach((v, i) => { g.embedding.data[i] += v; });
        } else g[n.x] = dP;
        break;
      }
      case 'h': g[names(b).h] = canonicalOf(t, b, H); break;
      case 'b': g[names(b).b] = { shape: [H], data: Float64Array.from(t.values) }; break;
      case 'outW': g.W_ph = canonicalOf(t, b, H); break;
      case 'outB': g.b_p = { shape: [numel(t.shape)], data: Float64Array.from(t.values) }; break;
      default: break;
    }
  }
  return g;
}
