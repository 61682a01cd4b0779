import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CorpusBinaryError, CorpusEmptyError, CorpusError, CorpusMissingError, CorpusTooShortError, readCorpus } from './corpus';
import { TextDataset } from './dataset';

const dir = mkdtempSync(join(tmpdir(), 'netgrade-corpus-'));
const file = (name: string, content: string | Buffer) => { const p = join(dir, name); writeFileSync(p, content); return p; };
const BOOKS = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'books');
const GRIMM = join(BOOKS, 'book_EN_grimms_fairy_tails.txt');

describe('readCorpus: each bad input gets its named error', () => {
  it('a missing file → CorpusMissingError naming the path and the fix', () => {
    const p = join(dir, 'nope.txt');
    expect(() => readCorpus(p)).toThrow(CorpusMissingError);
    expect(() => readCorpus(p)).toThrow(`text corpus requires an existing file, got "${p}" (no such file). Fix: pass --corpus`);
    expect(() => readCorpus(dir)).toThrow(CorpusMissingError); // a directory is not a corpus
  });

  it('an empty file, or one holding only a BOM → CorpusEmptyError', () => {
    expect(() => readCorpus(file('empty.txt', ''))).toThrow(CorpusEmptyError);
    expect(() => readCorpus(file('bom-only.txt', '\uFEFF'))).toThrow(/requires a non-empty file, got ".*bom-only.txt" with no characters/);
  });

  it('binary content → CorpusBinaryError (NUL byte, invalid UTF-8)', () => {
    expect(() => readCorpus(file('nul.txt', Buffer.from([0x61, 0x00, 0x62])))).toThrow(/requires UTF-8 text, got ".*nul.txt" which contains a NUL byte at offset 1/);
    const latin1 = file('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x61])); // "café a" in Latin-1
    expect(() => readCorpus(latin1)).toThrow(CorpusBinaryError);
    expect(() => readCorpus(latin1)).toThrow(/is not valid UTF-8\. Fix: convert it/);
  });

  it('a text shorter than seq_length + 1 → CorpusTooShortError with both numbers', () => {
    const c = readCorpus(file('short.txt', 'only twenty chars!!!'));
    expect(() => new TextDataset(c, 30)).toThrow(CorpusTooShortError);
    expect(() => new TextDataset(c, 30)).toThrow('text corpus requires at least 31 characters for seq_length 30 (inputs and targets shifted by one), got 20');
    expect(new TextDataset(c, 19).windows).toBe(1);
  });

  it('every named error is a CorpusError with its problem code', () => {
    const problems: string[] = [];
    for (const f of [() => readCorpus(join(dir, 'x.txt')), () => readCorpus(file('e.txt', '')), () => readCorpus(file('b.txt', Buffer.from([0]))), () => new TextDataset(readCorpus(file('s.txt', 'ab')), 30)]) {
      try { f(); } catch (e) { expect(e).toBeInstanceOf(CorpusError); problems.push((e as CorpusError).problem); }
    }
    expect(problems).toEqual(['missing', 'empty', 'binary', 'too-short']);
  });
});

describe('readCorpus: the byte-order mark', () => {
  it('strips a leading BOM and says so; leaves a BOM-less file alone', () => {
    expect(readCorpus(file('bom.txt', '\uFEFFhello'))).toEqual({ source: join(dir, 'bom.txt'), text: 'hello', bomStripped: true });
    expect(readCorpus(file('plain.txt', 'hello'))).toMatchObject({ text: 'hello', bomStripped: false });
  });

  it("Grimm's fairy tales: 540,241 characters and 87 symbols with the BOM (assignment-spec.md) → 540,240 and 86 without", () => {
    if (!existsSync(GRIMM)) throw new Error(`this test requires the course's books in ${BOOKS} (../shared/data/books relative to the repository root), got no ${GRIMM}`);
    const c = readCorpus(GRIMM);
    expect(c.bomStripped).toBe(true);
    expect(c.text.length).toBe(540_241 - 1);
    const data = new TextDataset(c);
    expect(data.vocabSize).toBe(87 - 1);
    expect(data.vocab).not.toContain('\uFEFF');
  });
});
