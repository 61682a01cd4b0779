import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import JSZip from 'jszip';
import { writeBundle } from '../harness/gradescope/bundle';

const root = join(__dirname, '..');

/**
 * The autograder as Gradescope runs it: the bundle unpacked into <ROOT>/source, the
 * student's files in <ROOT>/submission, run_autograder → <ROOT>/results/results.json.
 * <ROOT> stands in for /autograder (AUTOGRADER_ROOT); node_modules is linked from this
 * checkout instead of running setup.sh's `npm ci`.
 */
describe('the Gradescope autograder', () => {
  let work: string;
  let zip: JSZip;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netgrade-gradescope-'));
    const { out } = await writeBundle({ root, profile: 'quick', out: join(work, 'autograder.zip') });
    zip = await JSZip.loadAsync(readFileSync(out));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('bundles setup.sh and run_autograder at the top, executable, with the project and no student work', () => {
    for (const script of ['setup.sh', 'run_autograder']) {
      const entry = zip.file(script);
      expect(entry).not.toBeNull();
      expect(((entry as JSZip.JSZipObject).unixPermissions as number) & 0o111).toBe(0o111);
    }
    const names = Object.keys(zip.files);
    for (const needed of ['source/package.json', 'source/package-lock.json', 'source/harness/cli/grade.ts', 'source/harness/contract.ts', 'source/gradescope/profile']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((n) => /^source\/submissions\/example-/.test(n))).toEqual([]);
    expect(names.filter((n) => n.startsWith('source/node_modules/') || n.startsWith('source/reports/'))).toEqual([]);
  });

  it('refuses a profile that does not exist, naming what it wants', async () => {
    await expect(writeBundle({ root, profile: 'nope', out: join(work, 'x.zip') }))
      .rejects.toThrow('--profile requires an existing profile (harness/profiles/<name>.json), got "nope"');
  });

  it('grades /autograder/submission into a results.json that validates against the schema', async () => {
    const ag = join(work, 'autograder');
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      const target = join(ag, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await entry.async('nodebuffer'));
      if (((entry.unixPermissions as number) ?? 0) & 0o111) chmodSync(target, 0o755);
    }
    symlinkSync(join(root, 'node_modules'), join(ag, 'source', 'node_modules'));
    // a student who handed in only the time gate, with a truncating % (a known mistake)
    mkdirSync(join(ag, 'submission'), { recursive: true });
    writeFileSync(join(ag, 'submission', 'index.ts'), [
      "import * as tf from '@tensorflow/tfjs';",
      'export default {',
      "  author: 'Student',",
      '  timeGate: (t: number, p: { tau: number; s: number; rOn: number }) => {',
      '    void tf;',
      '    const phi = ((t - p.s) % p.tau) / p.tau;',
      '    if (phi < p.rOn / 2) return (2 * phi) / p.rOn;',
      '    if (phi < p.rOn) return 2 - (2 * phi) / p.rOn;',
      '    return 0;',
      '  },',
      '};',
    ].join('\n'));
    execFileSync(join(ag, 'run_autograder'), [], {
      env: { ...process.env, AUTOGRADER_ROOT: ag, CI: 'true' },
      stdio: 'pipe',
      timeout: 240_000,
    });
    const results = JSON.parse(readFileSync(join(ag, 'results', 'results.json'), 'utf8'));
    const schema = JSON.parse(readFileSync(join(root, 'harness', 'report', 'schema', 'results.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, results);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(results.max_score).toBeGreaterThan(0);
    expect(results.score).toBeLessThan(results.max_score);
    const gate = results.tests.find((t: { name: string }) => t.name.includes('[timeGate.values]'));
    expect(gate).toBeDefined();
    expect(gate.score).toBe(0);
    expect(gate.output).toMatch(/truncat/i);
    // parts the student did not hand in score zero as "not submitted", they do not crash
    expect(results.tests.some((t: { output: string }) => /not submitted/i.test(t.output ?? ''))).toBe(true);
  }, 300_000);
});
