/** Part 2: the text dataset, the generated corpus, training, sampling and the report's samples. */

// reading a corpus, and its named errors
export { readCorpus, stripBom, CorpusError, CorpusMissingError, CorpusEmptyError, CorpusBinaryError, CorpusTooShortError } from './corpus';
export type { Corpus, CorpusProblem } from './corpus';

// the dataset (sorted vocabulary, shift by one, seeded offsets)
export { TextDataset, textRng, DEFAULT_SEQ_LENGTH } from './dataset';
export type { TextBatch } from './dataset';

// the generated default corpus with exact entropy and best accuracy
export { FAIRY_GRAMMAR, compileGrammar, generateCorpus, windowCeiling } from './grammar';
export type { Grammar, GrammarRule, GrammarStats, GeneratedCorpus, CharState } from './grammar';

// training
export { trainTextGenerator, clipByGlobalNorm, COURSE_TRAIN_CONFIG } from './train';
export type { TextTrainConfig, TextTrainResult, TrainHooks } from './train';

// generation: greedy, temperature (multiply / divide), beam search, prefix completion
export { continueText, greedy, beamSearch, sampleTokens, temperatureProbabilities, drawCategory, COURSE_TAUS, DEFAULT_TEMPERATURE } from './sampling';
export type { Strategy } from './sampling';

// the report's TextSamples
export { trainWithSamples, greedySamples, temperatureSamples, completePrefix, pickStarts, SAMPLE_FRACTIONS, SAMPLE_LENGTH } from './samples';

// float64 ground truth
export { forward64, step64, loss64, numericGradient } from './float64';
export type { Params64, State64 } from './float64';
