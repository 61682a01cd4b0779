import { buildViewModel, summaryMarkdown, type Audience } from '../index';
import { everyFailureResult, ENV, failed, goodResult } from '../test-helpers/fixtures';
import { DETAILED_LOST_CHECKS, MARKDOWN_LIMIT } from './markdown';
import type { SubmissionResult } from '../../results/types';

function md(result: SubmissionResult, audience: Audience = 'instructor'): string {
  const vm = buildViewModel([result], ENV, { audience });
  return summaryMarkdown(vm.submissions[0], vm);
}

describe('summary.md', () => {
  test('heads with the score and lists lost points with expected, actual, diagnosis and hint', () => {
    const text = md(goodResult());
    expect(text.split('\n')[0]).toBe('## 🟡 netgrade: alice — 15 / 19 points (78.9%)');
    expect(text).toContain('| Part 1 — recurrent sequence classifiers | 8 / 12 | 7 |');
    expect(text).toContain('**Diagnosis:** matches the peephole LSTM with tanh cell input');
    expect(text).toContain('**How to fix it:** The 2020 peephole cell input uses a sigmoid, not tanh.');
    expect(text).toMatch(/lstm on digit-palindrome \(T=10\) reaches 0\.9 accuracy in 0\.80×/);
    expect(text).toContain('| submission hash | `sha256-alice-0123456789abcdef` |');
  });

  test('table cells escape pipes and markup so the table stays a table', () => {
    const text = md(everyFailureResult());
    const row = text.split('\n').find((l) => l.includes('`timeGate.values`') && l.startsWith('|'))!;
    expect(row).toContain('k(5) = 0.5 \\| pipes \\| in \\| text');
    expect(row).toContain('\\<open/closed\\> phases \\& leak');
    expect(text).toContain('⚠️ lstm · binary-palindrome · T=20: seed 1: diverged');
  });

  test('points lost name the models not handed in, one line each, before the failed checks', () => {
    const text = md(everyFailureResult());
    const lost = text.slice(text.indexOf('### Points lost'));
    expect(lost).toContain('- ⏭️ **gcn (1 check)** — −2 of 2: not submitted: the default export has no models.gcn');
    expect(lost).toContain('- ⏭️ **textGenerator (2 checks)** — −3 of 3: not submitted: the default export has no models.textGenerator');
    expect(lost.indexOf('⏭️ **gcn')).toBeLessThan(lost.indexOf('<details>'));
    // students: a model whose hidden check is redacted is listed check by check
    const student = md(everyFailureResult(), 'student');
    expect(student).toContain('- ⏭️ **Text generator step matches forward** — −2 of 2: not submitted: the default export has no models.textGenerator');
    expect(student).toContain('- ⏭️ **Temperature sampling convention (hidden)** — −1 of 1: skipped (hidden check)');
  });

  test('hidden checks show students only the name and the score', () => {
    const student = md(goodResult(), 'student');
    expect(student).not.toMatch(/SECRET/);
    expect(student).toContain('- ❌ **LSTM on T=100 (hidden)** `lstm.hidden.long-sequence` — 0/2 (hidden check)');
    expect(md(goodResult(), 'instructor')).toContain('SECRET-HINT');
  });
});

test('stays under GitHub\'s comment limit when a submission fails everything verbosely', () => {
  const many = Array.from({ length: 80 }, (_, i) => failed(
    { id: `lstm.case${i}`, title: `LSTM case ${i}`, part: 'part1', subject: 'lstm', points: 1 },
    { expected: 'x'.repeat(1500), actual: 'y'.repeat(1500) },
  ));
  const text = md({ ...goodResult(), checks: many });
  expect(text.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
  expect((text.match(/<details><summary>❌/g) ?? []).length).toBe(DETAILED_LOST_CHECKS);
  expect(text).toContain(`${80 - DETAILED_LOST_CHECKS} more checks lost points (details in \`report.html\`)`);
  expect(text).toContain('- ❌ **LSTM case 79** `lstm.case79` — 0/1');
  expect(text).toContain('_The table of all 80 checks is in `report.html`');
  expect(text).not.toContain('<summary>All checks</summary>');
});
