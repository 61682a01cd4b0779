import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../sandbox/paths';
import { discoverOne } from './find';
import type { DiscoveredSubmission } from './find';
import { cachedTypeCheck, typeCheck } from './typecheck';
import { typeCheckInBackground } from './typecheck-process';

describe('typeCheck against harness/contract.ts', () => {
  let root: string;
  const write = (name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    return join(dir, 'index.ts');
  };
  beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'netgrade-tc-')); });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a submission that satisfies the contract has no warnings (outside the project too)', () => {
    const entry = write('clean', {
      'index.ts': `import * as tf from '@tensorflow/tfjs';
import type { Submission } from '${join(PROJECT_ROOT, 'harness', 'contract')}';
const s: Submission = { author: 'A', models: {}, timeGate: (t) => (t > 0 ? 1 : 0) };
export default { ...s, extra: tf.version };
`,
    });
    expect(typeCheck(entry)).toEqual([]);
  });

  it('type errors become `file:line: message` warnings; a default export off the contract is named', () => {
    const entry = write('typos', {
      'helper.ts': 'export const size: number = 1;\nexport const bad: number = "seven";\n',
      'index.ts': `import { size } from './helper';\nexport default { author: size, timeGate: 3 };\n`,
    });
    const warnings = typeCheck(entry);
    expect(warnings).toContain("helper.ts:2: Type 'string' is not assignable to type 'number'.");
    const contract = warnings.find((w) => w.startsWith('index.ts:default export: does not satisfy the Submission contract'));
    expect(contract).toMatch(/Type 'number' is not assignable to type 'string'/);
    expect(warnings).toHaveLength(2);
  });

  it('in a background process it gives the same warnings, then serves them from the cache by content hash', async () => {
    const entry = write('background', {
      'index.ts': `export default { author: 'B', models: { lstm: { init: 1 } } };\n`,
      'helper.ts': `export const n: number = 'one';\n`,
      'uses.ts': `import { n } from './helper';\nexport const m: string = n;\n`,
    });
    writeFileSync(entry, `import { m } from './uses';\nexport default { author: m, models: { lstm: { init: 1 } } };\n`);
    const sub = discoverOne(join(entry, '..')) as DiscoveredSubmission;
    rmSync(join(PROJECT_ROOT, '.netgrade-cache', 'typecheck', `${sub.hash}.json`), { force: true });
    expect(cachedTypeCheck(sub)).toBeUndefined();
    const warnings = await typeCheckInBackground(sub);
    expect(warnings).toContain("helper.ts:1: Type 'string' is not assignable to type 'number'.");
    expect(warnings).toContain("uses.ts:2: Type 'number' is not assignable to type 'string'.");
    expect(warnings.some((w) => w.startsWith('index.ts:default export: does not satisfy the Submission contract'))).toBe(true);
    expect(cachedTypeCheck(sub)).toEqual(warnings);
    expect(await typeCheckInBackground(sub)).toEqual(warnings);
  });

  it('submissions checked at once by parallel lanes each get their own warnings', async () => {
    const subs = [['wrong', 'number'], ['right', 'string']].map(([name, type]) => discoverOne(join(write(`lanes-${name}`, {
      'index.ts': `export const ${name}: ${type} = '${name}';\nexport default { author: 'L' };\n`,
    }), '..')) as DiscoveredSubmission);
    for (const sub of subs) rmSync(join(PROJECT_ROOT, '.netgrade-cache', 'typecheck', `${sub.hash}.json`), { force: true });
    const [wrong, right] = await Promise.all(subs.map((sub) => typeCheckInBackground(sub)));
    expect(wrong).toEqual(["index.ts:1: Type 'string' is not assignable to type 'number'."]);
    expect(right).toEqual([]);
  });

  it('a .js submission is not type-checked', () => {
    const entry = write('plain-js', { 'index.js': 'module.exports = { models: {} };\n' });
    expect(typeCheck(entry.replace(/\.ts$/, '.js'))).toEqual([]);
  });
});
