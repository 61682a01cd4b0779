/**
 * `report --merge`: the results of several run directories (shards, machines, a grading
 * run and a benchmark run) joined into one set of inputs for `writeReports`.
 *
 * Per directory, the source is its `store.jsonl` (harness/results/store.ts): the latest
 * `submission` record of each submission is its finished SubmissionResult (checks, runs,
 * comparisons, reproducibility verdict: harness/results/finish.ts), `run` records are
 * TrainingRuns (the reference's band when the reference was not graded). A directory without
 * a store falls back to its `<name>/results.json` files. The machine each submission ran on
 * comes from the directory's results.json files when there are any.
 *
 * A merge only reads: nothing is recomputed, so merging a run's directory reproduces its
 * reports, and a comparison withheld for a non-reproducible seed stays withheld.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mergeRuns } from '../results/merge-runs';
import { readRunStores } from '../results/run-store';
import { readStores, STORE_FILE } from '../results/store';
import type { Environment, SubmissionResult, TrainingRun } from '../results/types';
import { REFERENCE_NAME } from '../results/names';
import { readResultsJson, NO_RESULTS } from './read-results';

export interface MergedResults {
  results: SubmissionResult[];
  /** the environment shown on the class overview: the first directory's */
  environment: Environment;
  /** the name whose runs are the reference band, when any runs or result carry it */
  reference: string | undefined;
  /** the reference's training runs (also when the reference itself was not graded), for `writeReports({ runs })` */
  referenceRuns: TrainingRun[];
  /** what the merge decided, one line each (duplicates, missing environments) */
  notes: string[];
}

export const NOT_A_DIRECTORY = (dir: string) =>
  `report --merge requires existing run directories, got "${dir}". Fix: pass the --out directories of \`npm run grade\` / \`npm run bench\`.`;

export function unknownEnvironment(why: string): Environment {
  const unknown = `unknown (${why})`;
  return {
    harnessVersion: unknown, commit: unknown, backend: unknown, backendDetail: unknown, device: unknown,
    tfjsVersion: unknown, nodeVersion: unknown, cpu: unknown, platform: unknown,
  };
}

interface DirResults { results: SubmissionResult[]; environment: Environment | undefined; runs: TrainingRun[] }

function readDir(dir: string): DirResults {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(NOT_A_DIRECTORY(dir));
  const jsonFiles = readdirSync(dir).sort().map((d) => join(dir, d, 'results.json')).filter((f) => existsSync(f));
  const fromJson = jsonFiles.map(readResultsJson);
  const environment = fromJson[0]?.environment;
  const stored = existsSync(join(dir, STORE_FILE)) ? readStores([dir]) : [];
  const latest = new Map<string, { at: string; value: SubmissionResult }>();
  for (const r of stored) {
    if (r.kind !== 'submission') continue;
    const seen = latest.get(r.submission);
    if (!seen || r.at >= seen.at) latest.set(r.submission, { at: r.at, value: r.value as SubmissionResult });
  }
  const results = latest.size
    ? [...latest.values()].map((r) => r.value)
    : fromJson.map((r) => ({ ...r.result, environment: r.result.environment ?? r.environment }));
  const envOf = (name: string) => fromJson.find((r) => r.result.submission.name === name)?.environment ?? environment;
  return {
    results: results.map((r) => ({ ...r, environment: r.environment ?? envOf(r.submission.name) })).filter(Boolean) as SubmissionResult[],
    environment,
    runs: stored.length ? readRunStores([dir]) : [],
  };
}

/** Join the run directories; the same submission in two directories keeps the one that ended last. */
export function mergeRunDirs(dirs: string[], options: { reference?: string } = {}): MergedResults {
  const notes: string[] = [];
  const byName = new Map<string, { result: SubmissionResult; dir: string }>();
  const runLists: TrainingRun[][] = [];
  let environment: Environment | undefined;
  for (const dir of dirs) {
    const read = readDir(dir);
    environment ??= read.environment;
    runLists.push(read.runs, ...read.results.map((r) => r.runs));
    for (const result of read.results) {
      const name = result.submission.name;
      const seen = byName.get(name);
      if (seen) notes.push(`${name} is in both ${seen.dir} and ${dir}; keeping the one that ended last`);
      if (!seen || Date.parse(result.endedAt) >= Date.parse(seen.result.endedAt)) byName.set(name, { result, dir });
    }
  }
  if (!byName.size) throw new Error(NO_RESULTS(dirs));
  const runs = mergeRuns(runLists);
  const names = new Set([...byName.keys(), ...runs.map((r) => r.submission)]);
  const reference = options.reference ?? (names.has(REFERENCE_NAME) ? REFERENCE_NAME : undefined);
  const referenceRuns = runs.filter((r) => r.submission === reference);

  const results = [...byName.values()].map(({ result, dir }) => {
    if (!result.environment) notes.push(`${result.submission.name}: no environment recorded in ${dir}`);
    return { ...result, environment: result.environment ?? unknownEnvironment(`not recorded in ${dir}`) };
  });
  return {
    results,
    environment: environment ?? results.find((r) => r.environment)?.environment ?? unknownEnvironment('no results.json in the merged directories'),
    reference,
    referenceRuns,
    notes,
  };
}
