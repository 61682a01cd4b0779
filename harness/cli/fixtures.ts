/**
 * `npm run fixtures [-- generator…] [--check]` — runs the generator modules in
 * fixtures/generators/ (all, or the named ones: part1, graph, …) and writes what they return
 * under fixtures/. `--check` writes nothing and exits 1 when a committed fixture differs from
 * a fresh generation, is missing, or is left over.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Command } from 'commander';
import { parseArgs } from './parse';
import { diffFixtures, FIXTURES_DIR, FIXTURES_OUT_OF_DATE, generateAll } from '../../fixtures/generate';

interface Options { check?: boolean }

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const program = new Command('fixtures')
    .description('Generate the committed fixtures from the oracle, or check that they are up to date.')
    .argument('[generators...]', 'generator modules of fixtures/generators/ to run (default: all)')
    .option('--check', 'write nothing; exit 1 when a committed fixture differs from a fresh generation')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const opts = program.opts<Options>();
  const generated = await generateAll(program.args);
  if (opts.check) {
    const diff = diffFixtures(generated);
    const bad = [...diff.changed.map((f) => `changed: ${f}`), ...diff.missing.map((f) => `missing: ${f}`), ...diff.stale.map((f) => `stale: ${f}`)];
    if (bad.length) {
      console.error(`${FIXTURES_OUT_OF_DATE}\n  ${bad.join('\n  ')}`);
      return 1;
    }
    log(`fixtures: ${generated.size} files up to date`);
    return 0;
  }
  for (const [rel, text] of generated) {
    const file = join(FIXTURES_DIR, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const { stale } = diffFixtures(generated);
  log(`fixtures: wrote ${generated.size} files under ${relative(process.cwd(), FIXTURES_DIR) || '.'}/`);
  if (stale.length) log(`fixtures: no generator makes ${stale.join(', ')} — delete them if they are left over`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; },
  );
}
