/**
 * Seeds derived from a run's seed, one per purpose: the training batch of step s and the
 * evaluation set are separate streams of the same run, and no stream depends on the
 * process, the backend or Math.random.
 *
 * Formula: FNV-1a (32-bit) of `<seed>/<purpose>/<index>`.
 * Example: `derivedSeed(0, 'train', 17)` is the data seed of step 17 of the seed-0 run.
 */
export function derivedSeed(seed: number, purpose: 'train' | 'eval', index = 0): number {
  const text = `${seed}/${purpose}/${index}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
