/**
 * What the text-generator checks share: check metadata, the probe specs, seeded probe
 * parameters and tokens, float64 views of wire tensors, and the profile's text section with
 * its defaults.
 */
import { makeRng } from '../../../reference/data/rng';
import { textGeneratorShapes } from '../../../reference/models/text-generator';
import type { Params64 } from '../../../reference/text/float64';
import type { TemperatureConvention, TextGeneratorSpec } from '../../contract';
import type { Profile, TextProfile } from '../../profiles/types';
import type { CheckMeta } from '../../results/types';
import type { WireParams, WireTensor } from '../../sandbox/types';
import type { CheckContext } from '../types';

export const TEXT_TIMEOUT_MS = 60_000;

/** ids are `textGenerator.<what>` so the rubric's `textGenerator.*` prices them. */
export function textMeta(what: string, title: string, options: { hidden?: boolean; timeoutMs?: number } = {}): Omit<CheckMeta, 'points'> {
  return { id: `textGenerator.${what}`, title: `textGenerator: ${title}`, part: 'part2', subject: 'textGenerator', timeoutMs: options.timeoutMs ?? TEXT_TIMEOUT_MS, hidden: options.hidden ?? false };
}

/** Two sizes (a hard-coded size fails one); two layers, as the course asks. */
export const PROBE_SPECS: [TextGeneratorSpec, TextGeneratorSpec] = [
  { vocabSize: 7, embeddingDim: 5, hiddenDim: 6, numLayers: 2 },
  { vocabSize: 11, embeddingDim: 4, hiddenDim: 9, numLayers: 2 },
];

/** Seeded parameters of the canonical shapes, uniform in ±scale (wide enough that logits and argmax are well separated). */
export function probeTextParams(spec: TextGeneratorSpec, seed: number, scale = 0.8): WireParams {
  const rng = makeRng(`netgrade/checks/text/probe-params/seed=${seed}`);
  const out: WireParams = {};
  for (const [name, shape] of Object.entries(textGeneratorShapes(spec))) {
    const n = shape.reduce((a, b) => a * b, 1);
    out[name] = { shape, dtype: 'float32', values: Float32Array.from({ length: n }, () => (2 * rng.random() - 1) * scale) };
  }
  return out;
}

export function probeTextTokens(spec: TextGeneratorSpec, B: number, T: number, seed: number): number[][] {
  const rng = makeRng(`netgrade/checks/text/probe-tokens/B=${B}/T=${T}/seed=${seed}`);
  return Array.from({ length: B }, () => Array.from({ length: T }, () => rng.randint(0, spec.vocabSize)));
}

export function to64(params: WireParams): Params64 {
  return Object.fromEntries(Object.entries(params).map(([k, w]) => [k, { shape: [...w.shape], values: Float64Array.from(w.values) }]));
}

export const flat3 = (x: Float64Array[][]): Float64Array => Float64Array.from(x.flatMap((row) => row.flatMap((z) => Array.from(z))));
export const fmtShape = (w: WireTensor | undefined) => (w ? `[${w.shape.join(', ')}]` : 'missing');

/** The profile's `text` section's defaults (the section and each key are optional). */
export const DEFAULT_TEXT_PROFILE: TextProfile = {
  // measured (stop at target + 0.03 on the training curve, then the grader's held-out accuracy), seeds 0–3:
  //   lr 1e-2: straightforward tfjs 90–100 steps, held-out 0.70–0.75; reference 90–110 of the 120 (0.69–0.72)
  //   lr 2e-2: straightforward 50–70 steps, held-out 0.71–0.74; reference 70–80 (0.73–0.75)   ← the default
  //   lr 3e-2: straightforward 50–60, held-out 0.73–0.77; reference 50–60 (0.76–0.77)
  // 2e-2 ends the check a third sooner than 1e-2 and leaves the reference a wider margin to the budget; a model
  // blind to its input stays near 0.19
  corpusLength: 20_000, corpusSeed: 1, seqLength: 20,
  embeddingDim: 16, hiddenDim: 32, batchSize: 16, learningRate: 2e-2, maxNorm: 5, steps: 120, evalEvery: 10,
  target: 0.65,
  samples: 4000, taus: [0.5, 1, 2],
};

export function textProfile(profile: Profile): TextProfile {
  return { ...DEFAULT_TEXT_PROFILE, ...(profile.text ?? {}) };
}

/** The convention a submission declared, else the profile's (the course: multiply). */
export function temperatureConvention(ctx: CheckContext): TemperatureConvention {
  const declared = ctx.handle.info.conventions.temperature;
  return declared === 'multiply' || declared === 'divide' ? declared : ctx.profile.conventions.temperature;
}
