/**
 * The samples a report shows (`TextSamples`, below): greedy samples
 * of the course's length 30 from five start characters at 1/3, 2/3 and 3/3 of training,
 * and temperature samples at τ ∈ {0.5, 1, 2} from the trained model.
 */
import type { Params, TemperatureConvention, TextGenerator, TextGeneratorSpec } from '../../harness/contract';
import type { CurvePoint } from '../data/types';
import { makeRng } from '../data/rng';

export interface TextSamples {
  /** fraction of training done → start character → greedy sample */
  greedy: Array<{ at: string; samples: Array<{ start: string; text: string }> }>;
  temperature: Array<{ tau: number; samples: string[] }>;
}
import type { TextDataset } from './dataset';
import { continueText, continueTexts, COURSE_TAUS, DEFAULT_TEMPERATURE, type Strategy } from './sampling';
import { trainTextGenerator, type TextTrainConfig, type TextTrainResult } from './train';

export const SAMPLE_LENGTH = 30;
/** The fractions of training at which the course asks for greedy samples, and their labels. */
export const SAMPLE_FRACTIONS: Array<{ fraction: number; label: string }> = [
  { fraction: 1 / 3, label: '1/3' }, { fraction: 2 / 3, label: '2/3' }, { fraction: 1, label: '3/3' },
];

/** `count` distinct start characters, letters first, drawn with the seed ("a random first character"). */
export function pickStarts(data: TextDataset, count = 5, seed = 0): string[] {
  const letters = data.vocab.filter((c) => /\p{L}/u.test(c));
  const pool = letters.length >= count ? letters : data.vocab.filter((c) => c.trim() !== '');
  const order = makeRng(`text/starts/${seed}`).permutation(pool.length);
  return order.slice(0, Math.min(count, pool.length)).map((k) => pool[k]);
}

/** Greedy samples of `length` characters in all (the start character included). */
export function greedySamples(model: TextGenerator, params: Params, spec: TextGeneratorSpec, data: TextDataset, starts: string[], length = SAMPLE_LENGTH): Array<{ start: string; text: string }> {
  const ids = continueTexts(model, params, spec, starts.map((s) => data.encode(s)), length - 1, starts.map((): Strategy => ({ kind: 'greedy' })));
  return starts.map((start, b) => ({ start, text: start + data.decode(ids[b]) }));
}

/** Temperature samples from each start character, at each τ. */
export function temperatureSamples(
  model: TextGenerator, params: Params, spec: TextGeneratorSpec, data: TextDataset, starts: string[],
  options: { taus?: readonly number[]; length?: number; convention?: TemperatureConvention; seed?: number } = {},
): TextSamples['temperature'] {
  const { taus = COURSE_TAUS, length = SAMPLE_LENGTH, convention = DEFAULT_TEMPERATURE, seed = 0 } = options;
  // every τ and start in one batch: row (τ, k) draws with the generator continueText gives seed·1000 + k
  const rows = taus.flatMap((tau) => starts.map((start, k) => ({ start, strategy: { kind: 'temperature', tau, convention, seed: seed * 1000 + k } as Strategy })));
  const ids = continueTexts(model, params, spec, rows.map((r) => data.encode(r.start)), length - 1, rows.map((r) => r.strategy));
  return taus.map((tau, i) => ({ tau, samples: starts.map((start, k) => start + data.decode(ids[i * starts.length + k])) }));
}

/** Complete a prompt ("Sleeping beauty is ") with `length` more characters (bonus question). */
export function completePrefix(model: TextGenerator, params: Params, spec: TextGeneratorSpec, data: TextDataset, prompt: string, length: number, strategy: Parameters<typeof continueText>[5] = { kind: 'greedy' }): string {
  return prompt + data.decode(continueText(model, params, spec, data.encode(prompt), length, strategy));
}

/**
 * Train `model` and collect the report's TextSamples on the way: greedy samples at 1/3,
 * 2/3 and 3/3 of training (by steps, or by the clock when `minutes` is given) from
 * `starts`, then temperature samples at `taus` from the trained model.
 */
export function trainWithSamples(
  model: TextGenerator, spec: TextGeneratorSpec, data: TextDataset, config: TextTrainConfig,
  options: { starts?: string[]; taus?: readonly number[]; convention?: TemperatureConvention; minutes?: number; stopAt?: number; length?: number; onPoint?: (p: CurvePoint) => void; onSamples?: (s: TextSamples) => void } = {},
): { result: TextTrainResult; samples: TextSamples } {
  const starts = options.starts ?? pickStarts(data, 5, config.seed);
  const samples: TextSamples = { greedy: [], temperature: [] };
  const take = (label: string, params: Params) => {
    samples.greedy.push({ at: label, samples: greedySamples(model, params, spec, data, starts, options.length) });
    options.onSamples?.(samples);
  };
  const minutes = options.minutes;
  let timed = 0;
  const result = trainTextGenerator(model, spec, data, minutes ? { ...config, steps: Number.MAX_SAFE_INTEGER } : config, {
    onPoint(p, params) {
      options.onPoint?.(p);
      if (minutes && timed < 2 && p.seconds >= ((timed + 1) / 3) * minutes * 60) take(SAMPLE_FRACTIONS[timed++].label, params);
    },
    shouldStop: (p) => (minutes !== undefined && p.seconds >= minutes * 60) || (options.stopAt !== undefined && p.accuracy >= options.stopAt),
    fractions: minutes ? [] : SAMPLE_FRACTIONS.map((f) => f.fraction),
    onFraction(fraction, params) { take(SAMPLE_FRACTIONS.find((f) => f.fraction === fraction)!.label, params); },
  });
  // timed, or stopped before the budget's end: the last samples are those of the parameters training ended with
  if (minutes || !samples.greedy.some((g) => g.at === '3/3')) take('3/3', result.params);
  samples.temperature = temperatureSamples(model, result.params, spec, data, starts, { taus: options.taus, convention: options.convention, seed: config.seed, length: options.length });
  options.onSamples?.(samples);
  return { result, samples };
}
