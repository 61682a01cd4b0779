/**
 * The results store: one append-only JSONL file per run directory, `<runDir>/store.jsonl`.
 *
 * Each line is one {@link StoreRecord}: `{ key, kind, submission, at, value }`.
 * - `key` is a content key ({@link storeKey}): a hash of the submission's name and content
 *   hash, the profile, the check or run id and the seed (the name too: an identical copy in
 *   another folder is another student's submission and is graded on its own). An unchanged submission graded again with
 *   the same profile and seed has the same keys, so `has(key)` lets a run resume and skip
 *   work already done.
 * - `kind` says what `value` is: `check` (a CheckResult), `submission` (a whole
 *   SubmissionResult), `run` (a TrainingRun, appended by the benchmarks), or any other
 *   string a phase needs.
 * - Records are only ever appended; the last record of a key wins.
 *
 * A process killed mid-write (`kill -9`) leaves at most a torn last line: readers skip
 * lines that are not valid JSON (and count them in `torn`), and the next append starts on
 * a fresh line. `readStores(dirs)` merges the stores of several run directories (shards).
 *
 * API:
 *   const store = ResultStore.open('reports/2026-05-01');
 *   const key = storeKey({ submission: 'jane', submissionHash, profile: 'quick', id: 'lstm.forward.T5', seed: 42 });
 *   if (!store.has(key)) store.append({ key, kind: 'check', submission: 'jane', value: result });
 *   store.get(key)?.value;  store.records('run');  readStores(['reports/a', 'reports/b']);
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STORE_FILE = 'store.jsonl';

export interface StoreRecord<V = unknown> {
  key: string;
  kind: 'check' | 'submission' | 'run' | (string & {});
  /** the submission's name (folder), for humans and for filtering */
  submission: string;
  /** ISO time the record was appended */
  at: string;
  value: V;
}

/** The parts of a content key; `id` is a check id, a run id, or `submission`. */
export interface KeyParts { submission: string; submissionHash: string; profile: string; id: string; seed: number | string }

/** sha256 hex of the key parts (stable across processes and machines). */
export function storeKey({ submission, submissionHash, profile, id, seed }: KeyParts): string {
  return createHash('sha256').update(JSON.stringify([submission, submissionHash, profile, id, String(seed)])).digest('hex');
}

/** Parse a store file; lines that are not a JSON record (a torn last write) are counted, not thrown. */
export function parseStore(text: string): { records: StoreRecord[]; torn: number } {
  const records: StoreRecord[] = [];
  let torn = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as StoreRecord;
      if (r && typeof r.key === 'string' && typeof r.kind === 'string') records.push(r);
      else torn++;
    } catch {
      torn++;
    }
  }
  return { records, torn };
}

export class ResultStore {
  private readonly byKey = new Map<string, StoreRecord>();
  private readonly all: StoreRecord[] = [];
  private needsNewline: boolean;
  /** lines skipped while reading (torn writes) */
  readonly torn: number;

  private constructor(readonly path: string, text: string) {
    const { records, torn } = parseStore(text);
    for (const r of records) this.remember(r);
    this.torn = torn;
    this.needsNewline = text.length > 0 && !text.endsWith('\n');
  }

  /** Open (and create if needed) the store of a run directory. */
  static open(runDir: string): ResultStore {
    mkdirSync(runDir, { recursive: true });
    const path = join(runDir, STORE_FILE);
    return new ResultStore(path, existsSync(path) ? readFileSync(path, 'utf8') : '');
  }

  private remember(r: StoreRecord): void {
    this.byKey.set(r.key, r);
    this.all.push(r);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The latest record of a key. */
  get<V = unknown>(key: string): StoreRecord<V> | undefined {
    return this.byKey.get(key) as StoreRecord<V> | undefined;
  }

  /** Append one record (one write of one line); `at` defaults to now. */
  append<V>(record: Omit<StoreRecord<V>, 'at'> & { at?: string }): StoreRecord<V> {
    const full: StoreRecord<V> = { key: record.key, kind: record.kind, submission: record.submission, at: record.at ?? new Date().toISOString(), value: record.value };
    const line = JSON.stringify(full, (_k, v) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v));
    appendFileSync(this.path, (this.needsNewline ? '\n' : '') + line + '\n');
    this.needsNewline = false;
    this.remember(full);
    return full;
  }

  /** Every record in append order (all of them, or of one kind). */
  records<V = unknown>(kind?: StoreRecord['kind']): StoreRecord<V>[] {
    return (kind ? this.all.filter((r) => r.kind === kind) : [...this.all]) as StoreRecord<V>[];
  }

  /** The latest record per key (of one kind, when given). */
  latest<V = unknown>(kind?: StoreRecord['kind']): StoreRecord<V>[] {
    return [...this.byKey.values()].filter((r) => !kind || r.kind === kind) as StoreRecord<V>[];
  }
}

/** Merge the stores of several run directories: the latest record per key, in order of the dirs then lines. */
export function readStores(dirs: string[]): StoreRecord[] {
  const merged = new Map<string, StoreRecord>();
  for (const dir of dirs) {
    const path = join(dir, STORE_FILE);
    if (!existsSync(path)) continue;
    for (const r of parseStore(readFileSync(path, 'utf8')).records) {
      merged.delete(r.key);
      merged.set(r.key, r);
    }
  }
  return [...merged.values()];
}
