/**
 * Load and map: which of a student's PyTorch parameters plays which canonical part
 * (harness/contract.ts), proposed from names first, then shapes. What neither decides — the
 * orientation of square matrices, which of two square matrices reads x, the order of a fused
 * `[W_x | W_h]` block, gates a name scheme does not spell — becomes several candidates that
 * ./settle.ts tells apart numerically against the float64 oracle.
 *
 * A candidate binds each student parameter to a role:
 *
 * | role | canonical | student stores |
 * |---|---|---|
 * | `x` | `W_<gate>x` [H, D] (through the embedding: the [H, V] product P = W·Eᵀ) | [H, E'] or [E', H] |
 * | `h` | `W_<gate>h` [H, H] | [H, H], either way round |
 * | `xh` | both, fused | [H, E' + H] / [E' + H, H], x first or h first |
 * | `b` | `b_<gate>` [H] | any shape of H entries (a second bias of the gate is held at 0) |
 * | `emb` | `embedding` [V, E] | nn.Embedding [V', E'] (set to rows of the identity) |
 * | `outW`, `outB` | `W_ph` [K, H], `b_p` [K] | either way round / any shape of K |
 *
 * The embedding is matched through what the model's output depends on: for every gate, the
 * product P = W_gx · embeddingᵀ [H, V]. Loading puts P into the student's input matrix and
 * rows of the identity into its embedding (exact whenever E' ≥ V and V' ≥ V), so a model
 * with its own embedding size, or a one-hot model, runs on canonical parameters unchanged.
 */
import type { SequenceModelName } from '../contract';
import { GATES, readName } from './names';

export interface StudentParam { name: string; shape: number[]; owner: string }
export type Role = 'x' | 'h' | 'xh' | 'b' | 'b0' | 'emb' | 'outW' | 'outB';
export interface Binding {
  name: string;
  role: Role;
  /** canonical prefix + gate, e.g. 'g', 'fwd.i' */
  gate?: string;
  /** stored [in, out] (applied as x @ W): transposed against the canonical [out, in] */
  transpose?: boolean;
  /** fused block: which part comes first along its input axis */
  order?: 'xh' | 'hx';
}
export interface Candidate { bindings: Binding[]; label: string }
export interface Proposal { candidates: Candidate[]; problems: string[] }

const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);
const matrix = (s: number[]) => s.filter((d) => d !== 1).length === 2 || (s.length === 2 && s[0] > 1 && s[1] > 1);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

function product<T>(lists: T[][]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}

/** Gates that read only x (the peephole LSTM's cell input). */
const X_ONLY: Partial<Record<SequenceModelName, string[]>> = { peepLSTM: ['c'] };

/** An nn.Embedding's weight (or a parameter named as one). */
export const isEmbedding = (p: StudentParam) => p.owner === 'Embedding' || /emb/i.test(p.name);

export interface ProposeOptions {
  /**
   * the model reads the raw token as one feature (spec.input `scalar`): each gate's input
   * matrix has one input column, H entries like a bias, so one of the gate's H-vectors is
   * its input matrix — the one named for x, else a stored [H, 1] / [1, H] whose name does not
   * say bias, in declaration order
   */
  scalar?: boolean;
  /** internal: which of several output-shaped matrices is the output layer */
  outputIs?: string;
}

/**
 * Candidate mappings of `params` (inspected at hidden size `H`, `K` classes) onto `model`'s
 * canonical parameters; `problems` says why there are none.
 */
