/**
 * The seeded random source of every Part 1 dataset: seedrandom's Alea generator, run in
 * plain JavaScript, so a seed gives the same numbers in every process and on every tfjs
 * backend (tfjs's own random ops differ between backends).
 */
import seedrandom from 'seedrandom';

export interface Rng {
  /** uniform in [0, 1) */
  random(): number;
  /** uniform integer in [lo, hi) — numpy's `randint(lo, hi)` */
  randint(lo: number, hi: number): number;
  /** uniform BigInt in [lo, hi] inclusive — Python's `random.randint(lo, hi)`, exact beyond 2^53 */
  bigRandint(lo: bigint, hi: bigint): bigint;
  /** a uniformly random permutation of 0 … n−1 (Fisher–Yates) — numpy's `permutation(n)` */
  permutation(n: number): number[];
}

/** A generator for one stream; the key names the stream (`dataset/length/seed`). */
export function makeRng(key: string): Rng {
  const prng = seedrandom.alea(key);
  const random = (): number => prng.double();
  const randint = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo));
  return {
    random,
    randint,
    bigRandint(lo, hi) {
      // rejection sampling on the smallest number of bits that covers the range: exact and unbiased
      const span = hi - lo + 1n;
      const bits = span.toString(2).length;
      for (;;) {
        let draw = 0n;
        for (let b = 0; b < bits; b += 16) draw = (draw << 16n) | BigInt(randint(0, 1 << 16));
        draw &= (1n << BigInt(bits)) - 1n;
        if (draw < span) return lo + draw;
      }
    },
    permutation(n) {
      const p = [...Array(n).keys()];
      for (let i = n - 1; i > 0; i--) {
        const j = randint(0, i + 1);
        [p[i], p[j]] = [p[j], p[i]];
      }
      return p;
    },
  };
}
