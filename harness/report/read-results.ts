/**
 * Reading finished results back, for `npm run report -- --merge`: the canonical
 * `results.json` of each submission (written by the JSON reporter) holds the whole
 * SubmissionResult and the environment it was graded in, so shards' run dirs can be
 * joined into one report without re-running anything.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment, SubmissionResult } from '../results/types';

export const NOT_A_RESULTS_JSON = (file: string, what: string) =>
  `report --merge requires ${file} to be a netgrade results.json (with a "netgrade.result" block), got ${what}. ` +
  'Fix: point --merge at run directories written by `npm run grade` (reports/<run>/).';

export const NO_RESULTS = (dirs: string[]) =>
  `report --merge requires at least one <dir>/<submission>/results.json, got none under ${dirs.join(', ')}.`;

export interface ReadResult { result: SubmissionResult; environment: Environment; file: string }

export function readResultsJson(file: string): ReadResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(NOT_A_RESULTS_JSON(file, e instanceof Error ? e.message : String(e)));
  }
  const block = (json as { netgrade?: { result?: SubmissionResult; environment?: Environment } } | null)?.netgrade;
  if (!block || typeof block.result !== 'object' || typeof block.environment !== 'object') {
    throw new Error(NOT_A_RESULTS_JSON(file, 'a JSON file without it'));
  }
  return { result: block.result, environment: block.environment, file };
}

/** Every results.json under the run dirs (`<dir>/<name>/results.json`); the same submission twice keeps the newest. */
export function readRunDirs(dirs: string[]): { results: SubmissionResult[]; environment: Environment; duplicates: string[] } {
  const byName = new Map<string, ReadResult>();
  const duplicates: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`report --merge requires existing directories, got "${dir}"`);
    }
    for (const entry of readdirSync(dir).sort()) {
      const file = join(dir, entry, 'results.json');
      if (!existsSync(file)) continue;
      const read = readResultsJson(file);
      const name = read.result.submission.name;
      const seen = byName.get(name);
      if (seen) duplicates.push(`${name}: ${seen.file} and ${file}`);
      if (!seen || Date.parse(read.result.endedAt) >= Date.parse(seen.result.endedAt)) {
        // Each submission keeps the machine it ran on; shards may differ.
        byName.set(name, { ...read, result: { ...read.result, environment: read.result.environment ?? read.environment } });
      }
    }
  }
  const all = [...byName.values()];
  if (!all.length) throw new Error(NO_RESULTS(dirs));
  return { results: all.map((r) => r.result), environment: all[0].environment, duplicates };
}