export function propose(model: SequenceModelName, params: StudentParam[], H: number, K: number, options: ProposeOptions = {}): Proposal {
  const { scalar = false, outputIs } = options;
  const problems: string[] = [];
  const Hout = model === 'biLSTM' ? 2 * H : H;
  const outputShaped = (p: StudentParam) => {
    const dims = p.shape.filter((d) => d !== 1);
    return dims.length === 2 && K !== Hout && dims.includes(K) && dims.includes(Hout) && !matrixOfGate(readName(p.name, model)) && !isEmbedding(p);
  };
  // several matrices shaped like the output layer (V = K: an input matrix [H, V] looks like W_ph [K, H]): each in turn
  const outputs = params.filter(outputShaped);
  if (outputIs === undefined && outputs.length > 1) {
    const each = outputs.map((o) => propose(model, params, H, K, { scalar, outputIs: o.name }));
    const candidates = each.flatMap((e) => e.candidates);
    return { candidates, problems: candidates.length ? [] : [...new Set(each.flatMap((e) => e.problems))] };
  }
  const dirs = model === 'biLSTM' ? ['fwd.', 'bwd.'] : [''];
  const fixed: Binding[] = [];
  type Item = { p: StudentParam; gate?: string; source?: 'x' | 'h'; bias?: boolean; dir: string; kind: 'bias' | 'square' | 'rect' };
  const items: Item[] = [];
  for (const p of params) {
    const reading = readName(p.name, model);
    const n = numel(p.shape);
    const dims = p.shape.filter((d) => d !== 1);
    if (isEmbedding(p)) { fixed.push({ name: p.name, role: 'emb' }); continue; }
    if (outputShaped(p) && (outputIs === undefined || outputIs === p.name)) {
      fixed.push({ name: p.name, role: 'outW', transpose: dims[0] === Hout });
      continue;
    }
    if (n === K && K !== H && dims.length <= 1) { fixed.push({ name: p.name, role: 'outB' }); continue; }
    const dir = model === 'biLSTM' ? (reading.dir ? `${reading.dir}.` : '?') : '';
    const gate = model === 'vanillaRNN' ? 'h' : reading.gate;
    if (n === H && dims.length <= 1) { items.push({ p, gate, source: reading.source, bias: reading.bias, dir, kind: 'bias' }); continue; }
    if (matrix(p.shape) && dims.includes(H)) { items.push({ p, gate, source: reading.source, dir, kind: dims[0] === H && dims[1] === H ? 'square' : 'rect' }); continue; }
    problems.push(`${p.name} [${p.shape.join(', ')}] fits no canonical parameter at H=${H}, K=${K}`);
  }
  if (fixed.filter((b) => b.role === 'outW').length !== 1) problems.push(`an output matrix [K=${K}, H=${Hout}] (either way round), got ${fixed.filter((b) => b.role === 'outW').length}`);
  if (fixed.filter((b) => b.role === 'outB').length !== 1) problems.push(`an output bias of ${K} entries, got ${fixed.filter((b) => b.role === 'outB').length}`);
  if (items.some((i) => i.dir === '?')) problems.push('a direction (fwd/forward or bwd/backward) in every biLSTM parameter name');
  if (problems.length) return { candidates: [], problems };

  const gates = GATES[model];
  // gates no name spells: one permutation, shared by every role, in declaration order
  const named = new Set(items.filter((i) => i.gate).map((i) => i.gate));
  const unnamed = gates.filter((g) => !named.has(g));
  const perms = items.some((i) => !i.gate) ? permutations(unnamed) : [[]];
  const candidates: Candidate[] = [];
  for (const perm of perms) {
    const assign = (list: Item[]) => {
      let k = 0;
      return list.map((i) => ({ ...i, gate: i.gate ?? perm[k++ % Math.max(1, perm.length)] }));
    };
    // unnamed ones in declaration order per kind: the k-th bias, input and recurrent matrix belong to the same gate
    const withGates = (['bias', 'rect', 'square'] as const).flatMap((kind) => assign(items.filter((i) => i.kind === kind)));
    const groups = new Map<string, Item[]>();
    for (const i of withGates) {
      const key = `${i.dir}${i.gate}`;
      groups.set(key, [...(groups.get(key) ?? []), i]);
    }
    // per gate: which matrix is x, which h (or a fused block), which bias
    type Plan = { gate: string; x?: Item; h?: Item; xh?: Item; squares?: [Item, Item]; b: Item[] };
    const plans: Plan[] = [];
    let broken = '';
    for (const dir of dirs) {
      for (const g of gates) {
        const key = `${dir}${g}`;
        const list = groups.get(key) ?? [];
        const mats = list.filter((i) => i.kind !== 'bias');
        let b = list.filter((i) => i.kind === 'bias');
        const xOnly = X_ONLY[model]?.includes(g);
        const column = scalar && !mats.some((m) => m.kind === 'rect') && !(xOnly && mats.length) ? inputColumn(b) : undefined;
        if (column) { mats.unshift({ ...column, kind: 'rect' }); b = b.filter((i) => i !== column); }
        // no bias at all (the 2020 GRU's equations have none): it runs, and the oracle's nonzero biases say it differs
        if (b.length === 0 && list.length && items.some((i) => i.kind === 'bias')) { broken = `a bias for gate ${key}`; break; }
        if (b.length > 2) { broken = `at most two biases for gate ${key}, got ${b.length}`; break; }
        if (b.length === 2 && !b[0].bias && b[1].bias) b = [b[1], b[0]];            // the one named as a bias is the bias
        if (xOnly) {
          if (mats.length !== 1) { broken = `one input matrix for ${key}, got ${mats.length}`; break; }
          plans.push({ gate: key, x: mats[0], b });
        } else if (mats.length === 1) {
          if (mats[0].kind !== 'rect') { broken = `an input and a recurrent matrix for gate ${key}, got one [H, H]`; break; }
          plans.push({ gate: key, xh: mats[0], b });
        } else if (mats.length === 2) {
          const rect = mats.filter((m) => m.kind === 'rect');
          if (rect.length === 2) { broken = `one recurrent [H, H] matrix for gate ${key}, got two rectangular ones`; break; }
          if (rect.length === 1) plans.push({ gate: key, x: rect[0], h: mats.find((m) => m.kind === 'square'), b });
          else {
            const byName = mats.find((m) => m.source === 'x');
            if (byName && mats.find((m) => m !== byName)?.source !== 'x') plans.push({ gate: key, x: byName, h: mats.find((m) => m !== byName), b });
            else plans.push({ gate: key, squares: [mats[0], mats[1]], b });
          }
        } else { broken = `two matrices (input and recurrent) for gate ${key}, got ${mats.length}`; break; }
      }
      if (broken) break;
    }
    const extra = withGates.filter((i) => !gates.some((g) => dirs.some((d) => `${d}${g}` === `${i.dir}${i.gate}`)));
    if (!broken && extra.length) broken = `no parameters beyond the gates', got ${extra.map((i) => i.p.name).join(', ')}`;
    if (broken) { problems.push(`the model requires ${broken}`); continue; }
    const squareX = plans.some((p) => p.x?.kind === 'square' || p.squares);
    const fused = plans.some((p) => p.xh);
    const swap = plans.some((p) => p.squares);
    const recurrent = plans.some((p) => p.h || p.squares);
    // two H-vectors of a gate, neither named as a bias (a learnable h_init beside the bias, two offsets): either may be the bias
    const unsure = (p: Plan) => p.b.length === 2 && !p.b[0].bias && !p.b[1].bias;
    const twoVectors = plans.some(unsure);
    for (const [xT, hT, order, swapped, flipped] of product<boolean | string>([squareX ? [false, true] : [false], recurrent ? [false, true] : [false], fused ? ['xh', 'hx'] : ['xh'], swap ? [false, true] : [false], twoVectors ? [false, true] : [false]])) {
      const bindings: Binding[] = [...fixed];
      for (const plan of plans) {
        const [x, h] = plan.squares ? (swapped ? [plan.squares[1], plan.squares[0]] : plan.squares) : [plan.x, plan.h];
        if (x) bindings.push({ name: x.p.name, role: 'x', gate: plan.gate, transpose: x.kind === 'square' ? (xT as boolean) : x.p.shape.filter((d) => d !== 1)[0] !== H });
        if (h) bindings.push({ name: h.p.name, role: 'h', gate: plan.gate, transpose: hT as boolean });
        if (plan.xh) bindings.push({ name: plan.xh.p.name, role: 'xh', gate: plan.gate, transpose: plan.xh.p.shape.filter((d) => d !== 1)[0] !== H, order: order as 'xh' | 'hx' });
        (flipped && unsure(plan) ? [plan.b[1], plan.b[0]] : plan.b).forEach((b, k) => bindings.push({ name: b.p.name, role: k === 0 ? 'b' : 'b0', gate: plan.gate }));
      }
      const label = [perm.length ? `gates ${perm.join('')}` : '', squareX ? `square W_x ${xT ? '[in, out]' : '[out, in]'}` : '', recurrent ? `W_h ${hT ? '[in, out]' : '[out, in]'}` : '', fused ? `fused ${order}` : '', swap ? (swapped ? 'second square reads x' : 'first square reads x') : '', twoVectors ? (flipped ? 'second H-vector is the bias' : 'first H-vector is the bias') : ''].filter(Boolean).join(', ');
      candidates.push({ bindings, label });
    }
  }
  return { candidates, problems: candidates.length ? [] : [...new Set(problems)] };
}

