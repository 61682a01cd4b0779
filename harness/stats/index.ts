/**
 * Statistics of convergence runs, one function per file (simple-statistics does the
 * arithmetic; only what it lacks — the t distribution, Welch's test, the exact
 * permutation test, the bootstrap of a ratio — is written here).
 */

// Per configuration
export { summarize, stepsOrBudget } from './summarize';
export type { Summary, RunOutcome } from './summarize';
export { olympicMean } from './olympic-mean';

// Two implementations
export { compareRuns, formatRatio, formatP } from './compare-runs';
export type { CompareOptions, RunComparison } from './compare-runs';
export { bootstrapRatioOfMedians } from './bootstrap-ratio-of-medians';
export type { RatioEstimate } from './bootstrap-ratio-of-medians';
export { welchTTest } from './welch-t-test';
export type { TTestResult } from './welch-t-test';
export { permutationTest } from './permutation-test';
export type { PermutationResult } from './permutation-test';

// Building blocks
export { studentsTCdf, incompleteBeta } from './students-t-cdf';
export { seededRandom } from './seeded-random';
