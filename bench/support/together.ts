/**
 * A machine's ceiling for parallel work: `processes` copies of a benchmark file's own
 * `--ceiling <startAt>` mode, started together, each counting what it does in the same
 * seconds from `startAt` (after every copy has loaded and warmed up) and printing the
 * count as its last line. Used by the jobs and class benchmarks to print their lane ratios
 * beside what two processes of the same kind of work give on this machine.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../harness/sandbox/paths';

/** The counts of `processes` copies of `file --ceiling <startAt>` run together, summed. */
export async function countTogether(file: string, processes: number, leadMs: number): Promise<number> {
  const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const startAt = Date.now() + leadMs;
  const counts = await Promise.all(Array.from({ length: processes }, () => new Promise<number>((resolve, reject) => {
    const child = spawn(tsx, [file, '--ceiling', String(startAt)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim().split('\n').pop())) : reject(new Error(`ceiling child of ${file} exited with ${code}`))));
  })));
  return counts.reduce((a, b) => a + b, 0);
}

/** In a `--ceiling` child: wait (spinning) until `startAt`, so every copy starts together. */
export function startTogether(startAt: number): void {
  if (Date.now() > startAt) throw new Error('the ceiling child loaded too slowly to start with the others');
  while (Date.now() < startAt) { /* spin */ }
}
