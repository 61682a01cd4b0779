/**
 * Issue 12, output hygiene: whatever text a submission supplies (author, warnings, error
 * messages, actual values, skip reasons) reaches every report as the characters it wrote —
 * never as an escape sequence a terminal obeys, never as live Markdown or HTML, never
 * with an absolute path of the grading machine. summary.md is rendered with markdown-it
 * (CommonMark, as GitHub parses it, raw HTML allowed as GitHub allows some), the JUnit file
 * is checked with xmllint against Jenkins xUnit's schema.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { writeReports } from '../harness/report';
import { ENV, hostileTextResult, LOCAL_ROOT, referenceResult } from '../harness/report/test-helpers/fixtures';
import { xmllintErrors } from '../harness/report/test-helpers/validators';

let dir: string;
let files: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netgrade-hostile-text-'));
  files = [];
  for (const audience of ['student', 'instructor'] as const) {
    files.push(...(await writeReports(join(dir, audience), [referenceResult(), hostileTextResult()], ENV, { audience })).files);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (f: string) => readFileSync(f, 'utf8');

test('no report carries a control character, an escape sequence or a local absolute path', () => {
  expect(files.length).toBeGreaterThanOrEqual(18);
  for (const f of files) {
    const text = read(f);
    expect({ f, controls: text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g) ?? [] }).toEqual({ f, controls: [] });
    expect({ f, root: text.includes(LOCAL_ROOT), tmp: text.includes(`${tmpdir()}/`) }).toEqual({ f, root: false, tmp: false });
  }
  const report = read(join(dir, 'instructor', 'mallory', 'report.html'));
  expect(report).toContain('./submissions/mallory/index.ts:3:9');
  expect(report).toContain('@tensorflow/tfjs-backend-wasm from ./node_modules/');
});

test('summary.md shows the text a submission wrote and never renders it as a link, image, HTML or emphasis', () => {
  const md = read(join(dir, 'instructor', 'mallory', 'summary.md'));
  const html = new MarkdownIt({ html: true }).render(md);
  expect(html).not.toMatch(/<a\s/);
  expect(html).not.toMatch(/<img\s/);
  expect(html).not.toMatch(/<script/);
  expect(html).not.toMatch(/<strong>bold<\/strong>|<em>emph<\/em>/);
  expect(html).not.toMatch(/<h1>/);
  // the characters survive, as text
  expect(html).toContain('[click me](http://evil.example/steal) **bold** | cell | &lt;img src=x onerror=alert(1)&gt;');
  expect(html).toContain('![pixel](http://evil.example/p.png) &lt;script&gt;alert(1)&lt;/script&gt;');
  // the all-checks table keeps five cells in every row (pipes in the text are escaped)
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1].match(/<t[dh][ >]/g) ?? []).length);
  const checkRows = rows.filter((n) => n === 5 || n > 5);
  expect(checkRows.length).toBeGreaterThan(0);
  expect(checkRows.every((n) => n === 5)).toBe(true);
});

test('the HTML report escapes the text and the JUnit file stays valid with it', () => {
  const report = read(join(dir, 'instructor', 'mallory', 'report.html'));
  expect(report).not.toMatch(/<img src=x|<script>alert/);
  expect(report).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  const junit = ['student', 'instructor'].map((a) => join(dir, a, 'mallory', 'junit.xml'));
  expect(xmllintErrors(junit)).toEqual([]);
  // messages, which test views render as Markdown, are escaped
  expect(read(junit[1])).toContain('\\[click me\\](http://evil.example/steal) \\*\\*bold\\*\\*');
});

test('results.json keeps the text, cleaned, for Gradescope and for report --merge', () => {
  const json = JSON.parse(read(join(dir, 'instructor', 'mallory', 'results.json')));
  const grad = json.tests.find((t: { name: string }) => t.name.includes('[lstm.gradients]'));
  expect(grad.output).toContain('Actual:   [click me](http://evil.example/steal) **bold** | cell | <img src=x onerror=alert(1)> red');
  expect(json.netgrade.result.submission.author).toBe('Mallory [home](http://evil.example) _emph_ ');
});
