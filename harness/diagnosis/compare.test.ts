/** Output comparison: logits and log-probabilities compare equal; shape mismatches and NaN never pass. */
import { logProbError } from './compare';

const logits = { shape: [2, 3], data: [1, 2, 3, -1, 0, 4] };
// log-softmax by hand: row 1 log Σ e^p = 3 + log(1 + e^-1 + e^-2), row 2 = 4 + log(1 + e^-4 + e^-5)
const z1 = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
const z2 = 4 + Math.log(1 + Math.exp(-4) + Math.exp(-5));
const logProbs = { shape: [2, 3], data: [1 - z1, 2 - z1, 3 - z1, -1 - z2, 0 - z2, 4 - z2] };

test('logits, log-probabilities and logits shifted per row are the same answer', () => {
  expect(logProbError(logits, logProbs)).toBeLessThan(1e-12);
  expect(logProbError({ shape: [2, 3], data: [11, 12, 13, -3, -2, 2] }, logits)).toBeLessThan(1e-12);
});

test('probabilities are a different answer', () => {
  const probs = { shape: [2, 3], data: logProbs.data.map(Math.exp) };
  expect(logProbError(probs, logits)).toBeGreaterThan(0.1);
});

test('a shape mismatch or a NaN is an infinite error', () => {
  expect(logProbError({ shape: [3, 2], data: logits.data }, logits)).toBe(Infinity);
  expect(logProbError({ shape: [2, 3], data: [NaN, 2, 3, -1, 0, 4] }, logits)).toBe(Infinity);
});
