/**
 * The reproductions: what each trains, at the course's settings and at the stated, scaled
 * ones this 2-core machine runs in its time (every change with its reason), and the tiny
 * `quick` scale of the tests. What a claim is about — the length, the model, the optimizer,
 * the learning rate, the clipping — is never scaled.
 */
import { resolve } from 'node:path';
import type { SequenceModelName } from '../contract';
import type { Implementation, Scale, ScaledSetting } from './types';

/** A Part 1 setting that a scale may change. */
export interface Part1Settings {
  /** the dataset's length parameter L */
  lengths: number[];
  seeds: number[];
  hiddenDim: number;
  batchSize: number;
  steps: number;
  evalEvery: number;
  evalSize: number;
}

export interface TextSettings {
  seed: number;
  steps: number;
  seqLength: number;
  batchSize: number;
  embeddingDim: number;
  hiddenDim: number;
  numLayers: number;
  learningRate: number;
  maxNorm: number;
  evalEvery: number;
}

/** A scale's changes: the new value and why, per key. */
type Changes<S> = { [K in keyof S]?: { value: S[K]; why: string } };

interface PlanBase<S> {
  name: string;
  title: string;
  implementation: Implementation;
  /** `npm run reproduce` trains lane 1 in its own process and lane 2 in a second one, one core each (balanced by the measured times) */
  lane: 1 | 2;
  course: S;
  scales: { scaled: Changes<S>; quick: Changes<S> };
}

export interface Part1Plan extends PlanBase<Part1Settings> {
  kind: 'part1';
  /** the course profile (harness/profiles/) whose optimizer, learning rate, clipping, input and dataset it uses */
  profile: string;
  models: SequenceModelName[];
}

export interface TextPlan extends PlanBase<TextSettings> {
  kind: 'text';
  /** path of the book, used in place (never copied) */
  corpus: string;
}

export type Plan = Part1Plan | TextPlan;

/** the course's books, beside the repository as CI has them (../shared/data/books), or NETGRADE_BOOKS */
export const BOOKS_DIR = process.env.NETGRADE_BOOKS ?? resolve(__dirname, '..', '..', '..', 'shared', 'data', 'books');
export const GRIMM = `${BOOKS_DIR}/book_EN_grimms_fairy_tails.txt`;

const QUICK_PART1: Changes<Part1Settings> = {
  seeds: { value: [0], why: 'a test of the pipeline, not of the claim' },
  hiddenDim: { value: 8, why: 'a test of the pipeline' },
  batchSize: { value: 8, why: 'a test of the pipeline' },
  steps: { value: 20, why: 'a test of the pipeline' },
  evalEvery: { value: 10, why: 'a test of the pipeline' },
  evalSize: { value: 32, why: 'a test of the pipeline' },
};

const DE_COURSE: Part1Settings = { lengths: [10, 20], seeds: [0, 1, 2], hiddenDim: 256, batchSize: 256, steps: 3000, evalEvery: 50, evalSize: 512 };
// measured on this machine under load (load average 8 on 2 cores), ms per step at L = 20 (81 time steps):
// hidden 256 / batch 256: LSTM 4,400, peepLSTM 3,200; 128 / 128: 540–600 and 300–400; 64 / 64: 77 and 84
const DE_SCALED: Changes<Part1Settings> = {
  hiddenDim: { value: 64, why: 'a step at hidden 256, batch 256 and 81 time steps took 3–4 s here (under load); 12 runs of 3,000 such steps would take days. At 64 / 64 a step takes ~80 ms' },
  batchSize: { value: 64, why: 'as hidden: the cost of a step. Adam at lr 1e-4, the max-norm, the lengths and the models are the course\'s, so the claims (when each model learns the long dependency, in steps) keep their meaning; a smaller batch makes each step noisier' },
  steps: { value: 1500, why: 'every 2020 D/E claim concerns steps ≤ 1,500 (the LSTM\'s jump "after about 1,000 steps", within ±50 %)' },
};

export const PLANS: readonly Plan[] = [
  {
    kind: 'part1', name: '2020-DE', title: '2020 groups D/E: LSTM and peepLSTM on binary palindromes (tfjs reference)', implementation: 'tfjs', lane: 1,
    profile: '2020-DE', models: ['lstm', 'peepLSTM'], course: DE_COURSE,
    scales: { scaled: DE_SCALED, quick: QUICK_PART1 },
  },
  {
    kind: 'part1', name: '2020-DE-pytorch', title: '2020 groups D/E on the PyTorch example (submissions/pytorch-2020)', implementation: 'pytorch', lane: 2,
    profile: '2020-DE', models: ['lstm', 'peepLSTM'], course: DE_COURSE,
    scales: { scaled: DE_SCALED, quick: QUICK_PART1 },
  },
  {
    kind: 'part1', name: '2018', title: '2018/2019: vanilla RNN and LSTM against palindrome length (tfjs reference)', implementation: 'tfjs', lane: 2,
    profile: '2018', models: ['vanillaRNN', 'lstm'],
    // T = L − 1 = 5, 10, 15, 20; the course set no seeds, netgrade uses 0, 1, 2
    course: { lengths: [6, 11, 16, 21], seeds: [0, 1, 2], hiddenDim: 128, batchSize: 128, steps: 10000, evalEvery: 50, evalSize: 512 },
    scales: {
      scaled: {
        steps: { value: 1000, why: 'every 2018/2019 claim concerns the first 1,000 steps (the course\'s default budget is 10,000)' },
      },
      quick: QUICK_PART1,
    },
  },
  {
    kind: 'text', name: 'text-grimm', title: "Part 2: a 2 × 128 character LSTM on Grimm's fairy tales (tfjs reference)", implementation: 'tfjs', lane: 1,
    corpus: GRIMM,
    // the course's train.py runs 1e6 steps; the students' reported point is 5,000. The embedding size is not prescribed.
    course: { seed: 0, steps: 5000, seqLength: 30, batchSize: 64, embeddingDim: 64, hiddenDim: 128, numLayers: 2, learningRate: 2e-3, maxNorm: 5, evalEvery: 50 },
    scales: {
      scaled: {},
      quick: {
        steps: { value: 20, why: 'a test of the pipeline' },
        batchSize: { value: 8, why: 'a test of the pipeline' },
        hiddenDim: { value: 16, why: 'a test of the pipeline' },
        embeddingDim: { value: 8, why: 'a test of the pipeline' },
        evalEvery: { value: 10, why: 'a test of the pipeline' },
      },
    },
  },
];

export const PLAN_NAMES = PLANS.map((p) => p.name);

export const UNKNOWN_PLAN = (given: string) => `--only requires one of ${PLAN_NAMES.join(', ')}, got "${given}".`;

export function planNamed(name: string): Plan {
  const plan = PLANS.find((p) => p.name === name);
  if (!plan) throw new Error(UNKNOWN_PLAN(name));
  return plan;
}

/** The settings a plan trains with at `scale`, and the changes from the course's as the README states them. */
export function settingsAt<S extends Part1Settings | TextSettings>(plan: PlanBase<S>, scale: Scale): { settings: S; scaled: ScaledSetting[] } {
  const changes: Changes<S> = scale === 'course' ? {} : plan.scales[scale];
  const settings = { ...plan.course };
  const scaled: ScaledSetting[] = [];
  for (const [key, change] of Object.entries(changes) as Array<[keyof S & string, { value: S[keyof S & string]; why: string }]>) {
    scaled.push({ key, course: show(plan.course[key]), used: show(change.value), why: change.why });
    settings[key] = change.value;
  }
  return { settings, scaled };
}

export function show(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}
