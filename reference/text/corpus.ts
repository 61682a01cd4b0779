/**
 * Reading a text corpus by path — the course's books or any UTF-8 `.txt` file — with one
 * named error per way a file can be unusable. The books start with a UTF-8 byte-order
 * mark; Python's `open(…, 'r')` keeps it as the character U+FEFF (so the course's
 * vocabulary has one character more). netgrade strips it and says so.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';

/** What was read: the text without its BOM, and whether a BOM was there. */
export interface Corpus {
  /** where the text came from: a path, or `generated:<grammar>/<seed>` */
  source: string;
  text: string;
  /** a leading U+FEFF was removed (the course's books all have one) */
  bomStripped: boolean;
}

export type CorpusProblem = 'missing' | 'empty' | 'binary' | 'too-short';

/** Base class: `problem` says which of the four named errors it is. */
export class CorpusError extends Error {
  constructor(readonly problem: CorpusProblem, message: string) {
    super(message);
    this.name = 'CorpusError';
  }
}
export class CorpusMissingError extends CorpusError {
  constructor(path: string) {
    super('missing', `text corpus requires an existing file, got "${path}" (no such file). Fix: pass --corpus with the path of a UTF-8 .txt file, e.g. ../shared/data/books/book_EN_grimms_fairy_tails.txt, or leave it out to use the generated corpus.`);
    this.name = 'CorpusMissingError';
  }
}
export class CorpusEmptyError extends CorpusError {
  constructor(path: string) {
    super('empty', `text corpus requires a non-empty file, got "${path}" with no characters. Fix: point --corpus at a text with at least a few hundred characters.`);
    this.name = 'CorpusEmptyError';
  }
}
export class CorpusBinaryError extends CorpusError {
  constructor(path: string, why: string) {
    super('binary', `text corpus requires UTF-8 text, got "${path}" which ${why}. Fix: convert it to UTF-8 plain text (e.g. iconv -t UTF-8) or choose a .txt file.`);
    this.name = 'CorpusBinaryError';
  }
}
export class CorpusTooShortError extends CorpusError {
  constructor(source: string, chars: number, needed: number, seqLength: number) {
    super('too-short', `text corpus requires at least ${needed} characters for seq_length ${seqLength} (inputs and targets shifted by one), got ${chars} in "${source}". Fix: use a longer text or a smaller seqLength.`);
    this.name = 'CorpusTooShortError';
  }
}

const BOM = '\uFEFF';

/** Strip one leading U+FEFF; report whether there was one. */
export function stripBom(text: string): { text: string; bomStripped: boolean } {
  return text.startsWith(BOM) ? { text: text.slice(1), bomStripped: true } : { text, bomStripped: false };
}

/**
 * Read a UTF-8 text file. Throws CorpusMissingError (no such file or a directory),
 * CorpusEmptyError (0 bytes, or only a BOM), CorpusBinaryError (NUL bytes or invalid UTF-8).
 */
export function readCorpus(path: string): Corpus {
  if (!existsSync(path) || !statSync(path).isFile()) throw new CorpusMissingError(path);
  const bytes = readFileSync(path);
  if (bytes.length === 0) throw new CorpusEmptyError(path);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CorpusBinaryError(path, `contains a NUL byte at offset ${nul}`);
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CorpusBinaryError(path, 'is not valid UTF-8');
  }
  const { text, bomStripped } = stripBom(decoded);
  if (text.length === 0) throw new CorpusEmptyError(path);
  return { source: path, text, bomStripped };
}
