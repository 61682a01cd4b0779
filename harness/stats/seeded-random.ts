/**
 * A seeded uniform random source for the statistics that resample (bootstrap,
 * permutation tests), so the same data and seed always give the same interval and p-value.
 *
 * Formula: seedrandom's ARC4 generator keyed by `netgrade-stats:<seed>`.
 * Example: `const u = seededRandom(0); u()` → a number in [0, 1), the same on every run.
 * Throws: when `seed` is not a finite number.
 */
import seedrandom from 'seedrandom';

export function seededRandom(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new Error(`seededRandom requires a finite seed, got ${seed}.`);
  return seedrandom(`netgrade-stats:${seed}`);
}
