/**
 * Issue 16: every output works in the tool it is made for, judged by that tool's rules —
 * JUnit by Jenkins xUnit's junit-10.xsd (xmllint), HTML by the Nu HTML Checker and by
 * axe-core in Chromium, results.json by netgrade's schema and Gradescope's documented
 * fields, the GitHub step summary by its 1 MiB limit — on a run with every kind of failure
 * and on a generated class of 60 submissions. Expected values come from the tools.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { chromium, type BrowserContext } from 'playwright-core';
import { buildViewModel, classSummaryMarkdown, stepSummary, STEP_SUMMARY_LIMIT, writeReports } from '../harness/report';
import schema from '../harness/report/schema/results.schema.json';
import {
  ENV, everyFailureResult, generatedClass, goodResult, hostileTextResult, LOCAL_ROOT, loadFailedResult, referenceResult,
} from '../harness/report/test-helpers/fixtures';
import { axeViolations, CHROMIUM, CHROMIUM_ARGS, vnuErrors, xmllintErrors } from '../harness/report/test-helpers/validators';

const CLASS_SIZE = 60;
let work: string;
let failuresRun: string[];   // the every-kind-of-failure run, both audiences
let classRun: string;        // the generated class
const all: Record<'html' | 'junit' | 'json', string[]> = { html: [], junit: [], json: [] };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'netgrade-validators-'));
  const failures = [referenceResult(), goodResult(), everyFailureResult(), loadFailedResult(), hostileTextResult()];
  failuresRun = [];
  for (const audience of ['student', 'instructor'] as const) {
    const dir = join(work, `failures-${audience}`);
    await writeReports(dir, failures, ENV, { audience });
    failuresRun.push(dir);
  }
  classRun = join(work, 'class');
  await writeReports(classRun, generatedClass(CLASS_SIZE), ENV, { audience: 'instructor' });
  for (const dir of [...failuresRun, classRun]) {
    for (const f of filesUnder(dir)) {
      if (f.endsWith('.html')) all.html.push(f);
      if (f.endsWith('junit.xml')) all.junit.push(f);
      if (f.endsWith('results.json')) all.json.push(f);
    }
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the runs cover every kind of failure and a class of 60', () => {
  expect(all.junit.length).toBe(2 * 5 + CLASS_SIZE + 1);
  expect(all.html.length).toBe(2 * 6 + CLASS_SIZE + 2);
});

describe('JUnit', () => {
  test('every junit.xml validates against Jenkins xUnit\'s junit-10.xsd (xmllint)', () => {
    expect(xmllintErrors(all.junit)).toEqual([]);
  });

  test('skip reasons are in the element text too; names and messages are single, bounded lines', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testcase' });
    let skips = 0;
    for (const f of all.junit) {
      const cases = parser.parse(readFileSync(f, 'utf8')).testsuites.testsuite.testcase as Array<Record<string, { message?: string; '#text'?: string } | string>>;
      for (const c of cases) {
        expect(String(c.name)).not.toMatch(/\n/);
        expect(String(c.name).length).toBeLessThanOrEqual(200);
        const skipped = c.skipped as { message?: string; '#text'?: string } | undefined;
        if (skipped) {
          skips++;
          expect(skipped['#text']?.trim()).toBeTruthy();
        }
        for (const key of ['failure', 'error', 'skipped']) {
          const m = (c[key] as { message?: string } | undefined)?.message;
          if (m !== undefined) { expect(m).not.toMatch(/\n/); expect(m.length).toBeLessThanOrEqual(500); }
        }
      }
    }
    expect(skips).toBeGreaterThan(20);
  });
});

describe('HTML', () => {
  test('the Nu HTML Checker finds no error in any page', () => {
    const errors = vnuErrors(all.html).map((m) => `${m.url.replace(/^file:.*?validators-[^/]+\//, '')}: ${m.message}`);
    expect(errors).toEqual([]);
  }, 180_000);

  describe('axe-core in Chromium', () => {
    let profile: string;
    let context: BrowserContext;
    beforeAll(async () => {
      profile = mkdtempSync(join(tmpdir(), 'netgrade-axe-'));
      context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 900 } });
    }, 60_000);
    afterAll(async () => {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
    });

    test('finds no serious or critical violation on the failure run\'s pages and the class overview', async () => {
      const pages = [...all.html.filter((f) => failuresRun.some((d) => f.startsWith(d))), join(classRun, 'index.html')];
      const violations = await axeViolations(context, pages);
      expect(violations.map((v) => `${v.file.slice(work.length)}: ${v.impact} ${v.id} (${v.nodes}) ${v.help}`)).toEqual([]);
    }, 180_000);
  });

  test('no report names an absolute local path', () => {
    for (const dir of [...failuresRun, classRun]) {
      for (const f of filesUnder(dir)) {
        const text = readFileSync(f, 'utf8');
        expect({ f: f.slice(work.length), root: text.includes(LOCAL_ROOT), tmp: text.includes(`${tmpdir()}/`) }).toEqual({ f: f.slice(work.length), root: false, tmp: false });
      }
    }
  });
});

/**
 * Gradescope's documented results.json fields (gradescope-autograders.readthedocs.io, "Autograder
 * Specifications"): the values each field may take, checked independently of netgrade's own schema.
 */
