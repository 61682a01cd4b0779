import { buildViewModel, convergenceSpec, leaderboardSpec, renderSvg } from '../index';
import { classResults, ENV } from '../test-helpers/fixtures';

const vm = buildViewModel(classResults(), ENV, { audience: 'student' });
const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;
/** shapes (path or line) drawn by the marks of one vega mark type, e.g. `area` for the error bands */
const shapes = (svg: string, mark: string, layer = '') => [...svg.matchAll(new RegExp(`<g class="mark-${mark} role-mark ${layer}[^"]*"[^>]*>(.*?)</g>`, 'g'))]
  .reduce((n, m) => n + count(m[1], /<(path|line)\b/g), 0);

describe('server-side charts (vega-lite → vega → SVG)', () => {
  test('a convergence figure has a band and a mean line per series and one target rule', async () => {
    const alice = vm.submissions.find((s) => s.name === 'alice')!;
    const svg = await renderSvg(convergenceSpec(alice.convergence[0], 'alice'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(shapes(svg, 'area')).toBe(2);
    expect(shapes(svg, 'line')).toBe(2);
    expect(count(svg, /stroke="#b03a2e"/g)).toBe(1);
    expect(svg).toContain('reference (mean ± std, 3 seeds)');
    expect(svg).toContain('lstm · digit-palindrome · T=10');
  });

  test('without a reference, only the submission is drawn', async () => {
    const ref = vm.submissions.find((s) => s.name === 'reference')!;
    const svg = await renderSvg(convergenceSpec(ref.convergence[0], 'reference'));
    expect(shapes(svg, 'area')).toBe(1);
  });

  test('a configuration whose every run errored before its first evaluation still draws (axes and the reference)', async () => {
    const bob = vm.submissions.find((s) => s.name === 'bob')!;
    const empty = { ...bob.convergence[1], submission: { ...bob.convergence[1].submission, curve: [] } };
    const svg = await renderSvg(convergenceSpec(empty, 'bob'));
    expect(shapes(svg, 'area')).toBe(1);
    expect(svg).toContain('training step');
  });

  test('a chart is one image to assistive technology: role img, named by its title, no roles on its marks', async () => {
    const alice = vm.submissions.find((s) => s.name === 'alice')!;
    const svg = await renderSvg(convergenceSpec(alice.convergence[0], 'alice'));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="lstm · digit-palindrome · T=10"><title>lstm · digit-palindrome · T=10<\/title>/);
    expect(count(svg, /role="/g)).toBe(1);
    expect(count(svg, /aria-roledescription=/g)).toBe(0);
  });

  test('text from submissions is escaped in the SVG', async () => {
    const alice = vm.submissions.find((s) => s.name === 'alice')!;
    const svg = await renderSvg(convergenceSpec(alice.convergence[0], '<script>alert(1)</script>'));
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const board = await renderSvg(leaderboardSpec([{ ...vm.leaderboard[0], name: '<img src=x onerror=alert(1)>' }]));
    expect(board).not.toContain('<img');
  });

  test('the leaderboard puts each submission\'s interval on a log axis', async () => {
    const svg = await renderSvg(leaderboardSpec(vm.leaderboard));
    // bob's runs errored and timed out: he is not ranked
    expect(vm.leaderboard.map((r) => r.name)).toEqual(['alice']);
    expect(vm.unranked).toEqual([{ name: 'bob', slug: 'bob', reason: '2 of 6 training runs errored or timed out' }]);
    expect(svg).toContain('(log scale; &lt; 1 is faster)');
    expect(shapes(svg, 'rule', 'layer_0_marks')).toBe(1);   // one interval per ranked submission
    expect(count(svg, /stroke="#8a8a8a" stroke-dasharray/g)).toBe(1);  // the reference at 1×
  });
});
