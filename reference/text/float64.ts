/**
 * A float64, framework-free forward pass of the text generator (plain loops over
 * Float64Array): the independent ground truth the tfjs reference and submissions are
 * tested against. Same equations as reference/models/text-generator.ts.
 */
export type Params64 = Record<string, { shape: number[]; values: Float64Array }>;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** y = W·x + b for W [out, in] stored row-major. */
function affine(W: { shape: number[]; values: Float64Array }, x: ArrayLike<number>, b?: Float64Array): Float64Array {
  const [out, inp] = W.shape;
  const y = new Float64Array(out);
  for (let o = 0; o < out; o++) {
    let s = b ? b[o] : 0;
    for (let k = 0; k < inp; k++) s += W.values[o * inp + k] * x[k];
    y[o] = s;
  }
  return y;
}

export interface State64 { h: Float64Array[]; c: Float64Array[] }

/** One step for one sequence: token → logits [V], next state. */
export function step64(p: Params64, numLayers: number, state: State64 | null, token: number): { logits: Float64Array; state: State64 } {
  const [, E] = p.embedding.shape;
  let x: Float64Array = p.embedding.values.slice(token * E, (token + 1) * E);
  const next: State64 = { h: [], c: [] };
  for (let l = 0; l < numLayers; l++) {
    const H = p[`l${l}.b_g`].shape[0];
    const hPrev = state ? state.h[l] : new Float64Array(H);
    const cPrev = state ? state.c[l] : new Float64Array(H);
    const gate = (k: string) => {
      const a = affine(p[`l${l}.W_${k}x`], x, p[`l${l}.b_${k}`].values);
      const r = affine(p[`l${l}.W_${k}h`], hPrev);
      return a.map((v, j) => v + r[j]);
    };
    const g = gate('g').map(Math.tanh);
    const i = gate('i').map(sigmoid);
    const f = gate('f').map(sigmoid);
    const o = gate('o').map(sigmoid);
    const c = g.map((gj, j) => gj * i[j] + cPrev[j] * f[j]);
    const h = c.map((cj, j) => Math.tanh(cj) * o[j]);
    next.h.push(h);
    next.c.push(c);
    x = h;
  }
  return { logits: affine(p.W_ph, x, p.b_p.values), state: next };
}

/** tokens [B][T] → logits [B][T][V]. */
export function forward64(p: Params64, numLayers: number, tokens: number[][]): Float64Array[][] {
  return tokens.map((row) => {
    let state: State64 | null = null;
    return row.map((tok) => {
      const r = step64(p, numLayers, state, tok);
      state = r.state;
      return r.logits;
    });
  });
}

/** Mean cross-entropy over all B×T positions. */
export function loss64(p: Params64, numLayers: number, tokens: number[][], targets: number[][]): number {
  const logits = forward64(p, numLayers, tokens);
  let total = 0;
  let n = 0;
  logits.forEach((row, b) => row.forEach((z, t) => {
    const max = Math.max(...z);
    const lse = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
    total += lse - z[targets[b][t]];
    n++;
  }));
  return total / n;
}

/** Central-difference gradient of loss64 for chosen entries of one parameter. */
export function numericGradient(p: Params64, numLayers: number, tokens: number[][], targets: number[][], name: string, entries: number[], eps = 1e-6): number[] {
  return entries.map((k) => {
    const v = p[name].values;
    const keep = v[k];
    v[k] = keep + eps;
    const up = loss64(p, numLayers, tokens, targets);
    v[k] = keep - eps;
    const down = loss64(p, numLayers, tokens, targets);
    v[k] = keep;
    return (up - down) / (2 * eps);
  });
}
