/**
 * `npm run gradescope:bundle [-- --profile <name>] [--out <file.zip>] [--revision <commit>]` — writes the zip a
 * Gradescope programming assignment takes as its autograder (harness/gradescope/bundle.ts):
 * the project at the zip's root with setup.sh and run_autograder beside package.json.
 */
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { parseArgs } from './parse';
import { writeBundle } from '../gradescope/bundle';

const PROJECT_ROOT = resolve(__dirname, '..', '..');

interface Options { profile: string; out?: string; revision?: string }

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const program = new Command('gradescope:bundle')
    .description('Write the Gradescope autograder zip for a profile.')
    .option('--profile <name>', 'the assignment profile the autograder grades with (harness/profiles/<name>.json)', 'quick')
    .option('--out <file>', 'the zip to write (default: reports/gradescope-autograder-<profile>.zip)')
    .option('--revision <commit>', 'bundle a commit (e.g. HEAD) instead of the working tree')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const opts = program.opts<Options>();
  const out = resolve(opts.out ?? join(PROJECT_ROOT, 'reports', `gradescope-autograder-${opts.profile}.zip`));
  const written = await writeBundle({ root: PROJECT_ROOT, profile: opts.profile, out, revision: opts.revision });
  log(`wrote ${written.out} (${written.files} files; upload it as the autograder of a Gradescope programming assignment)`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; },
  );
}
