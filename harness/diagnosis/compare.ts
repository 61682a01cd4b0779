/**
 * How outputs are compared. A forward may return logits or log-probabilities, so both
 * sides go through log_softmax over the classes first; the error is the largest absolute
 * difference relative to the expected values' scale (at least 1).
 */
import { logSoftmaxRows } from './variants';

export interface Output { shape: number[]; data: ArrayLike<number> }

/** max |log_softmax(a) − log_softmax(e)| / max(1, max |log_softmax(e)|); Infinity on a shape mismatch or NaN. */
export function logProbError(actual: Output, expected: Output): number {
  if (actual.shape.length !== 2 || actual.shape[0] !== expected.shape[0] || actual.shape[1] !== expected.shape[1]) return Infinity;
  const [B, K] = expected.shape;
  return relativeError(logSoftmaxRows(actual.data, B, K), logSoftmaxRows(expected.data, B, K));
}

/** max |a − e| / max(1, max |e|); Infinity when lengths differ or any value is not finite. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 1;
  for (let k = 0; k < expected.length; k++) {
    const d = Math.abs(actual[k] - expected[k]);
    if (!Number.isFinite(d)) return Infinity;
    diff = Math.max(diff, d);
    scale = Math.max(scale, Math.abs(expected[k]));
  }
  return diff / scale;
}
