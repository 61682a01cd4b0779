/**
 * How tokens become x(t): one-hot (D = vocabSize), a learned embedding (D = E, the
 * gradient flows into `embedding` [V, E]), or the raw token value (D = 1).
 */
import type { Mat, OracleParams, OracleSpec } from './types';

const positiveInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Throws "<where> requires …, got …" when the spec cannot describe a model. */
export function checkSpec(where: string, spec: OracleSpec): void {
  for (const key of ['vocabSize', 'numClasses', 'hiddenDim'] as const) {
    if (!positiveInt(spec?.[key])) throw new Error(`${where} requires spec.${key} to be a positive integer, got ${JSON.stringify(spec?.[key])}`);
  }
  const kind = spec.input?.kind;
  if (kind !== 'one-hot' && kind !== 'embedding' && kind !== 'scalar') {
    throw new Error(`${where} requires spec.input.kind to be 'one-hot', 'embedding' or 'scalar', got ${JSON.stringify(kind)}`);
  }
  if (spec.input.kind === 'embedding' && !positiveInt(spec.input.dim)) {
    throw new Error(`${where} requires spec.input.dim (the embedding size) to be a positive integer, got ${JSON.stringify(spec.input.dim)}`);
  }
  if (spec.gateBiases !== undefined && typeof spec.gateBiases !== 'boolean') {
    throw new Error(`${where} requires spec.gateBiases to be true or false when given, got ${JSON.stringify(spec.gateBiases)}`);
  }
  if (spec.gru !== undefined && spec.gru !== 'update-takes-new' && spec.gru !== 'update-keeps-old') {
    throw new Error(`${where} requires spec.gru to be 'update-takes-new' or 'update-keeps-old', got ${JSON.stringify(spec.gru)}`);
  }
}

/** D, the size of x(t). */
export function inputDim(spec: OracleSpec): number {
  switch (spec.input.kind) {
    case 'one-hot': return spec.vocabSize;
    case 'embedding': return spec.input.dim;
    case 'scalar': return 1;
  }
}

/** The input's own parameters: `embedding` [V, E] for embedding inputs, none otherwise. */
export function inputShapes(spec: OracleSpec): Record<string, number[]> {
  return spec.input.kind === 'embedding' ? { embedding: [spec.vocabSize, spec.input.dim] } : {};
}

/** Checks tokens [B][T] are a non-empty rectangle of token ids in 0 … V−1; returns [B, T]. */
export function checkTokens(where: string, tokens: number[][], spec: OracleSpec): [number, number] {
  if (!Array.isArray(tokens) || tokens.length === 0 || !Array.isArray(tokens[0]) || tokens[0].length === 0) {
    throw new Error(`${where} requires tokens as a non-empty [B][T] array of token ids, got ${JSON.stringify(tokens)?.slice(0, 80)}`);
  }
  const B = tokens.length, T = tokens[0].length;
  tokens.forEach((row, b) => {
    if (!Array.isArray(row) || row.length !== T) throw new Error(`${where} requires every sequence to have length T = ${T}, got tokens[${b}] of length ${row?.length}`);
    row.forEach((v, t) => {
      if (!Number.isInteger(v) || v < 0 || v >= spec.vocabSize) {
        throw new Error(`${where} requires tokens[${b}][${t}] to be a token id in 0…${spec.vocabSize - 1}, got ${v}`);
      }
    });
  });
  return [B, T];
}

/** x(t) for t = 1 … T, each [B, D]. */
export function encode(P: OracleParams, tokens: number[][], spec: OracleSpec): Float64Array[] {
  const B = tokens.length, T = tokens[0].length, D = inputDim(spec);
  const xs: Float64Array[] = [];
  for (let t = 0; t < T; t++) {
    const x = new Float64Array(B * D);                                   // [B, D]
    for (let b = 0; b < B; b++) {
      const token = tokens[b][t];
      if (spec.input.kind === 'one-hot') x[b * D + token] = 1;
      else if (spec.input.kind === 'scalar') x[b] = token;
      else x.set((P.embedding as Mat).data.subarray(token * D, (token + 1) * D), b * D);
    }
    xs.push(x);
  }
  return xs;
}

/** Backward of {@link encode}: scatters ∂L/∂x(t) into ∂L/∂embedding rows (nothing to do for fixed encodings). */
export function encodeBack(G: OracleParams, tokens: number[][], spec: OracleSpec, dxs: Float64Array[]): void {
  if (spec.input.kind !== 'embedding') return;
  const D = spec.input.dim, dE = G.embedding.data;
  dxs.forEach((dx, t) => {
    tokens.forEach((row, b) => {
      for (let e = 0; e < D; e++) dE[row[t] * D + e] += dx[b * D + e];
    });
  });
}
