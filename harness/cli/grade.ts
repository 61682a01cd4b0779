/** `npm run grade` — placeholder until the grading core lands: lists what it would grade. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeBackend, selectBackend } from '../backend';

async function main(): Promise<void> {
  const info = await selectBackend(process.argv.includes('--backend') ? process.argv[process.argv.indexOf('--backend') + 1] : undefined);
  console.log(describeBackend(info));
  const root = join(__dirname, '..', '..', 'submissions');
  const found = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());
  console.log(`submissions found: ${found.length ? found.join(', ') : 'none'}`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
