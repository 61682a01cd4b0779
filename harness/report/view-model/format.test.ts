import { homedir, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { clean, escapeMarkdown, truncate, withoutLocalPaths } from './format';
import { novelHint } from './checks';

const PROJECT = resolve(__dirname, '..', '..', '..');

describe('clean', () => {
  test('removes CSI (colours, cursor moves, screen clears; 7- and 8-bit), OSC (hyperlinks, titles) and bells', () => {
    expect(clean('\u001b[31mred\u001b[0m \u001b[2J\u001b[Hhome \u001b[1A\u001b[Kup \u009b1mbold')).toBe('red home up bold');
    expect(clean('\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007 \u001b]0;title\u001b\\x')).toBe('link x');
    expect(clean('a\u0007b\u0000c\u007fd\u0085e')).toBe('abcde');
    expect(clean('\u001b(Bcharset \u001b=keypad')).toBe('charset keypad');
  });
  test('keeps newlines and tabs; CRLF and a lone CR become newlines (a CR could overwrite a printed line)', () => {
    expect(clean('a\tb\nc\r\nd\re')).toBe('a\tb\nc\nd\ne');
  });
  test('replaces this machine\'s absolute paths: the project by ".", home by "~", the temp folder by "<tmp>"', () => {
    expect(clean(`at f (${PROJECT}/submissions/bob/index.ts:4:2)`)).toBe('at f (./submissions/bob/index.ts:4:2)');
    // an escape sequence inside a path does not hide it
    expect(clean(`${PROJECT.slice(0, 3)}\u001b[0m${PROJECT.slice(3)}/x`)).toBe('./x');
    expect(withoutLocalPaths(`${tmpdir()}/x and ${homedir()}/.npm`)).toBe('<tmp>/x and ~/.npm');
    // any other absolute path keeps its last part only; URLs, relative paths and ratios stay
    expect(withoutLocalPaths('unknown (not recorded in /results/shard-0)')).toBe('unknown (not recorded in …/shard-0)');
    expect(withoutLocalPaths('at /opt/elsewhere/lib/file.js:3')).toBe('at …/file.js:3');
    // a sibling folder that merely starts like the project is not the project (wherever the clone is: CI may clone under /tmp)
    const sibling = withoutLocalPaths(`at ${PROJECT}-other/lib/file.js:3`);
    expect(sibling).not.toMatch(/^at \.(-other|\/)/);
    expect(sibling).toMatch(/file\.js:3$/);
    expect(withoutLocalPaths('see http://evil.example/a/b and ./submissions/bob/x.ts, 1/3 of T/2, / τ')).toBe('see http://evil.example/a/b and ./submissions/bob/x.ts, 1/3 of T/2, / τ');
  });
});

describe('escapeMarkdown', () => {
  test('links, images, HTML, emphasis, code, pipes, entities and strikethrough show as the characters written', () => {
    expect(escapeMarkdown('[a](u) ![i](u) <b>x</b> **b** _e_ `c` |p| &lt; ~~s~~'))
      .toBe('\\[a\\](u) !\\[i\\](u) \\<b\\>x\\</b\\> \\*\\*b\\*\\* \\_e\\_ \\`c\\` \\|p\\| \\&lt; \\~\\~s\\~\\~');
  });
  test('what starts a block only at a line start: headings, list items, ordered items', () => {
    expect(escapeMarkdown('# h\n- x\n+ y\n12. z\n3) w\nT-1 = 2')).toBe('\\# h\n\\- x\n\\+ y\n12\\. z\n3\\) w\nT-1 = 2');
  });
});

test('truncate keeps the start and says how much was cut, within the limit', () => {
  const long = 'x'.repeat(1000);
  const cut = truncate(long, 100);
  expect(cut.length).toBe(100);
  expect(cut.endsWith(' … [900 more characters]')).toBe(true);
  expect(truncate('short', 100)).toBe('short');
});

describe('novelHint', () => {
  test('drops the clauses that repeat what the report already says', () => {
    expect(novelHint('max |Δ| = 0.21: compare the forget gate', ['max |Δ| = 0.21'])).toBe('compare the forget gate');
    expect(novelHint('seed 0 twice gave different parameters (seed every op)', ['seed 0 twice gave different parameters (seed every op)'])).toBeNull();
  });
  test('keeps a hint that adds something', () => {
    expect(novelHint('Use mod(t − s, τ) / τ for the phase φ(t).', ['k(5) = 0.5'])).toBe('Use mod(t − s, τ) / τ for the phase φ(t).');
  });
});
