import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import JSZip from 'jszip';
import { main as bundleMain } from '../harness/cli/gradescope-bundle';
import { writeBundle } from '../harness/gradescope/bundle';
import { BASE_UID } from '../harness/sandbox/isolation';

const root = join(__dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'harness', 'report', 'schema', 'results.schema.json'), 'utf8'));
/** the uid the sandbox gives lane 0 when the grader runs as root: the one setup.sh names and locks out */
const STUDENT_UID = String(BASE_UID);

/** a student who handed in only the time gate, with a truncating % (a known mistake) */
const TIME_GATE_ONLY = [
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
].join('\n');

function validResults(file: string) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const valid = ajv.validate(schema, results);
  expect(ajv.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  // Gradescope's documented fields
  expect(typeof results.score).toBe('number');
  for (const t of results.tests) {
    expect(typeof t.name).toBe('string');
    expect(['visible', 'hidden', 'after_due_date', 'after_published']).toContain(t.visibility);
    if ('status' in t) expect(['passed', 'failed']).toContain(t.status);
  }
  return results;
}

/**
 * The autograder as Gradescope builds and runs it, replayed in a fresh root standing in for
 * /autograder (AUTOGRADER_ROOT): the zip unpacked into <root>/source, setup.sh run there
 * (npm ci of the zip's own package-lock; Node.js is already installed here), run_autograder
 * copied to <root>/, the student's files in <root>/submission, <root>/results/results.json
 * read back. Nothing is linked into this checkout.
 */
