import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildViewModel, junitXml, type Audience } from '../index';
import { everyFailureResult, ENV, failed, goodResult, loadFailedResult } from '../test-helpers/fixtures';
import { MESSAGE_LIMIT, NAME_LIMIT } from './junit';
import type { SubmissionResult } from '../../results/types';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testcase', 'property'].includes(name) });

function xmlFor(result: SubmissionResult, audience: Audience = 'instructor'): string {
  const vm = buildViewModel([result], ENV, { audience });
  return junitXml(vm.submissions[0], vm);
}

type Case = { name: string; classname: string; failure?: { type: string; message: string; '#text': string }; error?: { type: string; message: string }; skipped?: { message: string } };

describe('junit.xml', () => {
  test('is well-formed XML, one testcase per check, with failures, errors and skips mapped', () => {
    const xml = xmlFor(everyFailureResult());
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = parser.parse(xml).testsuites.testsuite;
    const cases: Case[] = suite.testcase;
    expect(cases).toHaveLength(everyFailureResult().checks.length);
    expect(suite).toMatchObject({ name: 'bob', tests: '11', failures: '3', errors: '3', skipped: '4' });
    const byId = (id: string) => cases.find((c) => c.name.endsWith(`[${id}]`))!;
    expect(byId('lstm.gradients').failure?.type).toBe('lstm.grad.missing-clip');
    expect(byId('gru.forward.T10').error?.type).toBe('threw');
    expect(byId('peepLSTM.forward.T10').error?.type).toBe('timed-out');
    expect(byId('gcn.forward').skipped?.message).toContain('not submitted');
    expect(byId('lstm.forward.T10')).not.toHaveProperty('failure');
    expect(byId('lstm.gradients').classname).toBe('netgrade.bob.part1.lstm');
  });

  test('escapes markup and drops control characters from student text', () => {
    const xml = xmlFor(everyFailureResult());
    expect(xml).not.toContain('<b>bold</b>');
    const cases: Case[] = parser.parse(xml).testsuites.testsuite.testcase;
    const gradients = cases.find((c) => c.name.endsWith('[lstm.gradients]'))!;
    expect(gradients.failure?.['#text']).toContain('"<b>bold</b>" & co');
    expect(xml).not.toMatch(/\u0007/);
  });

  test('long names and messages are trimmed to one bounded line, the element text keeps the detail', () => {
    const long = failed(
      { id: 'lstm.long', title: `LSTM ${'very '.repeat(100)}long title`, part: 'part1', subject: 'lstm', points: 1 },
      { expected: 'e'.repeat(3000), actual: `first line\n${'a'.repeat(3000)}` },
    );
    const cases: Case[] = parser.parse(xmlFor({ ...goodResult(), checks: [long] })).testsuites.testsuite.testcase;
    expect(cases[0].name.length).toBeLessThanOrEqual(NAME_LIMIT);
    expect(cases[0].name).toMatch(/ … \[\d+ more characters\] \[lstm\.long\]$/);
    const failure = cases[0].failure as { message: string; '#text': string };
    expect(failure.message.length).toBe(MESSAGE_LIMIT);
    expect(failure.message).not.toMatch(/\n/);
    expect(failure['#text']).toContain(`Actual:   first line\n${'a'.repeat(3000)}`);
  });

  test('records the reproducibility facts as properties', () => {
    const props: Array<{ name: string; value: string }> = parser.parse(xmlFor(goodResult())).testsuites.testsuite.properties.property;
    const get = (n: string) => props.find((p) => p.name === n)?.value;
    expect(get('submission.hash')).toBe('sha256-alice-0123456789abcdef');
    expect(get('harness.commit')).toBe('abc123def456');
    expect(get('seeds')).toBe('1, 2, 3');
    expect(get('backend')).toBe('wasm (cpu)');
  });

  test('hidden checks show students only the name and the score', () => {
    const student = xmlFor(goodResult(), 'student');
    expect(student).not.toMatch(/SECRET/);
    const hidden = (parser.parse(student).testsuites.testsuite.testcase as Case[]).find((c) => c.name.includes('lstm.hidden'))!;
    expect(hidden.failure?.message).toBe('hidden check: 0/2 points');
    expect(xmlFor(goodResult(), 'instructor')).toContain('SECRET-EXPECTED-VALUE');
  });

  test('a load failure is an error testcase ahead of the checks', () => {
    const xml = xmlFor(loadFailedResult());
    expect(XMLValidator.validate(xml)).toBe(true);
    const cases: Case[] = parser.parse(xml).testsuites.testsuite.testcase;
    expect(cases[0]).toMatchObject({ name: 'submission loads', error: { type: 'load-failed' } });
  });
});
