import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultStore, STORE_FILE, readStores, storeKey } from './store';

describe('ResultStore', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'netgrade-store-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keys are sha256 of name, hash, profile, id and seed — any part changes the key', () => {
    const parts = { submission: 'jane', submissionHash: 'abc', profile: 'quick', id: 'lstm.forward.T5', seed: 42 };
    expect(storeKey(parts)).toBe(createHash('sha256').update('["jane","abc","quick","lstm.forward.T5","42"]').digest('hex'));
    const others = [{ ...parts, submission: 'john' }, { ...parts, submissionHash: 'abd' }, { ...parts, profile: '2019' }, { ...parts, id: 'lstm.forward.T1' }, { ...parts, seed: 43 }];
    expect(new Set([storeKey(parts), ...others.map(storeKey)]).size).toBe(6);
  });

  it('appends one JSON line per record and finds it again after reopening (resume)', () => {
    const store = ResultStore.open(dir);
    store.append({ key: 'k1', kind: 'check', submission: 'jane', value: { score: 1 } });
    store.append({ key: 'k2', kind: 'run', submission: 'jane', value: { curve: new Float32Array([0.5, 0.25]) } });
    const lines = readFileSync(join(dir, STORE_FILE), 'utf8').split('\n');
    expect(lines).toHaveLength(3); // two records and the final newline
    const again = ResultStore.open(dir);
    expect(again.has('k1') && again.has('k2') && !again.has('k3')).toBe(true);
    expect(again.get('k2')?.value).toEqual({ curve: [0.5, 0.25] });
    expect(again.records('run').map((r) => r.key)).toEqual(['k2']);
  });

  it('the last record of a key wins', () => {
    const store = ResultStore.open(dir);
    store.append({ key: 'k', kind: 'check', submission: 'a', value: 1 });
    store.append({ key: 'k', kind: 'check', submission: 'a', value: 2 });
    expect(ResultStore.open(dir).get('k')?.value).toBe(2);
    expect(ResultStore.open(dir).latest()).toHaveLength(1);
  });

  it('tolerates a torn last line (kill -9 mid-write) and keeps appending on a fresh line', () => {
    const store = ResultStore.open(dir);
    store.append({ key: 'whole', kind: 'check', submission: 'a', value: 1 });
    appendFileSync(join(dir, STORE_FILE), '{"key":"torn","kind":"che');
    const reopened = ResultStore.open(dir);
    expect(reopened.torn).toBe(1);
    expect(reopened.has('whole')).toBe(true);
    expect(reopened.has('torn')).toBe(false);
    reopened.append({ key: 'after', kind: 'check', submission: 'a', value: 3 });
    const last = ResultStore.open(dir);
    expect(last.get('after')?.value).toBe(3);
    expect(last.torn).toBe(1);
  });

  it('readStores merges shards: every key once, later directories winning', () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    ResultStore.open(a).append({ key: 'x', kind: 'check', submission: 's1', value: 'from a' });
    ResultStore.open(a).append({ key: 'y', kind: 'check', submission: 's1', value: 'only a' });
    ResultStore.open(b).append({ key: 'x', kind: 'check', submission: 's1', value: 'from b' });
    writeFileSync(join(dir, 'c-not-a-store'), '');
    const merged = readStores([a, b, join(dir, 'missing')]);
    expect(Object.fromEntries(merged.map((r) => [r.key, r.value]))).toEqual({ x: 'from b', y: 'only a' });
  });
});
