/**
 * Grade one loaded submission: run each check with its time limit, give it the profile's
 * points, and total the parts. Never throws because of the submission: a check that throws
 * becomes `errored`, one that hangs becomes `timed-out`, a part the submission lacks is
 * `skipped` ("not submitted", 0 points).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { GRAPH_MODELS, SEQUENCE_MODELS } from '../contract';
import { timedOutHint } from '../checks/op-failure';
import type { Check, CheckOutcome } from '../checks/types';
import { DEFAULT_SUBMISSION_BUDGET_MS } from '../profiles/types';
import type { Profile } from '../profiles/types';
import type { CheckMeta, CheckResult, Part, PartScore, SubmissionResult } from '../results/types';
import { storeKey } from '../results/store';
import type { ResultStore } from '../results/store';
import type { OpError, SubmissionHandle, SubmissionInfo } from '../sandbox/types';
import { pointsFor } from '../profiles';
import { toError } from './to-error';

export interface GradeOptions {
  /** the grading seed, passed to every check and printed in every report */
  seed: number;
  /** seeds hidden checks' inputs; without it they are skipped and worth nothing */
  secret?: string;
  /** when given, check results already stored for this content key are reused (except time-outs), new ones appended */
  store?: ResultStore;
  /** called after each check (progress output) */
  onCheck?: (result: CheckResult, cached: boolean) => void;
}

/** Parts a submission can lack; checks about anything else always run. */
const PARTS = new Set<string>([...SEQUENCE_MODELS, ...GRAPH_MODELS, 'textGenerator', 'timeGate']);
const PART_ORDER: Part[] = ['part1', 'part2', 'part3'];

/**
 * The seed part of a store key: the grading seed, plus a fingerprint of the secret when there
 * is one (results graded without the hidden checks are not reused for a run with them).
 */
export function seedKey(seed: number, secret?: string): string {
  return secret === undefined ? String(seed) : `${seed}+hidden:${createHash('sha256').update(`netgrade/store\0${secret}`).digest('hex').slice(0, 12)}`;
}

/** Why a hidden check did not run: its inputs come from a secret this run does not have. */
export const HIDDEN_WITHOUT_SECRET = 'hidden check not run: grading without a secret (--secret-file or NETGRADE_SECRET); it counts for no points in this run';

export const CHECK_THREW_HINT = 'The check could not interpret what your code returned; the message says what it expected. If it looks like a harness bug, tell your instructor.';

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

export function metaOf(check: Check, profile: Profile): CheckMeta {
  return {
    id: check.id,
    title: check.title,
    part: check.part,
    subject: check.subject,
    points: pointsFor(profile, check.id),
    timeoutMs: check.timeoutMs || profile.limits.checkTimeoutMs,
    hidden: check.hidden,
  };
}

/** A check's outcome + its meta → the scored result. */
export function scoreOutcome(meta: CheckMeta, outcome: CheckOutcome, ms: number): CheckResult {
  const base = { ...meta, ms: round(ms) };
  switch (outcome.status) {
    case 'passed':
      return { ...base, status: 'passed', score: round(meta.points * clamp01(outcome.fraction ?? 1)), ...(outcome.note ? { note: outcome.note } : {}), ...(outcome.artifacts ? { artifacts: outcome.artifacts } : {}) };
    case 'failed':
      return { ...base, status: 'failed', score: round(meta.points * clamp01(outcome.fraction ?? 0)), expected: outcome.expected, actual: outcome.actual, hint: outcome.hint, ...(outcome.diagnosis ? { diagnosis: outcome.diagnosis } : {}), ...(outcome.artifacts ? { artifacts: outcome.artifacts } : {}) };
    case 'errored':
      return { ...base, status: 'errored', score: 0, cause: outcome.cause, message: outcome.message, hint: outcome.hint };
    case 'timed-out':
      return { ...base, status: 'timed-out', score: 0, limitMs: outcome.limitMs, hint: outcome.hint };
    case 'skipped':
      return { ...base, status: 'skipped', score: 0, reason: outcome.reason };
    default: {
      const got = JSON.stringify(outcome)?.slice(0, 120);
      return { ...base, status: 'errored', score: 0, cause: 'threw', message: `check ${meta.id} requires an outcome with status passed|failed|errored|timed-out|skipped, got ${got}`, hint: CHECK_THREW_HINT };
    }
  }
}

