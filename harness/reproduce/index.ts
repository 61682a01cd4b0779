/** The course's results, reproduced (`npm run reproduce`): plans, claims, runs, figures and the page. */

// what is stored and judged
export type { Claim, ClaimRow, Implementation, ReproductionData, RunRecord, Scale, ScaledSetting, Verdict } from './types';
export { SCALES } from './types';

// the reproductions, at the course's, scaled and quick settings
export { PLANS, PLAN_NAMES, planNamed, settingsAt, GRIMM, UNKNOWN_PLAN } from './plan';
export type { Plan, Part1Plan, TextPlan, Part1Settings, TextSettings } from './plan';

// the claims and what they read off curves
export { CLAIMS, PERFECT, STEP_TOLERANCE } from './claims';
export { firstReach, accuracyAt, maxOfMeanUntil, meanSpread } from './curves';

// running, and writing reproductions/
export { runPart1, runText, profileFor, PYTORCH_EXAMPLE } from './run';
export type { RunOptions } from './run';
export { writeReproductions, writeData, readAll, claimRows, verdictText, TITLE } from './write';
export { figuresOf } from './figures';
