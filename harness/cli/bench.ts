/**
 * `npm run bench [-- name…] [--quick]` — runs the benchmarks in bench/*.bench.ts, in one
 * process, one after another. Each file default-exports `run({ quick })` and prints its own
 * figures (ratios against a baseline measured in the same run).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeBackend, selectBackend } from '../backend';

export interface BenchOptions { quick: boolean; backend?: string }
export type BenchRun = (options: BenchOptions) => Promise<void>;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const bi = args.indexOf('--backend');
  const backend = bi >= 0 ? args[bi + 1] : undefined;
  const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--backend');
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
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
