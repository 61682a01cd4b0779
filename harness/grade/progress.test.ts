import { submissionProgress } from './progress';

describe('the progress line of a grading run', () => {
  it('counts submissions and projects the rest at the pace so far', () => {
    let clock = 0;
    const progress = submissionProgress(29, () => clock);
    clock = 7 * 60_000;                      // 7 graded in 7 minutes: a minute each, 22 left
    for (let i = 0; i < 6; i++) progress.ended(false);
    expect(progress.ended(false)).toBe('graded 7/29 · ETA 22 min');
  });

  it('does not count stored results into the pace, and drops the ETA at the end', () => {
    let clock = 0;
    const progress = submissionProgress(3, () => clock);
    expect(progress.ended(true)).toBe('graded 1/3');          // nothing graded yet: no pace to project
    clock = 30_000;
    expect(progress.ended(false)).toBe('graded 2/3 · ETA 30 s');
    clock = 60_000;
    expect(progress.ended(false)).toBe('graded 3/3');
  });
});
