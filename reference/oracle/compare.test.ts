/** relativeError against values worked out by hand (the formula is in compare.ts's header). */
import { relativeError } from './compare';

test('the difference is divided by the largest expected magnitude when it exceeds the floor', () => {
  // |10.5 − 10| = 0.5, scale max(1, 10) = 10 → 0.05
  expect(relativeError([10.5, 1], [10, 1], { floor: 1 })).toBeCloseTo(0.05, 12);
  // largest difference is 0.3 (second entry), scale max(1e-6, 4) = 4 → 0.075
  expect(relativeError([2.1, -4.3], [2, -4], { floor: 1e-6 })).toBeCloseTo(0.075, 12);
});

test('the floor is the scale when every expected value is smaller', () => {
  // |0.5 − 0.25| = 0.25; floor 1 > 0.25 → 0.25 / 1
  expect(relativeError([0.5], [0.25], { floor: 1 })).toBeCloseTo(0.25, 12);
  // the same numbers with a small floor: 0.25 / 0.25 = 1
  expect(relativeError([0.5], [0.25], { floor: 1e-12 })).toBeCloseTo(1, 12);
  // an all-zero expected tensor: 2e-7 / 1e-6 = 0.2 (graph floor), 2e-7 / 1e-12 = 2e5 (text floor)
  expect(relativeError([2e-7, 0], [0, 0], { floor: 1e-6 })).toBeCloseTo(0.2, 12);
  expect(relativeError([2e-7, 0], [0, 0], { floor: 1e-12 })).toBeCloseTo(2e5, 6);
});

test('equal answers have error 0, whatever the floor', () => {
  expect(relativeError([0, 3, -1], [0, 3, -1], { floor: 1e-12 })).toBe(0);
  expect(relativeError([], [], { floor: 1 })).toBe(0);
});

test('a length mismatch, a NaN or an infinity is an infinite error', () => {
  expect(relativeError([1, 2], [1, 2, 3], { floor: 1 })).toBe(Infinity);
  expect(relativeError([NaN, 2], [1, 2], { floor: 1 })).toBe(Infinity);
  expect(relativeError([1, Infinity], [1, 2], { floor: 1 })).toBe(Infinity);
  expect(relativeError([1, 2], [1, Infinity], { floor: 1e-6 })).toBe(Infinity);
});

test('a floor that is not a positive finite number is refused', () => {
  expect(() => relativeError([1], [1], { floor: 0 })).toThrow('relativeError requires a positive finite floor, got 0');
  expect(() => relativeError([1], [1], { floor: NaN })).toThrow('got NaN');
});
