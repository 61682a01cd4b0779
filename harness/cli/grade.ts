/**
 * `npm run grade [-- <folders…>] [options]` — grade every submission in `submissions/`
 * (or the folders given), print the backend line and a summary table, and write the
 * reports of the run under `--out` (default `reports/<date-time>/`). Run it again with the
 * same `--out` and unchanged submissions are not re-run (the run's store.jsonl), unless
 * `--fresh`. Exit code 1 when a submission scores below `--fail-under` percent.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command, InvalidArgumentError } from 'commander';
import { describeBackend, selectBackend } from '../backend';
import type { BackendInfo } from '../backend';
import type { Check } from '../checks/types';
import { changedSubmissions, discoverPaths, discoverRoot } from '../discover';
import type { DiscoveredSubmission } from '../discover';
import { gradeAll, loadFailedResult, parseShard, shardOf } from '../grade';
import type { Profile } from '../profiles/types';
import type { Environment, SubmissionResult } from '../results/types';
import { PROJECT_ROOT } from '../sandbox/paths';

export const SUBMISSIONS_ROOT = join(PROJECT_ROOT, 'submissions');
const DEFAULT_PROFILE = 'standard';
const FALLBACK_PROFILE = 'quick';

interface Options {
  profile: string;
  failUnder?: number;
  backend?: string;
  jobs: number;
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

/** Optional modules other phases provide; grading still runs (and says so) while one is missing. */
function optional<T>(path: string): { module?: T; why?: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { module: require(path) as T };
  } catch (e) {
    return { why: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  }
}

function loadProfile(name: string, explicit: boolean): { profile: Profile; note?: string } {
  const profiles = optional<{ loadProfile(name: string): Profile; listProfiles(): string[] }>('../profiles');
  if (!profiles.module) throw new Error(`profiles could not be loaded (harness/profiles/index.ts): ${profiles.why}`);
  const known = profiles.module.listProfiles();
  if (!explicit && name === DEFAULT_PROFILE && !known.includes(name) && known.includes(FALLBACK_PROFILE)) {
    return { profile: profiles.module.loadProfile(FALLBACK_PROFILE), note: `profile "${DEFAULT_PROFILE}" does not exist yet; grading with "${FALLBACK_PROFILE}"` };
  }
  return { profile: profiles.module.loadProfile(name) };
}

function loadChecks(profile: Profile): { checks: Check[]; note?: string } {
  const found = optional<{ checksFor(p: Profile): Check[] }>('../checks');
  if (!found.module?.checksFor) return { checks: [], note: `no checks available (harness/checks/index.ts: ${found.why ?? 'no checksFor export'}); submissions are loaded but not graded` };
  return { checks: found.module.checksFor(profile) };
}

function environment(backend: BackendInfo): Environment {
  const env = optional<{ collectEnvironment(b: BackendInfo): Environment }>('../report/environment');
  if (env.module) return env.module.collectEnvironment(backend);
  return { harnessVersion: 'unknown', commit: 'unknown', backend: backend.name, backendDetail: backend.package, device: backend.device, tfjsVersion: backend.tfjsVersion, nodeVersion: process.version, cpu: 'unknown', platform: process.platform };
}

async function writeRunReports(runDir: string, results: SubmissionResult[], env: Environment, audience: Options['audience']): Promise<string> {
  const report = optional<{ writeReports(dir: string, r: SubmissionResult[], e: Environment, o: { audience: string }): Promise<{ files: string[] }> }>('../report');
  if (report.module?.writeReports) {
    const { files } = await report.module.writeReports(runDir, results, env, { audience });
    return `${files.length} report files`;
  }
  for (const r of results) {
    mkdirSync(join(runDir, r.submission.name), { recursive: true });
    writeFileSync(join(runDir, r.submission.name, 'result.json'), JSON.stringify({ ...r, environment: env }, null, 2));
  }
  return `JSON results only (reports unavailable: ${report.why})`;
}

