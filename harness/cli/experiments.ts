/**
 * The experiments on their own: `tsx harness/cli/experiments.ts [folders…] [--profile quick]
 * [--jobs N] [--shard i/n] [--store DIR] [--backend wasm] [--in-process] [--no-reference]
 * [--projection | --no-projection]`. `npm run grade` calls {@link runExperiments} the same
 * way; this entry point exists for benchmarks, CI matrices and the resume tests.
 *
 * Default submissions: every folder of submissions/ plus the reference (reference/index.ts).
 * Default store: reports/store. The end prints per-configuration statistics and each
 * submission against the reference.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describeBackend, selectBackend } from '../backend';
import { discoverOne, discoverRoot, type DiscoveredSubmission } from '../discover';
import { DEFAULT_PROFILE, loadProfile, validateProfile, type Profile } from '../profiles';
import { openInProcess, PROJECT_ROOT } from '../sandbox';
import { referenceSubmission } from '../sandbox/bundle';
import { compareSubmissions, formatSummaries, summarizeRuns } from '../experiments/compare';
import { parseShard } from '../experiments/jobs';
import { runExperiments } from '../experiments/run-experiments';

export const BAD_JOBS = (given: string) => `--jobs requires a positive whole number of parallel processes (e.g. --jobs 2), got "${given}".`;

export function parseJobs(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(BAD_JOBS(text));
  return n;
}

/** A profile by name (harness/profiles/<name>.json) or by path to a JSON file. */
export function profileFrom(nameOrPath: string): Profile {
  if (!nameOrPath.endsWith('.json')) return loadProfile(nameOrPath);
  const file = resolve(nameOrPath);
  if (!existsSync(file)) throw new Error(`--profile requires a profile name or an existing .json file, got ${file}.`);
  return validateProfile(JSON.parse(readFileSync(file, 'utf8')), file);
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('bench-experiments')
    .argument('[folders...]', 'submission folders (default: every folder of submissions/)')
    .option('--profile <name>', 'assignment profile: a name from harness/profiles or a .json path', DEFAULT_PROFILE)
    .option('--jobs <n>', 'parallel training processes (default: the number of cores)', parseJobs)
    .option('--shard <i/n>', 'run only shard i of n of the job list', parseShard)
    .option('--store <dir>', 'results store folder', join(PROJECT_ROOT, 'reports', 'store'))
    .option('--backend <name>', 'tfjs backend (wasm, cpu, node, node-gpu)')
    .option('--in-process', 'run submissions in this process (trusted code only; no parallelism)')
    .option('--no-reference', 'do not train the reference')
    .option('--projection', 'time a few steps first and print the projected total')
    .option('--no-projection', 'skip the projection')
    .parse(argv, { from: 'user' });
  const opts = program.opts<{ profile: string; jobs?: number; shard?: { index: number; count: number }; store: string; backend?: string; inProcess?: boolean; reference: boolean; projection?: boolean }>();
  const backend = await selectBackend(opts.backend);
  console.log(describeBackend(backend));
  const profile = profileFrom(opts.profile);
  const folders = program.args as string[];
  const discovered = folders.length ? folders.map((f) => discoverOne(resolve(f))) : discoverRoot(join(PROJECT_ROOT, 'submissions')).submissions;
  const submissions: DiscoveredSubmission[] = [];
  for (const d of discovered) {
    if ('entry' in d) submissions.push(d);
    else console.error(d.message);
  }
  const reference = opts.reference ? referenceSubmission() : undefined;
  if (reference && !submissions.some((s) => s.name === reference.name)) submissions.push(reference);
  if (!submissions.length) throw new Error('experiments require at least one submission folder, got none (add folders to submissions/ or name them on the command line).');

  const outcome = await runExperiments({
    submissions, profile, store: resolve(opts.store), shard: opts.shard, backend: backend.name,
    jobs: opts.inProcess ? 1 : opts.jobs,
    open: opts.inProcess ? (s) => openInProcess(s) : undefined,
    projection: opts.projection ?? 'auto',
  });
  console.log(`\n${outcome.ran} run(s) trained, ${outcome.resumed} taken from the store, in ${(outcome.wallMs / 1000).toFixed(1)} s`);
  for (const line of formatSummaries(summarizeRuns(outcome.runs))) console.log(line);
  if (reference) {
    for (const s of submissions.filter((x) => x !== reference)) {
      for (const c of compareSubmissions(outcome.runs, s.name, reference.name)) console.log(`${s.name} ${c.model} ${c.dataset} T=${c.T}: ${c.sentence}`);
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
