/**
 * A grading run over many submissions: type-check, open (sandboxed by default), grade,
 * store — with `jobs` submissions in flight at once. Each submission is independent: one
 * that fails to load yields its load-failed result and the others still grade.
 *
 * Resume: every check result and every whole SubmissionResult goes to the run's store
 * (`<runDir>/store.jsonl`); a submission whose content hash, profile and seed are already
 * there is not run again (unless `fresh`) — except checks that timed out and submissions
 * that failed to load, which are tried again.
 */
import { availableParallelism } from 'node:os';
import type { Check } from '../checks/types';
import type { DiscoveredSubmission } from '../discover/find';
import { typeCheckInBackground } from '../discover/typecheck-process';
import type { Profile } from '../profiles/types';
import { ResultStore, storeKey } from '../results/store';
import type { CheckResult, SubmissionResult } from '../results/types';
import { openInProcess } from '../sandbox/in-process';
import { openSandboxed } from '../sandbox/sandboxed';
import { openPython, PythonHandle } from '../sandbox/python-handle';
import type { SandboxOptions } from '../sandbox/sandboxed';
import { gradeSubmission, loadFailedResult, seedKey } from './grade-submission';
import { toError } from './to-error';

export interface RunOptions {
  profile: Profile;
  checks: Check[];
  seed: number;
  /** where store.jsonl lives */
  runDir: string;
  /** submissions graded at once (each in its own process; with more than one, each runs V8 on one core); default 1, the CLI's {@link defaultJobs} */
  jobs: number;
  /** `process` (default): a sandboxed child per submission; `in-process`: trusted code only */
  isolation: 'process' | 'in-process';
  /** sandbox limits; time and memory default to the profile's `limits` */
  sandbox: Partial<SandboxOptions>;
  /** ignore results already in the store */
  fresh: boolean;
  /** skip the type-check pass (faster; no warnings) */
  skipTypeCheck: boolean;
  /** seeds hidden checks (never stored or printed); without it they are skipped */
  secret?: string;
  /** where PyTorch submissions run: `cuda` when torch sees a GPU (else the CPU, said in the result); default cpu */
  device?: 'cpu' | 'cuda';
  onStart?: (s: DiscoveredSubmission) => void;
  onCheck?: (s: DiscoveredSubmission, r: CheckResult, cached: boolean) => void;
  onResult?: (r: SubmissionResult, cached: boolean) => void;
}

export const DEFAULT_RUN: Omit<RunOptions, 'profile' | 'checks' | 'seed' | 'runDir'> = {
  jobs: 1,
  isolation: 'process',
  sandbox: {},
  fresh: false,
  skipTypeCheck: false,
};

/** Lanes when none are asked for: one per core (each then runs V8 single-threaded), as for the experiments. */
export const defaultJobs = (): number => availableParallelism();

/** The submissions of shard `index` (1-based) of `count`: every count-th of the name-sorted list. */
export function shardOf<T extends { name: string }>(items: T[], index: number, count: number): T[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new Error(`--shard requires i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${index}/${count}.`);
  }
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).filter((_, i) => i % count === index - 1);
}

/** Parse `i/n`. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard requires i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${text}".`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  shardOf([], shard.index, shard.count); // validates the range
  return shard;
}

/**
 * A result worth reusing for an unchanged submission: graded, with no check that ran out of
 * time (a time-out can be the machine's load, so a resumed run tries again). Load failures
 * are cheap to retry and are never reused.
 */
export function isFinal(result: SubmissionResult): boolean {
  return result.status === 'graded' && !result.checks.some((c) => c.status === 'timed-out');
}

