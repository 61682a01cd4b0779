/**
 * `npm run report -- --merge <dir…> [--out <dir>] [--audience student|instructor] [--reference <name>]`
 *
 * Rebuilds every report (index.html, and per submission report.html, summary.md,
 * junit.xml, results.json) from finished run directories — the shards of a class run, or
 * a grading run and a benchmark run — without re-running anything. Sources per directory:
 * its store.jsonl, else its <name>/results.json files (harness/report/merge.ts).
 * `--out` defaults to the directory itself when one is given, else reports/merged-<date-time>.
 */
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { parseArgs } from './parse';
import { mergeRunDirs, writeReports, type Audience } from '../report';
import { PROJECT_ROOT } from '../sandbox/paths';

interface Options { merge: string[]; out?: string; audience: Audience; reference?: string }

const audience = (v: string): Audience => {
  if (v !== 'student' && v !== 'instructor') throw new InvalidArgumentError(`--audience requires student or instructor, got "${v}".`);
  return v;
};

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const program = new Command('report')
    .description('Rebuild the reports of finished runs (shards) from their result stores.')
    .requiredOption('--merge <dirs...>', 'run directories written by `npm run grade` / `npm run bench` (--out of each)')
    .option('--out <dir>', 'where to write the reports (default: the one merged dir, or reports/merged-<date-time>)')
    .option('--audience <who>', 'student (hidden checks show name and score only) | instructor', audience, 'instructor')
    .option('--reference <name>', 'the submission whose runs are the reference band (default: reference)')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const opts = program.opts<Options>();
  const dirs = opts.merge.map((d) => resolve(d));
  const out = resolve(opts.out ?? (dirs.length === 1 ? dirs[0] : join(PROJECT_ROOT, 'reports', `merged-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`)));
  const merged = mergeRunDirs(dirs, { reference: opts.reference });
  for (const note of merged.notes) log(`note: ${note}`);
  const { files } = await writeReports(out, merged.results, merged.environment, {
    audience: opts.audience, reference: merged.reference, runs: merged.referenceRuns,
  });
  log(`merged ${merged.results.length} submission(s) from ${dirs.length} dir(s) · ${opts.audience} view`);
  log(`reports: ${out} (${files.length} files; open ${join(out, 'index.html')})`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; },
  );
}
