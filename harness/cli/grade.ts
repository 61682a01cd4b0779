/**
 * `npm run grade [-- <folders…>] [options]` — grade every submission in `submissions/`
 * (or the folders given), print the backend line and a summary table, and write the
 * reports of the run under `--out` (default `reports/<date-time>/`). Run it again with the
 * same `--out` and unchanged submissions are not re-run (the run's store.jsonl), unless
 * `--fresh`. Exit code 1 when a submission scores below `--fail-under` percent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import { parseArgs } from './parse';
import { describeBackend, selectBackend } from '../backend';
import { checksFor } from '../checks';
import { changedSubmissions, discoverPaths, discoverRoot } from '../discover';
import { templateOf } from '../pytorch/templates';
import type { DiscoveredSubmission } from '../discover';
import { experimentsForGrade } from '../experiments/for-grade';
import { defaultJobs, gradeAll, loadFailedResult, parseShard, seedKey, shardOf, submissionProgress } from '../grade';
import { DEFAULT_PROFILE, listProfiles, loadProfile as readProfile, validateProfile } from '../profiles';
import type { Profile } from '../profiles/types';
import { clean, writeReports } from '../report';
import { collectEnvironment } from '../report/environment';
import { finishResult } from '../results/finish';
import { ResultStore, storeKey } from '../results/store';
import type { SubmissionResult, TrainingRun } from '../results/types';
import { isolation } from '../sandbox';
import { REFERENCE_NAME, referenceSubmission } from '../sandbox/bundle';
import { PROJECT_ROOT } from '../sandbox/paths';

export const SUBMISSIONS_ROOT = join(PROJECT_ROOT, 'submissions');
const FALLBACK_PROFILE = 'quick';

interface Options {
  profile: string;
  failUnder?: number;
  backend?: string;
  jobs?: number;
  shard?: string;
  changed?: string;
  audience: 'student' | 'instructor';
  out?: string;
  seed?: number;
  fresh: boolean;
  inProcess: boolean;
  typecheck: boolean;
  timeout?: number;
  memory?: number;
  experiments: boolean;
  reference: boolean;
  secretFile?: string;
  loadTimeout?: number;
  device: 'cpu' | 'cuda';
}

const intAtLeast = (min: number, what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${what} requires an integer ≥ ${min}, got "${v}".`);
  return n;
};
const percent = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError(`--fail-under requires a percentage between 0 and 100, got "${v}".`);
  return n;
};

/** The secret for hidden checks: the file's content (trimmed) or NETGRADE_SECRET; never printed. */
export function readSecret(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (file !== undefined) {
    if (!existsSync(file)) throw new Error(`--secret-file requires a readable file, got ${file} (it does not exist).`);
    const text = readFileSync(file, 'utf8').trim();
    if (text.length < 8) throw new Error(`--secret-file requires a secret of at least 8 characters, got ${text.length}: a short secret can be guessed, and with it the hidden inputs.`);
    return text;
  }
  const fromEnv = env.NETGRADE_SECRET?.trim();
  if (fromEnv !== undefined && fromEnv.length > 0 && fromEnv.length < 8) throw new Error(`NETGRADE_SECRET requires at least 8 characters, got ${fromEnv.length}.`);
  return fromEnv || undefined;
}

function loadProfile(name: string, explicit: boolean): { profile: Profile; note?: string } {
  if (name.endsWith('.json')) {
    if (!existsSync(name)) throw new Error(`--profile requires a profile name or an existing .json file, got ${name}.`);
    return { profile: validateProfile(JSON.parse(readFileSync(name, 'utf8')), name) };
  }
  const known = listProfiles();
  if (!explicit && name === DEFAULT_PROFILE && !known.includes(name) && known.includes(FALLBACK_PROFILE)) {
    return { profile: readProfile(FALLBACK_PROFILE), note: `profile "${DEFAULT_PROFILE}" does not exist; grading with "${FALLBACK_PROFILE}"` };
  }
  return { profile: readProfile(name) };
}