/** Grade one submission end to end; never throws because of the submission. */
export async function gradeOne(sub: DiscoveredSubmission, options: RunOptions, store: ResultStore, lane = 0): Promise<{ result: SubmissionResult; cached: boolean }> {
  const { profile, checks, seed } = options;
  const key = storeKey({ submission: sub.name, submissionHash: sub.hash, profile: profile.name, id: 'submission', seed: seedKey(seed, options.secret) });
  const stored = options.fresh ? undefined : store.get<SubmissionResult>(key);
  if (stored && isFinal(stored.value)) return { result: stored.value, cached: true };
  const startedAt = new Date().toISOString();
  // the type-check pass runs in its own process beside the grading
  const typeChecking = options.skipTypeCheck || sub.language === 'pytorch' ? Promise.resolve([]) : typeCheckInBackground(sub);
  const sandbox: Partial<SandboxOptions> = {
    opTimeoutMs: profile.limits.checkTimeoutMs,
    memoryMb: profile.limits.memoryMb,
    // check lanes keep V8's helper threads even when several share the cores (unlike the experiments' long
    // training lanes): measured on an idle 2-core machine (npm run bench -- class, 4 distinct submissions, one
    // command), two single-threaded lanes graded 0.93× the submissions per hour of one lane, two threaded lanes 1.29×
    ...options.sandbox,
    lane,
  };
  const opened = sub.language === 'pytorch'
    // one torch thread per lane: at the sanity sizes two OpenMP threads beside other work ran 4× slower than one
    // (28.7 against 115.8 ms per LSTM step, H = B = 64, T = 41, load 6), and a whole 2020-DE grade took 262 s instead of ~40
    ? await openPython(sub, profile, { opTimeoutMs: sandbox.opTimeoutMs, memoryMb: sandbox.memoryMb, lane, device: options.device ?? 'cpu', threads: 1 })
    : options.isolation === 'in-process'
    ? await openInProcess(sub, { opTimeoutMs: sandbox.opTimeoutMs })
    : await openSandboxed(sub, sandbox);
  let result: SubmissionResult;
  if (opened.status === 'load-failed') {
    result = loadFailedResult(opened.info, opened.error, profile, checks, seed, startedAt, options.secret !== undefined);
  } else {
    try {
      result = await gradeSubmission(opened.handle, profile, checks, {
        seed,
        ...(options.secret === undefined ? {} : { secret: options.secret }),
        store: options.fresh ? undefined : store,
        onCheck: (r, cached) => options.onCheck?.(sub, r, cached),
      });
      // a PyTorch submission's result says which of its parameters graded as which canonical one
      if (opened.handle instanceof PythonHandle) result = { ...result, pytorch: await opened.handle.summary() };
    } catch (thrown) {
      // only a harness bug gets here; the submission still gets a well-formed result
      const e = toError(thrown);
      result = loadFailedResult(opened.handle.info, { cause: 'crashed', name: e.name, message: `grading stopped: ${e.message}` }, profile, checks, seed, startedAt, options.secret !== undefined);
    } finally {
      await opened.handle.close();
    }
  }
  const warnings = await typeChecking;
  result = { ...result, submission: { ...result.submission, warnings: [...warnings, ...result.submission.warnings] } };
  // every outcome is stored as it happens (load failures too), so a merge after a crash lists every submission;
  // only a final one is reused by a later run
  store.append({ key, kind: 'submission', submission: sub.name, value: result });
  return { result, cached: false };
}

/** Grade every submission, `jobs` at a time; results in the order of `submissions`. */
export async function gradeAll(submissions: DiscoveredSubmission[], given: Omit<RunOptions, keyof typeof DEFAULT_RUN> & Partial<RunOptions>): Promise<SubmissionResult[]> {
  const options: RunOptions = { ...DEFAULT_RUN, ...given };
  const store = ResultStore.open(options.runDir);
  const results: SubmissionResult[] = new Array(submissions.length);
  const lanes = Math.max(1, Math.min(options.jobs, submissions.length));
  const perLane: RunOptions = { ...options, jobs: lanes };   // one submission on two cores keeps both
  let next = 0;
  const worker = async (lane: number) => {
    while (next < submissions.length) {
      const i = next++;
      options.onStart?.(submissions[i]);
      const { result, cached } = await gradeOne(submissions[i], perLane, store, lane);
      results[i] = result;
      options.onResult?.(result, cached);
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, lane) => worker(lane)));
  return results;
}
