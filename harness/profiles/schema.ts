/**
 * The JSON schema of a profile file (types.ts is the TypeScript side). Nested objects are
 * closed (a misspelt key is an error); the top level is open so another part of the
 * harness can add its own section without breaking old files — and then adds it here, as
 * the text generator's `text` section is.
 */
import { GRAPH_MODELS, SEQUENCE_MODELS } from '../contract';

export const DATASET_NAMES = ['digit-palindrome', 'binary-palindrome', 'random-combinations', 'baum-sweet'] as const;

/** Every name `models` may list: the sequence classifiers, the time gate, the text generator, the graph layers. */
export const GRADABLE_PARTS = [...SEQUENCE_MODELS, 'timeGate', 'textGenerator', ...GRAPH_MODELS] as const;

const positiveInt = { type: 'integer', minimum: 1 } as const;
const positive = { type: 'number', exclusiveMinimum: 0 } as const;

const input = {
  oneOf: [
    { type: 'object', properties: { kind: { const: 'one-hot' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'scalar' } }, required: ['kind'], additionalProperties: false },
    { type: 'object', properties: { kind: { const: 'embedding' }, dim: positiveInt }, required: ['kind', 'dim'], additionalProperties: false },
  ],
} as const;

/** Fields shared by a sanity task and an experiment. */
const training = {
  dataset: { enum: DATASET_NAMES },
  input,
  hiddenDim: positiveInt,
  batchSize: positiveInt,
  optimizer: { enum: ['adam', 'rmsprop'] },
  learningRate: positive,
  maxNorm: positive,
  steps: positiveInt,
  evalEvery: positiveInt,
  evalSize: positiveInt,
  target: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
} as const;
const trainingKeys = Object.keys(training);

export const profileSchema = {
  type: 'object',
  required: ['name', 'description', 'seeds', 'conventions', 'models', 'rubric', 'sanity', 'experiments', 'limits'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string', minLength: 1 },
    source: { type: 'string' },
    /** the course year whose PyTorch template files this profile grades (default: the year its name starts with) */
    pytorchTemplate: { enum: ['2018', '2019', '2020'] },
    seeds: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'integer', minimum: 0 } },
    conventions: {
      type: 'object',
      required: ['gru', 'temperature', 'peepholeCellInput', 'graph'],
      additionalProperties: false,
      properties: {
        gru: { enum: ['update-takes-new', 'update-keeps-old'] },
        temperature: { enum: ['multiply', 'divide'] },
        peepholeCellInput: { enum: ['sigmoid', 'tanh'] },
        graph: { enum: ['2019', '2020'] },
      },
    },
    models: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: GRADABLE_PARTS } },
    rubric: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } },
    sanity: {
      type: 'object',
      propertyNames: { enum: SEQUENCE_MODELS },
      additionalProperties: {
        type: 'object', required: [...trainingKeys, 'length'], additionalProperties: false,
        properties: { ...training, length: positiveInt },
      },
    },
    experiments: {
      type: 'array',
      items: {
        type: 'object', required: ['model', ...trainingKeys, 'lengths'], additionalProperties: false,
        properties: { model: { enum: SEQUENCE_MODELS }, ...training, lengths: { type: 'array', minItems: 1, items: positiveInt } },
      },
    },
    timeGate: {
      type: 'object', required: ['tau', 's', 'rOn'], additionalProperties: false,
      properties: { tau: positive, s: { type: 'number' }, rOn: { type: 'number', exclusiveMinimum: 0, maximum: 1 }, alpha: { type: 'number', minimum: 0 } },
    },
    text: {
      type: 'object', additionalProperties: false,
      properties: {
        corpusLength: positiveInt, corpusSeed: { type: 'integer', minimum: 0 }, seqLength: positiveInt,
        embeddingDim: positiveInt, hiddenDim: positiveInt, batchSize: positiveInt, learningRate: positive, maxNorm: positive,
        steps: positiveInt, evalEvery: positiveInt, target: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        samples: positiveInt, taus: { type: 'array', minItems: 1, items: positive },
      },
    },
    limits: {
      type: 'object', required: ['checkTimeoutMs', 'memoryMb'], additionalProperties: false,
      properties: { checkTimeoutMs: positiveInt, memoryMb: { type: 'integer', minimum: 64 }, submissionBudgetMs: positiveInt },
    },
  },
} as const;
