/**
 * Statistics of convergence runs, one function per file (simple-statistics does the
 * arithmetic; only what it lacks — the t distribution, Welch's test, the exact
 * permutation test, the Mann–Whitney test's exact distribution and tie-corrected normal
 * approximation, the Hodges–Lehmann ratio and its interval, the
 * bootstraps, ERT, IQM and performance profiles — is written here).
 */

// Per configuration
export { summarize, stepsOrBudget } from './summarize';
export type { Summary, RunOutcome } from './summarize';
export { olympicMean } from './olympic-mean';
export { interquartileMean } from './interquartile-mean';
export { censoredMedian, stepsOrInfinity } from './censored-median';
export { expectedRunningTime } from './expected-running-time';
export type { RunningTime } from './expected-running-time';
export { convergenceStatistics } from './convergence-statistics';
export { describeStatistics } from './describe-statistics';

// Two implementations
export { compareRuns, formatRatio, formatP } from './compare-runs';
export type { CompareOptions, RunComparison } from './compare-runs';
export { hodgesLehmannRatio } from './hodges-lehmann-ratio';
export type { HodgesLehmannRatio } from './hodges-lehmann-ratio';
export { bootstrapRatioOfMedians } from './bootstrap-ratio-of-medians';
export type { RatioEstimate } from './bootstrap-ratio-of-medians';
export { welchTTest } from './welch-t-test';
export type { TTestResult } from './welch-t-test';
export { permutationTest } from './permutation-test';
export type { PermutationResult } from './permutation-test';
export { mannWhitneyU } from './mann-whitney-u';
export { mannWhitneyTest } from './mann-whitney-test';
export type { MannWhitneyResult } from './mann-whitney-test';
export { mannWhitneyNullDistribution } from './mann-whitney-null-distribution';
export { mannWhitneyVariance } from './mann-whitney-variance';
export { probabilityOfImprovement } from './probability-of-improvement';
export type { ProbabilityOfImprovement } from './probability-of-improvement';
export { seedsToResolve } from './seeds-to-resolve';
export type { SeedsToResolve } from './seeds-to-resolve';

// A class against the reference
export { performanceProfile } from './performance-profile';
export type { PerformanceProfile } from './performance-profile';
export { classPerformanceProfile } from './class-performance-profile';
export type { ClassPerformanceProfile, ClassProfileRow } from './class-performance-profile';

// Building blocks
export { studentsTCdf, incompleteBeta } from './students-t-cdf';
export { stratifiedBootstrap } from './stratified-bootstrap';
export type { BootstrapInterval } from './stratified-bootstrap';
export { seededRandom } from './seeded-random';
