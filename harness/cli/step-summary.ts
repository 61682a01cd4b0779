/**
 * `tsx harness/cli/step-summary.ts <run-dir> [--artifact-url <url>] [--details]` — prints
 * what a CI job appends to `$GITHUB_STEP_SUMMARY`: the run's class summary (a row per
 * submission), a link to the uploaded reports and, with `--details`, each submission's
 * summary.md while the whole stays under GitHub's 1 MiB step-summary limit.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { parseArgs } from './parse';
import { stepSummary } from '../report';

export const NO_CLASS_SUMMARY = (dir: string) =>
  `step-summary requires a run directory with class-summary.md (written by npm run grade or npm run report), got "${dir}".`;

interface Options { artifactUrl?: string; details?: boolean }

export function main(argv: string[], write: (text: string) => void = (t) => process.stdout.write(t)): number {
  const program = new Command('step-summary')
    .description('Print a GitHub step summary for a finished run directory.')
    .argument('<run-dir>', 'the --out directory of npm run grade or npm run report')
    .option('--artifact-url <url>', 'link to the uploaded reports')
    .option('--details', 'append per-submission summaries while under the 1 MiB limit')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const dir = resolve(program.args[0]);
  if (!existsSync(join(dir, 'class-summary.md'))) throw new Error(NO_CLASS_SUMMARY(program.args[0]));
  const opts = program.opts<Options>();
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'summary.md')))
    .map((d) => d.name)
    .sort();
  write(stepSummary(dir, names, { artifactUrl: opts.artifactUrl, details: opts.details ?? false }));
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  }
}
