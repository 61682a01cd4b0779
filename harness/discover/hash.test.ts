import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash, listFiles } from './hash';

describe('contentHash', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'netgrade-hash-'));
    writeFileSync(join(dir, 'index.ts'), 'export default {};\n');
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'lstm.ts'), 'export const x = 1;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is sha256 over the sorted relative paths and bytes (independent derivation)', () => {
    const expected = createHash('sha256');
    for (const [file, text] of [['index.ts', 'export default {};\n'], ['lib/lstm.ts', 'export const x = 1;\n']]) {
      expected.update(`${file}\0${text}\0`);
    }
    expect(contentHash(dir)).toBe(expected.digest('hex'));
  });

  it('changes when a file is edited or renamed, not when it is only touched', () => {
    const before = contentHash(dir);
    utimesSync(join(dir, 'index.ts'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(contentHash(dir)).toBe(before);
    writeFileSync(join(dir, 'lib', 'lstm.ts'), 'export const x = 2;\n');
    const edited = contentHash(dir);
    expect(edited).not.toBe(before);
    renameSync(join(dir, 'lib', 'lstm.ts'), join(dir, 'lib', 'gru.ts'));
    expect(contentHash(dir)).not.toBe(edited);
  });

  it('ignores node_modules and dot-folders', () => {
    const before = contentHash(dir);
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'index.js'), 'module.exports = 1;');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref');
    expect(contentHash(dir)).toBe(before);
    expect(listFiles(dir)).toEqual(['index.ts', 'lib/lstm.ts']);
  });
});