/**
 * The handle a check sees: once its check has ended (a time-out), further calls from its
 * still-running code are refused at once instead of queueing behind the next check.
 */
function scopedHandle(handle: SubmissionHandle): { handle: SubmissionHandle; end(): void } {
  let ended = false;
  const scoped: SubmissionHandle = {
    get info() { return handle.info; },
    call: (op, args, options) => (ended
      ? Promise.resolve({ status: 'errored', error: { cause: 'threw', name: 'CheckEnded', message: `op "${op}" was called after its check ended` }, ms: 0 })
      : handle.call(op, args, options)),
    interrupt: () => handle.interrupt?.() ?? Promise.resolve(),
    close: () => Promise.resolve(), // the orchestrator closes the real handle
  };
  return { handle: scoped, end: () => { ended = true; } };
}

/** Run one check under its time limit; anything thrown → errored via toError. */
export async function runCheck(check: Check, meta: CheckMeta, handle: SubmissionHandle, profile: Profile, seed: number, secret?: string): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed-out'>((resolve) => { timer = setTimeout(() => resolve('timed-out'), meta.timeoutMs); });
  const scope = scopedHandle(handle);
  try {
    const outcome = await Promise.race([Promise.resolve().then(() => check.run({ handle: scope.handle, profile, seed, ...(secret === undefined ? {} : { secret }) })), timedOut]);
    if (outcome === 'timed-out') {
      scope.end();
      await handle.interrupt?.();
      return scoreOutcome(meta, { status: 'timed-out', limitMs: meta.timeoutMs, hint: timedOutHint('the check', meta.timeoutMs) }, performance.now() - started);
    }
    return scoreOutcome(meta, outcome, performance.now() - started);
  } catch (thrown) {
    const e = toError(thrown);
    return scoreOutcome(meta, { status: 'errored', cause: 'threw', message: `${meta.id}: ${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`, hint: CHECK_THREW_HINT }, performance.now() - started);
  } finally {
    clearTimeout(timer);
    scope.end();
  }
}

/** Totals per part, in part order; only parts that have checks. */
export function partScores(checks: Array<Pick<CheckResult, 'part' | 'score' | 'points'>>): PartScore[] {
  return PART_ORDER.flatMap((part) => {
    const of = checks.filter((c) => c.part === part);
    return of.length ? [{ part, score: round(of.reduce((s, c) => s + c.score, 0)), max: round(of.reduce((s, c) => s + c.points, 0)) }] : [];
  });
}

function resultShell(info: SubmissionInfo, profile: Profile, seed: number, startedAt: string) {
  return {
    submission: { name: info.name, hash: info.hash, ...(info.author ? { author: info.author } : {}), warnings: info.warnings },
    profile: profile.name,
    seeds: [seed],
    runs: [],
    comparisons: [],
    benchmarks: [],
    startedAt,
    endedAt: new Date().toISOString(),
  };
}

/** Time-outs of one part after which its remaining checks are not run (each would wait its whole limit). */
export const TIME_OUTS_PER_PART = 2;

/**
 * Why a check is not run, or undefined: the part it concerns already timed out
 * {@link TIME_OUTS_PER_PART} times, or the submission's time budget is spent. One hanging
 * model must not cost the class an hour.
 */
