/**
 * Training runs in the results store (harness/results/store.ts): each finished run is one
 * record `{ key, kind: 'run', submission, value: TrainingRun }` of the run directory's
 * append-only `store.jsonl`, appended the moment the run ends. A process killed mid-write
 * leaves at most a torn last line, which the store skips, so a re-run finds every
 * finished run by key and repeats only the rest.
 *
 * NaN and ±Infinity (a diverged run's loss) are not JSON: they are stored as the strings
 * "NaN", "Infinity", "-Infinity" and turned back into numbers when read.
 */
import { ResultStore, readStores, type StoreRecord } from './store';
import type { TrainingRun } from './types';

export const RUN_KIND = 'run';

/** What the experiment runner needs of a store. */
export interface RunSink {
  has(key: string): boolean;
  append(run: TrainingRun): void | Promise<void>;
  /** every run it holds, when it can list them */
  runs?(): TrainingRun[];
}

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

function encode(run: TrainingRun): TrainingRun {
  return JSON.parse(JSON.stringify(run, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))) as TrainingRun;
}

export function decodeRun(value: unknown): TrainingRun {
  const run = value as TrainingRun;
  for (const p of run.curve ?? []) {
    for (const k of ['loss', 'accuracy'] as const) if (typeof p[k] === 'string' && NON_FINITE.has(p[k] as unknown as string)) p[k] = Number(p[k]);
  }
  return run;
}

/** The runs of a set of store records (latest per key). */
export function runsOf(records: readonly StoreRecord[]): TrainingRun[] {
  return records.filter((r) => r.kind === RUN_KIND).map((r) => decodeRun(r.value));
}

/** A RunSink over the run directory's ResultStore. */
export function runStore(runDirOrStore: string | ResultStore): RunSink & { store: ResultStore; runs(): TrainingRun[] } {
  const store = typeof runDirOrStore === 'string' ? ResultStore.open(runDirOrStore) : runDirOrStore;
  return {
    store,
    has: (key) => store.get(key)?.kind === RUN_KIND,
    append: (run) => { if (store.get(run.key)?.kind !== RUN_KIND) store.append({ key: run.key, kind: RUN_KIND, submission: run.submission, value: encode(run) }); },
    runs: () => runsOf(store.latest(RUN_KIND)),
  };
}

/** The runs stored in several run directories (shards), latest record per key. */
export function readRunStores(dirs: string[]): TrainingRun[] {
  return runsOf(readStores(dirs));
}
