/** The word-level language model (the sibling course): tokenizer, corpora, model, training. */
export { tokenize, WordVocabulary, EOS, UNK } from './tokenizer';
export { generatedWordCorpus, ptbCorpus, fromTexts, batchify, bpttWindows, grammarSentences, SPLITS } from './corpus';
export type { WordCorpus, Split } from './corpus';
export { forwardWordLM, initWordLM, wordLMShapes, zeroState, disposeLMState } from './model';
export type { WordLMSpec, LMState } from './model';
export { trainWordLM, perplexity, evaluate, learningRateAt, formatTable } from './train';
export type { LMTrainConfig, EpochRecord, PerplexityTable } from './train';
