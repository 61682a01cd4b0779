/**
 * How outputs are compared. A forward may return logits or log-probabilities, so both
 * sides go through log_softmax over the classes first; the error is the largest absolute
 * difference relative to the expected values' scale (at least 1: reference/oracle/compare.ts
 * `relativeError` with floor 1, since log-probabilities are of order 1).
 */
import { relativeError } from '../../reference/oracle/compare';
import { logSoftmaxRows } from './variants';

export interface Output { shape: number[]; data: ArrayLike<number> }

/** max |log_softmax(a) − log_softmax(e)| / max(1, max |log_softmax(e)|); Infinity on a shape mismatch or NaN. */
export function logProbError(actual: Output, expected: Output): number {
  if (actual.shape.length !== 2 || actual.shape[0] !== expected.shape[0] || actual.shape[1] !== expected.shape[1]) return Infinity;
  const [B, K] = expected.shape;
  return relativeError(logSoftmaxRows(actual.data, B, K), logSoftmaxRows(expected.data, B, K), { floor: 1 });
}