/** Scalar input: which of a gate's H-vectors is its one-column input matrix (see {@link ProposeOptions.scalar}). */
function inputColumn<I extends { p: StudentParam; source?: 'x' | 'h'; bias?: boolean }>(vectors: I[]): I | undefined {
  return vectors.find((v) => v.source === 'x' && !v.bias) ?? vectors.find((v) => v.p.shape.length === 2 && !v.bias && v.source !== 'h');
}

/** A matrix whose name states a gate and a source is a gate's, even if its shape fits the output. */
function matrixOfGate(r: { gate?: string; source?: string }): boolean {
  return r.gate !== undefined && r.source !== undefined;
}

/** The canonical name a binding fills (for reports, and as a pin file writes it, ./pin.ts): W_gx, fwd.b_i, W_ph, "W_gh + W_gx" (a fused block, h first) … */
export function canonicalNames(b: Binding): string[] {
  const [prefix, gate] = b.gate?.includes('.') ? [b.gate.slice(0, b.gate.indexOf('.') + 1), b.gate.slice(b.gate.indexOf('.') + 1)] : ['', b.gate ?? ''];
  switch (b.role) {
    case 'x': return [`${prefix}W_${gate}x`];
    case 'h': return [`${prefix}W_${gate}h`];
    case 'xh': return b.order === 'hx' ? [`${prefix}W_${gate}h`, `${prefix}W_${gate}x`] : [`${prefix}W_${gate}x`, `${prefix}W_${gate}h`];
    case 'b': return [`${prefix}b_${gate}`];
    case 'b0': return [`${prefix}b_${gate} (second bias, held at 0)`];
    case 'emb': return ['embedding'];
    case 'outW': return ['W_ph'];
    case 'outB': return ['b_p'];
  }
}
