/**
 * Softmax cross-entropy helpers, in float64, over the last axis of a [B, K] matrix.
 *
 * log-softmax uses the max-shift: log ŷ_k = p_k − m − log Σ_j exp(p_j − m), m = max_j p_j.
 */
import { mat } from './mat';
import type { Mat } from './types';

function rows(logits: Mat): [number, number] {
  if (logits.shape.length !== 2) throw new Error(`softmax requires logits of rank 2 [B, K], got shape [${logits.shape.join(', ')}]`);
  return [logits.shape[0], logits.shape[1]];
}

/** log softmax(p) per row, [B, K] → [B, K]. */
export function logSoftmax(logits: Mat): Mat {
  const [B, K] = rows(logits);
  const out = mat([B, K]);
  for (let b = 0; b < B; b++) {
    const row = logits.data.subarray(b * K, (b + 1) * K);
    let m = -Infinity;
    for (const v of row) m = Math.max(m, v);
    let s = 0;
    for (const v of row) s += Math.exp(v - m);
    const logZ = m + Math.log(s);
    for (let k = 0; k < K; k++) out.data[b * K + k] = row[k] - logZ;
  }
  return out;
}

/** softmax(p) per row, [B, K] → [B, K]: exp(p_k − m) / Σ_j exp(p_j − m). */
export function softmax(logits: Mat): Mat {
  const [B, K] = rows(logits);
  const out = mat([B, K]);
  for (let b = 0; b < B; b++) {
    const row = logits.data.subarray(b * K, (b + 1) * K);
    let m = -Infinity;
    for (const v of row) m = Math.max(m, v);
    let s = 0;
    for (let k = 0; k < K; k++) s += (out.data[b * K + k] = Math.exp(row[k] - m));
    for (let k = 0; k < K; k++) out.data[b * K + k] /= s;
  }
  return out;
}

export function checkTargets(where: string, targets: number[], B: number, K: number): void {
  if (targets.length !== B) throw new Error(`${where} requires one target per sequence (${B}), got ${targets.length}`);
  targets.forEach((y, b) => {
    if (!Number.isInteger(y) || y < 0 || y >= K) throw new Error(`${where} requires targets[${b}] to be a class index in 0…${K - 1}, got ${y}`);
  });
}

/**
 * Mean softmax cross-entropy L = −(1/B) Σ_b log ŷ_{b, y_b} and its gradient
 * ∂L/∂p = (ŷ − onehot(y)) / B, [B, K].
 */
export function softmaxCrossEntropy(logits: Mat, targets: number[]): { loss: number; dLogits: Mat } {
  const [B, K] = rows(logits);
  checkTargets('softmaxCrossEntropy', targets, B, K);
  const logProbs = logSoftmax(logits);
  let loss = 0;
  const dLogits = mat([B, K]);
  for (let b = 0; b < B; b++) {
    loss -= logProbs.data[b * K + targets[b]];
    for (let k = 0; k < K; k++) dLogits.data[b * K + k] = (Math.exp(logProbs.data[b * K + k]) - (k === targets[b] ? 1 : 0)) / B;
  }
  return { loss: loss / B, dLogits };
}
