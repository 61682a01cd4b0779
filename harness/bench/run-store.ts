/**
 * The training runs' append-only JSONL store: one `runs.jsonl` per store folder, one
 * TrainingRun per line, appended the moment a run ends (a single write of one line). A
 * process killed mid-write leaves at most one torn last line, which readers skip, so a
 * re-run finds every finished run by key and repeats only the rest.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingRun } from '../results/types';

export const RUNS_FILE = 'runs.jsonl';

/** What the experiment runner needs of a store (harness/results' store fits too). */
export interface RunSink {
  has(key: string): boolean;
  append(run: TrainingRun): void | Promise<void>;
  /** every run it holds, when it can list them */
  runs?(): TrainingRun[];
}

/** Every complete line of `dir/runs.jsonl`, in file order (a torn last line is skipped). */
export function readRuns(dir: string): TrainingRun[] {
  const file = join(dir, RUNS_FILE);
  if (!existsSync(file)) return [];
  const runs: TrainingRun[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const run = JSON.parse(line, (_k, v) => (v === 'NaN' || v === 'Infinity' || v === '-Infinity' ? Number(v) : v)) as TrainingRun;
      if (run && typeof run.key === 'string') runs.push(run);
    } catch {
      // a line torn by a kill; the run it held was not finished and will be repeated
    }
  }
  return runs;
}

export class RunStore implements RunSink {
  private readonly keys = new Set<string>();
  readonly file: string;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, RUNS_FILE);
    for (const run of readRuns(dir)) this.keys.add(run.key);
    // a torn last line must not glue itself to the next append
    if (existsSync(this.file)) {
      const text = readFileSync(this.file, 'utf8');
      if (text.length && !text.endsWith('\n')) appendFileSync(this.file, '\n');
    }
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  append(run: TrainingRun): void {
    if (this.keys.has(run.key)) return;
    // NaN/Infinity are not JSON: a diverged run's loss is kept as a string
    const line = JSON.stringify(run, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    appendFileSync(this.file, `${line}\n`);
    this.keys.add(run.key);
  }

  runs(): TrainingRun[] {
    return readRuns(this.dir);
  }
}
