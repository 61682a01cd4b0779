/**
 * Reading finished results back, for `npm run report -- --merge`: the canonical
 * `results.json` of each submission (written by the JSON reporter) holds the whole
 * SubmissionResult and the environment it was graded in (merge.ts reads them).
 */
import { readFileSync } from 'node:fs';
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
