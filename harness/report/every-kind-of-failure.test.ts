/**
 * A run with every kind of failure — a submission that does not load, checks that fail
 * with and without a diagnosis, throw, time out or are skipped, training runs that are
 * censored, diverge, error or time out — renders every format without a template error.
 * Templates compile in Handlebars' strict mode, so a missing field would throw here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildViewModel, writeReports, type Reporter } from './index';
import { renderHtml } from './templates';
import { ENV, everyFailureResult, loadFailedResult, referenceResult } from './test-helpers/fixtures';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'netgrade-failures-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test.each(['student', 'instructor'] as const)('renders every format for every kind of failure (%s)', async (audience) => {
  const { files } = await writeReports(dir, [referenceResult(), everyFailureResult(), loadFailedResult()], ENV, { audience });
  const expected = ['index.html', 'class-summary.md', ...['reference', 'bob', 'carol'].flatMap((n) =>
    ['report.html', 'summary.md', 'junit.xml', 'results.json'].map((f) => `${n}/${f}`))];
  expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(expected.sort());

  const bob = readFileSync(join(dir, 'bob', 'report.html'), 'utf8');
  for (const text of ['timed out', 'error', 'skipped', 'censored: target 0.9 not reached within 1000 steps',
    'diverged: the loss became NaN or infinite', 'matches gradients without the f(t) term']) {
    expect(bob).toContain(text);
  }
  expect((bob.match(/<svg/g) ?? []).length).toBe(2);
  const carol = readFileSync(join(dir, 'carol', 'report.html'), 'utf8');
  expect(carol).toContain('The submission could not be loaded');
  expect(carol).toContain('SyntaxError: Unexpected token &#x27;}&#x27;');
  // a submission without runs has no convergence section and no charts
  expect(carol).not.toContain('<svg');
  expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('load-failed');
});

test('templates are strict: a missing field is an error, not a blank', () => {
  const vm = buildViewModel([everyFailureResult()], ENV, { audience: 'instructor' });
  const { reproducibility: _dropped, ...withoutRepro } = vm.submissions[0];
  const context = { pageTitle: 't', audience: 'instructor', generatedAt: vm.generatedAt, reference: null, s: { ...withoutRepro, convergence: [] } };
  expect(() => renderHtml('submission.hbs', context)).toThrow(
    /report template requires a defined value for \{\{#with\}\} at line \d+, got undefined/);
  const { score: _score, ...withoutScore } = vm.submissions[0];
  expect(() => renderHtml('submission.hbs', { ...context, s: { ...withoutScore, convergence: [] } })).toThrow(/"score" not defined/);
});

test('a failing reporter names itself; reporters see a frozen view model', async () => {
  const seen: boolean[] = [];
  const spy: Reporter = { name: 'spy', onRun: (vm) => { seen.push(Object.isFrozen(vm) && Object.isFrozen(vm.submissions[0])); return [{ path: 'spy.txt', contents: 'ok' }]; } };
  const broken: Reporter = { name: 'broken', onSubmission: () => { throw new Error('boom'); } };
  await writeReports(dir, [everyFailureResult()], ENV, { audience: 'student', reporters: [spy] });
  expect(seen).toEqual([true]);
  expect(readFileSync(join(dir, 'spy.txt'), 'utf8')).toBe('ok');
  await expect(writeReports(dir, [everyFailureResult()], ENV, { audience: 'student', reporters: [broken] })).rejects.toThrow('the broken reporter failed: boom');
  const escaping: Reporter = { name: 'escaping', onRun: () => [{ path: '../outside.txt', contents: 'x' }] };
  await expect(writeReports(dir, [], ENV, { audience: 'student', reporters: [escaping] })).rejects.toThrow(/requires paths inside/);
  expect(existsSync(join(dir, '..', 'outside.txt'))).toBe(false);
});
