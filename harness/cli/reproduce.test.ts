/**
 * `npm run reproduce` at the quick scale, into a temporary folder: it writes the page, the
 * figures and the data, the table has one row per claim, `--only` keeps the other
 * reproductions' data, and a bad argument names what was expected.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './reproduce';
import { CLAIMS } from '../reproduce';

jest.setTimeout(60_000);

describe('npm run reproduce -- --scale quick', () => {
  const out = mkdtempSync(join(tmpdir(), 'netgrade-reproduce-'));
  const store = mkdtempSync(join(tmpdir(), 'netgrade-reproduce-store-'));
  const lines: string[] = [];
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  beforeAll(async () => {
    expect(await main(['--scale', 'quick', '--out', out, '--store', store, '--no-pytorch'], (l) => lines.push(l))).toBe(0);
  });

  it('writes README.md, index.html, the figures and one data file per reproduction', () => {
    expect(existsSync(join(out, 'README.md'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/html>\n$/);
    const figures = readdirSync(join(out, 'figures'));
    expect(figures).toEqual(expect.arrayContaining(['2020-DE-L10.svg', '2020-DE-L20.svg', '2018-accuracy-vs-length.svg', '2018-vanillaRNN.svg', '2018-lstm.svg', 'text-grimm.svg']));
    for (const f of figures) expect(readFileSync(join(out, 'figures', f), 'utf8')).toMatch(/^<svg[\s\S]*role="img"/);
    expect(readdirSync(join(out, 'data')).sort()).toEqual(['2018.json', '2020-DE-pytorch.json', '2020-DE.json', 'text-grimm.json']);
  });

  it('has one table row per claim, each with a verdict', () => {
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    for (const claim of CLAIMS) {
      const rows = readme.split('\n').filter((l) => l.startsWith(`| ${claim.id} |`));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/(agrees|disagrees|not run)/);
    }
    expect(readme).toContain('not asked for (--no-pytorch)');
  });

  it('records what the quick scale changed, and the time each reproduction took', () => {
    const data = JSON.parse(readFileSync(join(out, 'data', '2020-DE.json'), 'utf8'));
    expect(data.scaled).toEqual(expect.arrayContaining([{ key: 'steps', course: '3000', used: '20', why: expect.any(String) }]));
    expect(data.runs).toHaveLength(4); // lstm and peepLSTM × L = 10, 20 × seed 0
    expect(data.runs.every((r: { curve: unknown[] }) => r.curve.length === 3)).toBe(true); // steps 0, 10, 20: the whole budget
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/\| 2018 \| quick \| 8 \| \d/);
  });

  it('--only re-runs one reproduction and keeps the others\' data', async () => {
    const before = readFileSync(join(out, 'data', 'text-grimm.json'), 'utf8');
    const earlier = JSON.parse(readFileSync(join(out, 'data', '2018.json'), 'utf8')).startedAt;
    expect(await main(['--only', '2018', '--scale', 'quick', '--out', out, '--store', store, '--no-pytorch'], () => undefined)).toBe(0);
    expect(readFileSync(join(out, 'data', 'text-grimm.json'), 'utf8')).toBe(before);
    const again = JSON.parse(readFileSync(join(out, 'data', '2018.json'), 'utf8'));
    expect(again.startedAt).not.toBe(earlier);
    expect(again.resumedRuns).toBe(8); // the store already held every run
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('| text/grimm-0.65-at-5000 |');
  });
});

describe('npm run reproduce with a bad argument', () => {
  it.each([
    [['--scale', 'huge'], '--scale requires one of course, scaled, quick, got "huge"'],
    [['--only', 'nope'], '--only requires one of 2020-DE, 2020-DE-pytorch, 2018, text-grimm, got "nope"'],
  ])('%j exits 2 and says what it expected', async (argv, message) => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => { written.push(String(chunk)); return true; });
    try {
      expect(await main(argv as string[], () => undefined)).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain(message);
  });
});
