/**
 * The Handlebars side of the reports: one isolated environment per output language
 * (HTML escapes, Markdown does not), helpers, and the partials in `templates/partials/`.
 * Every template and partial compiles in strict mode, and the block helpers are made
 * strict too, so a field missing from the view model is an error at render time, never a
 * silent blank.
 */
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { escapeMarkdown, fmt } from './view-model';

export const TEMPLATE_DIR = join(__dirname, 'templates');

type Env = ReturnType<typeof Handlebars.create>;
type Template = (context: unknown) => string;

const STATUS_ICONS: Record<string, string> = {
  passed: '✅', failed: '❌', errored: '💥', 'timed-out': '⏱️', skipped: '⏭️',
  'full-marks': '✅', partial: '🟡', 'no-points': '❌', 'load-failed': '💥',
};

export const MISSING_FIELD = (helper: string, line: number | string) =>
  `report template requires a defined value for {{#${helper}}} at line ${line}, got undefined: a field is missing from the view model (absent values must be null).`;

/**
 * Handlebars' strict mode checks `{{field}}` but not the arguments of block helpers, where a
 * missing field silently renders as false/empty. These wrap the built-in block helpers so
 * that `undefined` throws too (`null` is the view model's "absent" and stays falsy).
 */
function strictBlockHelpers(hb: Env): void {
  for (const name of ['if', 'unless', 'each', 'with']) {
    const builtin = hb.helpers[name] as (...args: unknown[]) => unknown;
    hb.registerHelper(name, function (this: unknown, value: unknown, options: { loc?: { start: { line: number } } }) {
      if (value === undefined) throw new Error(MISSING_FIELD(name, options.loc?.start.line ?? '?'));
      return builtin.call(this, value, options);
    });
  }
}

function registerHelpers(hb: Env): void {
  strictBlockHelpers(hb);
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('fmt', (x: number) => fmt(x));
  hb.registerHelper('fixed', (x: number, digits: number) => x.toFixed(digits));
  hb.registerHelper('icon', (status: string) => STATUS_ICONS[status] ?? '•');
  hb.registerHelper('join', (items: unknown[], sep: string) => items.join(typeof sep === 'string' ? sep : ', '));
  hb.registerHelper('inc', (i: number) => i + 1);
  hb.registerHelper('plural', (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`);
  /** Text safe inline in Markdown and inside a table cell: Markdown (pipes, links, HTML, emphasis) escaped, newlines as <br>. */
  hb.registerHelper('cell', (text: unknown) => escapeMarkdown(String(text)).replace(/\n/g, '<br>'));
  /** Text inside raw HTML of a Markdown file (a <summary> line), where Markdown is not parsed. */
  hb.registerHelper('html', (text: unknown) => escapeHtml(String(text)));
  /** Text safe inside a Markdown code fence. */
  hb.registerHelper('fenced', (text: unknown) => String(text).replace(/```/g, '`\u200b``'));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

function createEnv(noEscape: boolean, partialDir: string): { env: Env; compile(name: string): Template } {
  const env = Handlebars.create();
  registerHelpers(env);
  const options = { strict: true, noEscape };
  for (const file of readdirSync(partialDir)) {
    const src = readFileSync(join(partialDir, file), 'utf8');
    const name = basename(file).replace(/\.(hbs|css|js)$/, '');
    // Styles and scripts are inlined verbatim; .hbs partials are templates in their own right.
    env.registerPartial(name, file.endsWith('.hbs') ? env.compile(src, options) : () => src);
  }
  const cache = new Map<string, Template>();
  return {
    env,
    compile(name: string): Template {
      let t = cache.get(name);
      if (!t) {
        t = env.compile(readFileSync(join(TEMPLATE_DIR, name), 'utf8'), options) as Template;
        cache.set(name, t);
      }
      return t;
    },
  };
}

let html: ReturnType<typeof createEnv> | undefined;
let markdown: ReturnType<typeof createEnv> | undefined;

/** Render an HTML template of `templates/` (escaping on). */
export function renderHtml(name: string, context: unknown): string {
  html ??= createEnv(false, join(TEMPLATE_DIR, 'partials'));
  return html.compile(name)(context);
}

/** Render a Markdown template of `templates/` (escaping off; use the `cell` helper in tables). */
export function renderMarkdown(name: string, context: unknown): string {
  markdown ??= createEnv(true, join(TEMPLATE_DIR, 'md-partials'));
  return markdown.compile(name)(context);
}