const pct = (r: SubmissionResult) => (r.maxScore > 0 ? (100 * r.score) / r.maxScore : r.status === 'graded' ? 100 : 0);
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function statusText(r: SubmissionResult): string {
  if (r.status === 'load-failed') return `load-failed (${r.error.cause}): ${r.error.message.split('\n')[0].slice(0, 90)}`;
  const counts = new Map<string, number>();
  for (const c of r.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const order = ['passed', 'failed', 'errored', 'timed-out', 'skipped'];
  return order.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`).join(', ') || 'no checks';
}

/** The summary table: submission, score/max, %, each part, status. */
export function summaryTable(results: SubmissionResult[]): string {
  const parts = ['part1', 'part2', 'part3'].filter((p) => results.some((r) => r.parts.some((q) => q.part === p)));
  const header = ['submission', 'score', '%', ...parts, 'status'];
  const rows = results.map((r) => [
    r.submission.name,
    `${fmt(r.score)}/${fmt(r.maxScore)}`,
    pct(r).toFixed(0),
    ...parts.map((p) => {
      const s = r.parts.find((q) => q.part === p);
      return s ? `${fmt(s.score)}/${fmt(s.max)}` : '–';
    }),
    statusText(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(Math.min(w, 40)))), ...rows.map(line)].join('\n');
}

function select(paths: string[], opts: Options): { submissions: DiscoveredSubmission[]; problems: Array<{ name: string; dir: string; message: string }> } {
  let found = paths.length ? discoverPaths(paths) : discoverRoot(SUBMISSIONS_ROOT);
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
    .option('--profile <name>', 'assignment profile (harness/profiles/<name>.json)', DEFAULT_PROFILE)
    .option('--fail-under <pct>', 'exit 1 when a submission scores below this percentage', percent)
    .option('--backend <name>', 'node-gpu | node | wasm | cpu (default: the first that loads)')
    .option('--jobs <n>', 'submissions graded at once, each in its own process', intAtLeast(1, '--jobs'), 1)
    .option('--shard <i/n>', 'grade only shard i of n of the name-sorted submissions')
    .option('--changed <base-ref>', 'grade only submissions with files changed since <base-ref> (git diff --name-only)')
    .option('--audience <who>', 'student (hidden checks show name and score only) | instructor', 'instructor')
    .option('--out <dir>', 'run directory for reports and store.jsonl (default reports/<date-time>)')
    .option('--seed <n>', 'grading seed (default: the profile\'s first seed)', intAtLeast(0, '--seed'))
    .option('--fresh', 'ignore results already stored in --out', false)
    .option('--in-process', 'run submissions in this process without a sandbox (trusted code only, faster)', false)
    .option('--no-typecheck', 'skip the type-check pass against harness/contract.ts')
    .option('--timeout <ms>', 'time limit per op (default: the profile\'s limits.checkTimeoutMs)', intAtLeast(1, '--timeout'))
    .option('--memory <mb>', 'memory cap per submission (default: the profile\'s limits.memoryMb)', intAtLeast(64, '--memory'))
    .option('--no-experiments', 'skip the profile\'s seeded training runs (harness/bench)')
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const opts = program.opts<Options>();
  if (opts.audience !== 'student' && opts.audience !== 'instructor') throw new Error(`--audience requires student or instructor, got "${opts.audience}".`);
  const started = performance.now();

  const backend = await selectBackend(opts.backend);
  console.log(describeBackend(backend));
  const explicitProfile = program.getOptionValueSource('profile') === 'cli';
  const { profile, note: profileNote } = loadProfile(opts.profile, explicitProfile);
  if (profileNote) console.log(`note: ${profileNote}`);
  const { checks, note: checksNote } = loadChecks(profile);
  if (checksNote) console.log(`note: ${checksNote}`);
  const seed = opts.seed ?? profile.seeds[0] ?? 0;
  const runDir = resolve(opts.out ?? join(PROJECT_ROOT, 'reports', new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')));

  const { submissions, problems } = select(program.args, opts);
  console.log(`profile ${profile.name} · seed ${seed} · ${checks.length} checks · ${submissions.length + problems.length} submission(s) · ${opts.inProcess ? 'in-process (no sandbox)' : `sandboxed, ${opts.jobs} at a time`}`);
  if (!submissions.length && !problems.length) {
    console.log(opts.changed ? `no submission changed since ${opts.changed}.` : `no submissions found in ${SUBMISSIONS_ROOT} (copy submissions/_template/ to start one).`);
    return 0;
  }
  for (const p of problems) console.log(`✗ ${p.name}: ${p.message}`);

  const results = await gradeAll(submissions, {
    profile,
    checks,
    seed,
    runDir,
    jobs: opts.jobs,
    isolation: opts.inProcess ? 'in-process' : 'process',
    fresh: opts.fresh,
    skipTypeCheck: !opts.typecheck,
    sandbox: { backend: backend.name, ...(opts.timeout ? { opTimeoutMs: opts.timeout } : {}), ...(opts.memory ? { memoryMb: opts.memory } : {}) },
    onResult: (r, cached) => console.log(`${r.status === 'graded' ? '✓' : '✗'} ${r.submission.name}: ${fmt(r.score)}/${fmt(r.maxScore)}${cached ? ' (stored result, unchanged submission)' : ''}`),
  });
  const unloadable = problems.map((p) =>
    loadFailedResult({ name: p.name, dir: p.dir, hash: '', provides: [], conventions: {}, warnings: [] }, { cause: 'load-failed', name: 'NoEntry', message: p.message }, profile, checks, seed));
  const all = [...results, ...unloadable];
  if (opts.experiments) {
    const { experimentsForGrade } = await import('../bench/for-grade');
    await experimentsForGrade({
      results: all, submissions, profile, runDir, backend: backend.name, inProcess: opts.inProcess,
      jobs: program.getOptionValueSource('jobs') === 'cli' ? opts.jobs : undefined,
      shard: opts.shard ? parseShard(opts.shard) : undefined,
    });
  }

  console.log('');
  console.log(summaryTable(all));
  for (const r of all) {
    if (r.submission.warnings.length) {
      console.log(`\nwarnings for ${r.submission.name}:`);
      for (const w of r.submission.warnings.slice(0, 10)) console.log(`  ${w}`);
      if (r.submission.warnings.length > 10) console.log(`  … ${r.submission.warnings.length - 10} more in the report`);
    }
  }
  const written = await writeRunReports(runDir, all, environment(backend), opts.audience);
  console.log(`\nreports: ${runDir} (${written}) · ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (opts.failUnder !== undefined) {
    const below = all.filter((r) => pct(r) < opts.failUnder!);
    if (below.length) {
      console.log(`fail-under ${opts.failUnder}%: ${below.map((r) => `${r.submission.name} (${pct(r).toFixed(0)}%)`).join(', ')}`);
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
