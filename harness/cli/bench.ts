/**
 * `npm run bench [-- name…] [--quick] [--backend <name>]` — runs the benchmarks in bench/*.bench.ts, in one
 * process, one after another. Each file default-exports `run({ quick })` and prints its own
 * figures (ratios against a baseline measured in the same run).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { parseArgs } from './parse';
import { describeBackend, selectBackend } from '../backend';

export interface BenchOptions { quick: boolean; backend?: string }
export type BenchRun = (options: BenchOptions) => Promise<void>;

export async function main(argv: string[]): Promise<number> {
  const program = new Command('bench')
    .description('Run the benchmarks of bench/*.bench.ts, one after another, in this process.')
    .argument('[names...]', 'benchmarks to run, by file name without .bench.ts (default: all)')
    .option('--quick', 'a short run of each (smoke test)')
    .option('--backend <name>', 'node-gpu | node | wasm | cpu (default: the first that loads)')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const { quick = false, backend } = program.opts<{ quick?: boolean; backend?: string }>();
  const names = program.args;
  const dir = join(__dirname, '..', '..', 'bench');
  const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) throw new Error(`npm run bench requires benchmark names from bench/ (${all.join(', ')}), got ${unknown.join(', ')}.`);
  console.log(describeBackend(await selectBackend(backend)));
  for (const name of names.length ? names : all) {
    console.log(`\n=== ${name}${quick ? ' (quick)' : ''}`);
    const mod = (await import(join(dir, `${name}.bench.ts`))) as { default: BenchRun };
    await mod.default({ quick, backend });
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exit(1); },   // a failed benchmark may leave workers behind
  );
}