const GRADESCOPE = {
  visibility: ['hidden', 'after_due_date', 'after_published', 'visible'],
  format: ['text', 'html', 'simple_format', 'md', 'ansi'],
  status: ['passed', 'failed'],
};
function gradescopeProblems(json: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => { if (!ok) problems.push(what); };
  want(typeof json.score === 'number', 'score is a number');
  for (const k of ['visibility', 'stdout_visibility'] as const) if (k in json) want(GRADESCOPE.visibility.includes(json[k] as string), `${k} is a visibility`);
  if ('output_format' in json) want(GRADESCOPE.format.includes(json.output_format as string), 'output_format is a format');
  want(Array.isArray(json.tests), 'tests is an array');
  for (const t of json.tests as Array<Record<string, unknown>>) {
    want(typeof t.score === 'number' && typeof t.max_score === 'number', `${t.name}: score and max_score are numbers`);
    want(typeof t.name === 'string' && (t.name as string).length > 0, 'a test has a name');
    if ('status' in t) want(GRADESCOPE.status.includes(t.status as string), `${t.name}: status is passed or failed`);
    if ('visibility' in t) want(GRADESCOPE.visibility.includes(t.visibility as string), `${t.name}: visibility`);
    if ('output_format' in t) want(GRADESCOPE.format.includes(t.output_format as string), `${t.name}: output_format`);
  }
  return problems;
}

describe('results.json', () => {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

  test('validates against netgrade\'s schema and Gradescope\'s documented fields', () => {
    for (const f of all.json) {
      const json = read(f);
      expect({ f, ok: validate(json), errors: validate.errors ?? [] }).toEqual({ f, ok: true, errors: [] });
      expect({ f, problems: gradescopeProblems(json) }).toEqual({ f, problems: [] });
    }
  });

  test('Gradescope shows a skipped check as skipped, never passed; a failure states expected and actual once; a hint adds something', () => {
    let skipped = 0;
    let failures = 0;
    for (const f of all.json) {
      const json = read(f);
      for (const t of json.tests) {
        const check = json.netgrade.result.checks.find((c: { id: string }) => c.id === t.extra_data.id);
        if (t.extra_data.status === 'skipped') {
          skipped++;
          expect(t.status).not.toBe('passed');
          expect(t.name).toMatch(/\(skipped\)$/);
          if (t.max_score === 0) expect(t.visibility).toBe('hidden');
        }
        if (t.extra_data.status === 'failed' && check?.actual) {
          failures++;
          expect((t.output.match(/^Expected: /gm) ?? []).length).toBe(1);
          expect((t.output.match(/^Actual: /gm) ?? []).length).toBe(1);
          expect(t.output.split(check.actual).length - 1).toBeLessThanOrEqual(1);
          const hint = (t.output.match(/^Hint: (.*)$/m) ?? [])[1];
          if (hint) expect(hint.includes(check.actual)).toBe(false);
        }
      }
    }
    expect(skipped).toBeGreaterThan(20);
    expect(failures).toBeGreaterThan(20);
  });
});

describe('the GitHub step summary of a class', () => {
  test(`stays under 1 MiB: measured on ${CLASS_SIZE} submissions and on 500`, () => {
    const names = readdirSync(classRun).filter((n) => n.startsWith('student-') || n === 'reference').sort();
    const compact = Buffer.byteLength(stepSummary(classRun, names, { artifactUrl: 'https://example.invalid/artifact' }));
    const perRow = (compact - Buffer.byteLength(classSummaryMarkdown(buildViewModel([], ENV, { audience: 'instructor' })))) / names.length;
    const detailed = Buffer.byteLength(stepSummary(classRun, names, { details: true }));
    const vm500 = buildViewModel(generatedClass(500), ENV, { audience: 'instructor' });
    const rows500 = Buffer.byteLength(classSummaryMarkdown(vm500));
    console.log(`step summary: ${CLASS_SIZE + 1} rows ${compact} B (${perRow.toFixed(0)} B a row → 500 rows ≈ ${(perRow * 500 / 1024).toFixed(0)} KiB); 501 rows generated ${rows500} B; with details ${detailed} B`);
    expect(compact).toBeLessThan(STEP_SUMMARY_LIMIT / 10);
    expect(rows500).toBeLessThan(STEP_SUMMARY_LIMIT / 4);
    expect(detailed).toBeLessThan(STEP_SUMMARY_LIMIT);
    expect(vm500.submissions).toHaveLength(501);
  }, 60_000);
});