/** A submission's percentage; with nothing to earn (0 of 0) it is 0 %, never a silent 100 %. */
export const pct = (r: SubmissionResult) => (r.maxScore > 0 ? (100 * r.score) / r.maxScore : 0);
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function statusText(r: SubmissionResult): string {
  if (r.status === 'load-failed') return `load-failed (${r.error.cause}): ${r.error.message.split('\n')[0].slice(0, 90)}`;
  const counts = new Map<string, number>();
  for (const c of r.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const order = ['passed', 'failed', 'errored', 'timed-out', 'skipped'];
  return order.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`).join(', ') || 'no checks';
}

/** The summary table: submission, score/max, %, each part, status. */
/**
 * Text a submission supplied (names, messages, warnings), safe for one terminal line: escape
 * sequences and control characters removed (`clean`), line breaks shown as ⏎ so nothing can
 * start a line of its own (a fake "✓ alice: 140/140").
 */
export const oneLine = (text: string): string => clean(text).replace(/\n/g, ' ⏎ ');

export function summaryTable(results: SubmissionResult[]): string {
  const parts = ['part1', 'part2', 'part3'].filter((p) => results.some((r) => r.parts.some((q) => q.part === p)));
  const header = ['submission', 'score', '%', ...parts, 'status'];
  const rows = results.map((r) => [
    oneLine(r.submission.name),
    `${fmt(r.score)}/${fmt(r.maxScore)}`,
    pct(r).toFixed(0),
    ...parts.map((p) => {
      const s = r.parts.find((q) => q.part === p);
      return s ? `${fmt(s.score)}/${fmt(s.max)}` : '–';
    }),
    oneLine(statusText(r)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(Math.min(w, 40)))), ...rows.map(line)].join('\n');
}

function select(paths: string[], opts: Options): { submissions: DiscoveredSubmission[]; problems: Array<{ name: string; dir: string; message: string }> } {
  let found = paths.length ? discoverPaths(paths) : discoverRoot(SUBMISSIONS_ROOT);
  // a whole class is graded beside the reference (through the same sandbox): its row shows the profile can be passed
  if (!paths.length && !opts.changed && opts.reference) found = { ...found, submissions: [...found.submissions, referenceSubmission()] };
  if (opts.changed) {
    const changed = new Set(changedSubmissions(opts.changed, SUBMISSIONS_ROOT).map((n) => resolve(SUBMISSIONS_ROOT, n)));
    const keep = (dir: string) => changed.has(dir);
    found = { submissions: found.submissions.filter((s) => keep(s.dir)), problems: found.problems.filter((p) => keep(p.dir) && existsSync(p.dir)) };
  }
  if (opts.shard) {
    const { index, count } = parseShard(opts.shard);
    found = { submissions: shardOf(found.submissions, index, count), problems: shardOf(found.problems, index, count) };
  }
  return found;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('grade')
    .description('Grade submissions against the assignment profile and write reports.')
    .argument('[folders...]', 'submission folders (default: every folder of submissions/ not starting with _)')
    .option('--profile <name>', 'assignment profile: a name from harness/profiles/ or a path to a profile .json', DEFAULT_PROFILE)
    .option('--fail-under <pct>', 'exit 1 when a submission scores below this percentage', percent)
    .option('--backend <name>', 'node-gpu | node | wasm | cpu (default: the first that loads)')
    .option('--jobs <n>', `submissions graded at once, each in its own process (default: one per core, here ${defaultJobs()}; 1 with --in-process)`, intAtLeast(1, '--jobs'))
    .option('--shard <i/n>', 'grade only shard i of n of the name-sorted submissions')
    .option('--changed <base-ref>', 'grade only submissions with files changed since <base-ref> (git diff --name-only)')
    .option('--audience <who>', 'student (hidden checks show name and score only) | instructor', 'instructor')
    .option('--out <dir>', 'run directory for reports and store.jsonl (default reports/<date-time>)')
    .option('--seed <n>', 'grading seed (default: the profile\'s first seed)', intAtLeast(0, '--seed'))
    .option('--fresh', 'ignore results already stored in --out', false)
    .option('--in-process', 'run submissions in this process without a sandbox (trusted code only, faster)', false)
    .option('--no-typecheck', 'skip the type-check pass against harness/contract.ts')
    .option('--timeout <ms>', 'time limit per op (default: the profile\'s limits.checkTimeoutMs)', intAtLeast(1, '--timeout'))
    .option('--load-timeout <ms>', 'time a submission may take to load (default 60000)', intAtLeast(1000, '--load-timeout'))
    .option('--memory <mb>', 'memory cap per submission (default: the profile\'s limits.memoryMb)', intAtLeast(64, '--memory'))
    .option('--no-experiments', 'skip the profile\'s seeded training runs (harness/experiments)')
    .option('--no-reference', 'leave out the reference row when grading all of submissions/')
    .option('--device <name>', 'cpu | cuda: where PyTorch submissions run and train (cuda when torch sees a GPU, else the CPU, as their reports say)', 'cpu')
    .option('--secret-file <path>', 'a file whose content seeds the hidden checks (default: $NETGRADE_SECRET; without either, hidden checks are skipped)')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const opts = program.opts<Options>();
  if (opts.audience !== 'student' && opts.audience !== 'instructor') throw new Error(`--audience requires student or instructor, got "${opts.audience}".`);
  const started = performance.now();

  const backend = await selectBackend(opts.backend);
  console.log(describeBackend(backend));
  if (!opts.inProcess) console.log(isolation().summary);
  const explicitProfile = program.getOptionValueSource('profile') === 'cli';
  const { profile, note: profileNote } = loadProfile(opts.profile, explicitProfile);
  if (profileNote) console.log(`note: ${profileNote}`);
  const checks = checksFor(profile);
  if (!checks.length) throw new Error(`profile ${profile.name} requires at least one check for its models (${profile.models.join(', ') || 'none listed'}), got none: nothing could earn a point.`);
  const seed = opts.seed ?? profile.seeds[0] ?? 0;
  const secret = readSecret(opts.secretFile);
  const resultKey = (r: SubmissionResult) => storeKey({ submission: r.submission.name, submissionHash: r.submission.hash, profile: profile.name, id: 'submission', seed: seedKey(seed, secret) });
  const runDir = resolve(opts.out ?? join(PROJECT_ROOT, 'reports', new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')));

  const { submissions: selected, problems } = select(program.args, opts);
  // a PyTorch folder is graded with its course year's template; a profile of no year leaves it out of a whole-class run, and says so
  const submissions = program.args.length || templateOf(profile) ? selected : selected.filter((s) => s.language !== 'pytorch');
  if (submissions.length < selected.length) console.log(`note: ${selected.length - submissions.length} PyTorch submission(s) not graded: profile ${profile.name} has no PyTorch template (grade them with --profile 2018, 2019 or 2020-*)`);
  const jobs = opts.jobs ?? (opts.inProcess ? 1 : defaultJobs());
  console.log(`profile ${profile.name} · seed ${seed} · ${checks.length} checks (hidden: ${secret === undefined ? 'skipped, no secret' : 'on'}) · ${submissions.length + problems.length} submission(s) · ${opts.inProcess ? 'in-process (no sandbox)' : `sandboxed, ${jobs} at a time`}`);
  if (!submissions.length && !problems.length) {
    console.log(opts.changed ? `no submission changed since ${opts.changed}.` : `no submissions found in ${SUBMISSIONS_ROOT} (copy submissions/_template/ to start one).`);
    return 0;
  }
  for (const p of problems) console.log(`✗ ${oneLine(p.name)}: ${oneLine(p.message)}`);

  const progress = submissionProgress(submissions.length);
  const results = await gradeAll(submissions, {
    profile,
    checks,
    seed,
    runDir,
    jobs,
    isolation: opts.inProcess ? 'in-process' : 'process',
    fresh: opts.fresh,
    skipTypeCheck: !opts.typecheck,
    device: opts.device === 'cuda' ? 'cuda' : 'cpu',
    ...(secret === undefined ? {} : { secret }),
    sandbox: { backend: backend.name, ...(opts.timeout ? { opTimeoutMs: opts.timeout } : {}), ...(opts.memory ? { memoryMb: opts.memory } : {}), ...(opts.loadTimeout ? { loadTimeoutMs: opts.loadTimeout } : {}) },
    onResult: (r, cached) => console.log(`${r.status === 'graded' ? '✓' : '✗'} ${oneLine(r.submission.name)}: ${fmt(r.score)}/${fmt(r.maxScore)}${cached ? ' (stored result, unchanged submission)' : ''} · ${progress.ended(cached)}`),
  });
  const unloadable = problems.map((p) =>
    loadFailedResult({ name: p.name, dir: p.dir, hash: '', provides: [], conventions: {}, warnings: [] }, { cause: 'load-failed', name: 'NoEntry', message: p.message }, profile, checks, seed));
  // a folder that could not even be discovered (no index.ts) is an outcome too: stored like the others
  const store = ResultStore.open(runDir);
  for (const r of unloadable) store.append({ key: resultKey(r), kind: 'submission', submission: r.submission.name, value: r });
  let all = [...results, ...unloadable];
  let referenceRuns: TrainingRun[] = [];
  if (opts.experiments) {
    const experimented = await experimentsForGrade({
      results: all, submissions, profile, runDir, backend: backend.name, inProcess: opts.inProcess,
      jobs: program.getOptionValueSource('jobs') === 'cli' ? opts.jobs : undefined,
    });
    referenceRuns = experimented.get(REFERENCE_NAME)?.runs ?? [];
    // each result finished once, stored once more as final: `report --merge` only reads these records
    all = all.map((r) => finishResult(r, experimented.get(r.submission.name)));
    for (const r of all) if (experimented.has(r.submission.name)) store.append({ key: resultKey(r), kind: 'submission', submission: r.submission.name, value: r });
  }

  console.log('');
  console.log(summaryTable(all));
  for (const r of all) {
    if (r.submission.warnings.length) {
      console.log(`\nwarnings for ${oneLine(r.submission.name)}:`);
      for (const w of r.submission.warnings.slice(0, 10)) console.log(`  ${oneLine(w)}`);
      if (r.submission.warnings.length > 10) console.log(`  … ${r.submission.warnings.length - 10} more in the report`);
    }
  }
  const { files } = await writeReports(runDir, all, { ...collectEnvironment(backend), isolation: isolation().summary }, { audience: opts.audience, runs: referenceRuns });
  console.log(`\nreports: ${runDir} (${files.length} report files) · ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (opts.failUnder !== undefined) {
    const below = all.filter((r) => pct(r) < opts.failUnder!);
    if (below.length) {
      console.log(`fail-under ${opts.failUnder}%: ${below.map((r) => `${oneLine(r.submission.name)} (${pct(r).toFixed(0)}%)`).join(', ')}`);
      return 1;
    }
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; },
  );
}
