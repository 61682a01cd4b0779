/** Seeded random parameters for tests and fixtures. */
import seedrandom from 'seedrandom';
import type { SequenceModelName } from '../../harness/contract';
import { mat } from './mat';
import { resolveModel } from './models';
import type { OracleModel, OracleParams, OracleSpec } from './types';

/**
 * Parameters drawn uniformly from [−a, a] in `paramShapes` order, from a generator seeded
 * with `seed` (same seed → same values, in any process). a = 1/√fan_in: weights [out, in]
 * use fan_in = in, biases [n] use n; the `embedding` [V, E] uses a = 1 (it replaces a
 * one-hot input, with nothing summed over). `options.scale` multiplies every a (default 1).
 */
export function randomParams(model: OracleModel | SequenceModelName, spec: OracleSpec, seed: number, options: { scale?: number } = {}): OracleParams {
  if (!Number.isFinite(seed)) throw new Error(`randomParams requires a finite seed, got ${seed}`);
  const scale = options.scale ?? 1;
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error(`randomParams requires options.scale to be a positive number, got ${options.scale}`);
  const rng = seedrandom(`netgrade-oracle:${seed}`);
  const params: OracleParams = {};
  for (const [name, shape] of Object.entries(resolveModel(model).paramShapes(spec))) {
    const a = scale * (name === 'embedding' ? 1 : 1 / Math.sqrt(shape[shape.length - 1]));
    const m = mat(shape);
    for (let k = 0; k < m.data.length; k++) m.data[k] = (2 * rng() - 1) * a;
    params[name] = m;
  }
  return params;
}
