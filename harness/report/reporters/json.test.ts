import Ajv from 'ajv';
import schema from '../schema/results.schema.json';
import { compareRuns } from '../../stats';
import { buildViewModel, resultsJson, type Audience } from '../index';
import { classResults, ENV, goodResult } from '../test-helpers/fixtures';

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

function jsonFor(audience: Audience, results = classResults()) {
  const vm = buildViewModel(results, ENV, { audience });
  // Round-trip through text, as Gradescope and `report --merge` read it.
  return vm.submissions.map((s) => JSON.parse(JSON.stringify(resultsJson(s, vm))));
}

describe('results.json', () => {
  test.each(['student', 'instructor'] as const)('validates against the committed schema (%s)', (audience) => {
    for (const json of jsonFor(audience)) {
      const ok = validate(json);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  test('a comparison as compareRuns stores it, with its Hodges–Lehmann headline, validates; a malformed headline does not', () => {
    const runs = (steps: number[]) => steps.map((s) => ({ steps: s }));
    const { a: _a, b: _b, test: _test, ...stored } = compareRuns(runs([560, 610, 700]), runs([400, 420, 450]), { budget: 2000 });
    const [json] = jsonFor('instructor', [{ ...goodResult(), comparisons: [{ model: 'lstm', dataset: 'digit-palindrome', T: 10, ...stored }] }]);
    expect(json.netgrade.result.comparisons[0].hodgesLehmann).toMatchObject({ method: 'exact', ci: [expect.any(Number), expect.any(Number)] });
    expect(validate(json)).toBe(true);
    json.netgrade.result.comparisons[0].hodgesLehmann.method = 'bootstrap';
    expect(validate(json)).toBe(false);
  });

  test('the schema rejects what Gradescope would reject', () => {
    const [json] = jsonFor('student', [goodResult()]);
    expect(validate({ ...json, tests: [{ ...json.tests[0], visibility: 'secret' }] })).toBe(false);
    const { max_score: _dropped, ...noMax } = json.tests[0];
    expect(validate({ ...json, tests: [noMax] })).toBe(false);
    expect(validate({ ...json, score: '15' })).toBe(false);
  });

  test('carries the Gradescope fields: total score, one test per check, sums that agree', () => {
    const [json] = jsonFor('instructor', [goodResult()]);
    const good = goodResult();
    expect(json.score).toBe(good.score);
    expect(json.max_score).toBe(good.maxScore);
    expect(json.tests).toHaveLength(good.checks.length);
    const sum = (key: 'score' | 'max_score') => json.tests.reduce((s: number, t: Record<string, number>) => s + t[key], 0);
    expect(sum('score')).toBe(good.score);
    expect(sum('max_score')).toBe(good.maxScore);
    const peep = json.tests.find((t: { name: string }) => t.name.includes('[peepLSTM.forward.T10]'));
    expect(peep).toMatchObject({ score: 0, max_score: 2, status: 'failed', visibility: 'visible', output_format: 'text' });
    expect(peep.output).toContain('Diagnosis: matches the peephole LSTM with tanh cell input');
    expect(peep.output).toContain('Hint: The 2020 peephole cell input uses a sigmoid, not tanh.');
    expect(json.leaderboard).toEqual([{ name: 'Convergence steps vs reference (×)', value: expect.any(Number), order: 'asc' }]);
  });

  test('hidden checks: students get the name and score only; visibility defers them to publication', () => {
    const [student] = jsonFor('student', [goodResult()]);
    const [instructor] = jsonFor('instructor', [goodResult()]);
    const hidden = (j: { tests: Array<{ name: string }> }) => j.tests.find((t) => t.name.includes('lstm.hidden'))!;
    expect(hidden(student)).toMatchObject({ score: 0, max_score: 2, visibility: 'after_published' });
    expect(JSON.stringify(student)).not.toMatch(/SECRET/);
    expect(hidden(instructor)).toMatchObject({ visibility: 'after_published' });
    expect(JSON.stringify(hidden(instructor))).toContain('SECRET-EXPECTED-VALUE');
    expect(instructor.netgrade.result.checks.find((c: { id: string }) => c.id === 'lstm.hidden.long-sequence').hint).toBe('SECRET-HINT');
  });

  test('the visibility of hidden checks is the instructor\'s choice', () => {
    const vm = buildViewModel([goodResult()], ENV, { audience: 'student' });
    const json = resultsJson(vm.submissions[0], vm, { hiddenVisibility: 'hidden' });
    expect(json.tests.filter((t) => t.visibility === 'hidden').map((t) => t.extra_data.id)).toEqual(['lstm.hidden.long-sequence', 'textGenerator.temperature']);
    expect(json.tests.filter((t) => t.visibility === 'visible')).toHaveLength(9);
  });

  test('status: passed only when nothing was lost; a skipped check worth points is failed', () => {
    const bob = jsonFor('instructor').find((j) => j.netgrade.result.submission.name === 'bob')!;
    const status = (id: string) => bob.tests.find((t: { extra_data: { id: string } }) => t.extra_data.id === id).status;
    expect([status('lstm.forward.T10'), status('gcn.forward'), status('gru.forward.T10'), status('peepLSTM.forward.T10')])
      .toEqual(['passed', 'failed', 'failed', 'failed']);
  });

  test('a load failure becomes a visible first test that says why', () => {
    const json = jsonFor('student').find((j) => j.netgrade.result.submission.name === 'carol')!;
    expect(json.tests[0]).toMatchObject({ name: 'Submission loads', status: 'failed', visibility: 'visible' });
    expect(json.tests[0].output).toContain("SyntaxError: Unexpected token '}'");
    expect(json.output).toContain('could not be loaded');
  });
});