function stopReason(meta: CheckMeta, timeOuts: ReadonlyMap<string, number>, elapsedMs: number, budgetMs: number): string | undefined {
  if ((timeOuts.get(meta.subject) ?? 0) >= TIME_OUTS_PER_PART) {
    return `not run: ${meta.subject} already timed out in ${TIME_OUTS_PER_PART} checks; fix the loop that never ends (or the very slow code) first`;
  }
  if (elapsedMs > budgetMs) return `not run: the submission used up its time budget of ${Math.round(budgetMs / 1000)} s for all checks`;
  return undefined;
}

/** Grade a loaded submission with `checks`. */
export async function gradeSubmission(handle: SubmissionHandle, profile: Profile, checks: Check[], options: GradeOptions): Promise<SubmissionResult> {
  const startedAt = new Date().toISOString();
  const { seed, store } = options;
  const results: CheckResult[] = [];
  const started = performance.now();
  const budgetMs = profile.limits.submissionBudgetMs ?? DEFAULT_SUBMISSION_BUDGET_MS;
  const timeOuts = new Map<string, number>();
  for (const check of checks) {
    const meta = metaOf(check, profile);
    const stop = check.hidden && options.secret === undefined ? undefined : stopReason(meta, timeOuts, performance.now() - started, budgetMs);
    if (stop) {
      const result = scoreOutcome(meta, { status: 'timed-out', limitMs: 0, hint: stop }, 0);
      results.push(result);
      options.onCheck?.(result, false);
      continue;
    }
    const key = storeKey({ submission: handle.info.name, submissionHash: handle.info.hash, profile: profile.name, id: check.id, seed: seedKey(seed, options.secret) });
    const stored = store?.get<CheckResult>(key);
    // a time-out may be the machine's load rather than the code: a resumed run tries again
    if (stored && stored.value.status !== 'timed-out') {
      results.push(stored.value);
      options.onCheck?.(stored.value, true);
      continue;
    }
    const result = check.hidden && options.secret === undefined
      ? scoreOutcome({ ...meta, points: 0 }, { status: 'skipped', reason: HIDDEN_WITHOUT_SECRET }, 0)
      : PARTS.has(check.subject) && !handle.info.provides.includes(check.subject)
        ? scoreOutcome(meta, { status: 'skipped', reason: `not submitted: the default export has no ${check.subject === 'timeGate' ? 'timeGate' : `models.${check.subject}`}` }, 0)
        : await runCheck(check, meta, handle, profile, seed, options.secret);
    // a skipped part is cheap and depends on nothing but the export, so it is not worth storing
    if (store && result.status !== 'skipped') store.append({ key, kind: 'check', submission: handle.info.name, value: result });
    if (result.status === 'timed-out') timeOuts.set(meta.subject, (timeOuts.get(meta.subject) ?? 0) + 1);
    results.push(result);
    options.onCheck?.(result, false);
  }
  const parts = partScores(results);
  const text = results.find((r) => r.artifacts?.text)?.artifacts?.text;
  return {
    ...resultShell(handle.info, profile, seed, startedAt),
    ...(text ? { text } : {}),
    checks: results,
    parts,
    score: round(results.reduce((s, c) => s + c.score, 0)),
    maxScore: round(results.reduce((s, c) => s + c.points, 0)),
    status: 'graded',
  };
}

/** The one result of a submission that could not be loaded: 0 of the points its checks are worth. */
export function loadFailedResult(info: SubmissionInfo, error: OpError, profile: Profile, checks: Check[], seed: number, startedAt = new Date().toISOString(), withHidden = false): SubmissionResult {
  const metas = checks.map((c) => metaOf(c, profile)).map((m) => (m.hidden && !withHidden ? { ...m, points: 0 } : m));
  const parts = partScores(metas.map((m) => ({ part: m.part, points: m.points, score: 0 })));
  return {
    ...resultShell(info, profile, seed, startedAt),
    checks: [],
    parts,
    score: 0,
    maxScore: round(metas.reduce((s, m) => s + m.points, 0)),
    status: 'load-failed',
    error: { cause: error.cause, message: error.message },
  };
}