describe('the Gradescope autograder', () => {
  let work: string;
  let zip: JSZip;
  let ag: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netgrade-gradescope-'));
    // the committed project: a checkout being edited may hold tracked files that import files not yet added
    const { out } = await writeBundle({ root, profile: 'quick', out: join(work, 'autograder.zip'), revision: 'HEAD' });
    zip = await JSZip.loadAsync(readFileSync(out));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('has the project at the zip\'s root: setup.sh and run_autograder beside package.json and package-lock.json', () => {
    for (const script of ['setup.sh', 'run_autograder']) {
      const entry = zip.file(script);
      expect(entry).not.toBeNull();
      expect(((entry as JSZip.JSZipObject).unixPermissions as number) & 0o111).toBe(0o111);
    }
    const names = Object.keys(zip.files);
    for (const needed of ['package.json', 'package-lock.json', 'harness/cli/grade.ts', 'harness/contract.ts', 'gradescope/profile', 'gradescope/fallback-results.js']) {
      expect(names).toContain(needed);
    }
    expect(names.filter((n) => n.startsWith('source/'))).toEqual([]);
    expect(names.filter((n) => /^submissions\/example-/.test(n))).toEqual([]);
    expect(names.filter((n) => /^(node_modules|reports|test|\.github)\//.test(n))).toEqual([]);
  });

  it('is written by npm run gradescope:bundle, which refuses a profile that does not exist', async () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts['gradescope:bundle']).toBe('tsx harness/cli/gradescope-bundle.ts');
    const lines: string[] = [];
    expect(await bundleMain(['--profile', 'quick', '--out', join(work, 'cli.zip')], (l) => lines.push(l))).toBe(0);
    expect(existsSync(join(work, 'cli.zip'))).toBe(true);
    expect(lines[0]).toMatch(/^wrote .*cli\.zip \(\d+ files; upload it as the autograder/);
    await expect(writeBundle({ root, profile: 'nope', out: join(work, 'x.zip') }))
      .rejects.toThrow('--profile requires an existing profile (harness/profiles/<name>.json), got "nope"');
  });

  it('builds with setup.sh in a fresh root: the locked dependencies installed, the grader\'s files unreadable to the student\'s user', async () => {
    ag = join(work, 'autograder');
    mkdirSync(ag, { mode: 0o755 });
    chmodSync(work, 0o711);   // like /, which every user may pass through
    for (const [name, entry] of Object.entries(zip.files)) {
      if (entry.dir) continue;
      const target = join(ag, 'source', name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await entry.async('nodebuffer'));
      chmodSync(target, ((entry.unixPermissions as number) ?? 0) & 0o111 ? 0o755 : 0o644);
    }
    const setup = spawnSync('bash', [join(ag, 'source', 'setup.sh')], {
      cwd: join(ag, 'source'),
      env: { ...process.env, AUTOGRADER_ROOT: ag, NETGRADE_NPM_FLAGS: '--prefer-offline', NETGRADE_NO_USERADD: '1' },
      encoding: 'utf8',
      timeout: 540_000,
    });
    expect({ status: setup.status, stderr: setup.status === 0 ? '' : setup.stderr.slice(-2000) }).toEqual({ status: 0, stderr: '' });
    expect(setup.stdout).toContain('setup: done (profile quick)');
    expect(readFileSync(join(ag, 'source', 'setup.sh'), 'utf8')).toContain(`STUDENT_UID=${STUDENT_UID}\n`);
    expect(existsSync(join(ag, 'source', 'node_modules', '@tensorflow', 'tfjs', 'package.json'))).toBe(true);
    expect(existsSync(join(ag, 'source', 'node_modules', 'jest'))).toBe(false);   // no development tools

    // what the submission's user (the sandbox's lane-0 uid) can and cannot read
    const asStudent = (file: string) => spawnSync('setpriv', ['--reuid', STUDENT_UID, '--regid', STUDENT_UID, '--clear-groups', 'cat', file], { encoding: 'utf8' });
    for (const secret of ['reference/index.ts', 'harness/profiles/quick.json', 'gradescope/profile', 'package.json']) {
      const r = asStudent(join(ag, 'source', secret));
      expect({ secret, status: r.status, err: /Permission denied/.test(r.stderr) }).toEqual({ secret, status: 1, err: true });
    }
    expect(asStudent(join(ag, 'source', 'node_modules', '@tensorflow', 'tfjs', 'package.json')).status).toBe(0);
  }, 600_000);

  it('grades <root>/submission offline into a results.json valid for Gradescope and for netgrade\'s schema', () => {
    copyFileSync(join(ag, 'source', 'run_autograder'), join(ag, 'run_autograder'));
    chmodSync(join(ag, 'run_autograder'), 0o755);
    mkdirSync(join(ag, 'submission'), { recursive: true });
    writeFileSync(join(ag, 'submission', 'index.ts'), TIME_GATE_ONLY);
    const stdout = execFileSync(join(ag, 'run_autograder'), [], {
      cwd: ag,
      // no network for npm: a registry that does not exist
      env: { ...process.env, AUTOGRADER_ROOT: ag, CI: 'true', npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true' },
      encoding: 'utf8',
      timeout: 280_000,
    });
    // as root (Gradescope, and this test under CI), the student's code runs as its own unprivileged user
    if (process.getuid?.() === 0) expect(stdout).toMatch(/^isolation: .*own unprivileged user per lane/m);
    const results = validResults(join(ag, 'results', 'results.json'));
    expect(results.max_score).toBeGreaterThan(0);
    expect(results.score).toBeLessThan(results.max_score);
    expect(results.netgrade.result.status).toBe('graded');
    const gate = results.tests.find((t: { name: string }) => t.name.includes('[timeGate.values]'));
    expect(gate).toBeDefined();
    expect(gate.score).toBe(0);
    expect(gate.output).toMatch(/truncat/i);
    // parts the student did not hand in score zero as "not submitted", shown as skipped, never passed
    const notSubmitted = results.tests.filter((t: { output: string }) => /not submitted/i.test(t.output ?? ''));
    expect(notSubmitted.length).toBeGreaterThan(0);
    for (const t of notSubmitted) expect(t.status).not.toBe('passed');
    expect(JSON.stringify(results)).not.toContain(ag);
  }, 300_000);

  it('still writes a valid results.json when grading cannot run', () => {
    rmSync(join(ag, 'results'), { recursive: true, force: true });
    execFileSync(join(ag, 'run_autograder'), [], {
      cwd: ag, env: { ...process.env, AUTOGRADER_ROOT: ag, NETGRADE_PROFILE: 'no-such-profile' }, stdio: 'pipe', timeout: 120_000,
    });
    const results = validResults(join(ag, 'results', 'results.json'));
    expect(results.score).toBe(0);
    expect(results.tests).toHaveLength(1);
    expect(results.tests[0]).toMatchObject({ name: 'netgrade grades the submission', status: 'failed', visibility: 'visible' });
    expect(results.tests[0].output).toMatch(/no-such-profile/);
    expect(results.netgrade.result).toMatchObject({ status: 'load-failed', error: { cause: 'grader-failed' } });
  }, 150_000);
});
