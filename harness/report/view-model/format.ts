/** Small text helpers of the view model: safe names, cleaned student text, numbers for people. */
import { homedir, tmpdir } from 'node:os';
import { resolve } from 'node:path';

/** Folder names for reports: file-system safe and unique. */
export function uniqueSlugs(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'submission';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  });
}

/**
 * Text a submission supplied (export keys, author, error messages, warnings, samples), made
 * safe to print and to put in any report: ANSI/VT escape sequences (CSI such as colours and
 * cursor moves, OSC such as hyperlinks and window titles, two-byte ESC sequences) and every
 * other control character go; newline and tab stay. XML 1.0 cannot carry most of them, and
 * on a terminal they can rewrite what the grader printed.
 */
export function clean(text: string): string {
  return withoutLocalPaths(text
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')            // OSC … BEL | ST
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]/g, '')                    // CSI (7- and 8-bit)
    .replace(/\u001b[ -/]*[0-~]/g, '')                                      // other ESC sequences
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, ''));
}

/** Folders of this machine that must not appear in a report, longest first, with what replaces them. */
function localRoots(): Array<[string, string]> {
  const project = resolve(__dirname, '..', '..', '..');
  const roots: Array<[string, string]> = [[project, '.'], [process.cwd(), '.'], [homedir(), '~'], [tmpdir(), '<tmp>']];
  return roots.filter(([r]) => r.length > 1).sort((a, b) => b[0].length - a[0].length);
}

/**
 * Absolute local paths (the project, the working directory, the home and temp folders)
 * replaced by relative ones or placeholders: `/work/netgrade/submissions/bob/index.ts:4` →
 * `./submissions/bob/index.ts:4`; any other absolute path keeps only its last part
 * (`/results/shard-0` → `…/shard-0`). Reports are shared; a path of the grading machine tells
 * a reader nothing and tells an attacker where things are.
 */
export function withoutLocalPaths(text: string): string {
  let out = text;
  for (const [root, by] of localRoots()) {
    const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`${escaped}(?=[/\\\\\\s:'"),;\\]]|$)`, 'g'), by);
  }
  // any other absolute path of two or more folders (a merged shard's /results/shard-0, a global
  // package): only its last part stays; URLs (`://`) and relative paths are left alone
  return out.replace(/(?<![\w.:/~<>\\-])\/(?:[\w.@+-]+\/)+([\w.@+-]+)/g, '…/$1');
}

/**
 * Text safe inline in Markdown (GitHub's summary.md, test reporters that render JUnit
 * messages): every character that could start emphasis, a link or image (`[`), HTML, an
 * entity, a table cell, strikethrough or a code span is backslash-escaped, and so is what
 * starts a heading or a list at the start of a line, so a student's message shows as the
 * characters they wrote and never as live Markdown.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`)
    // what starts a block only at the start of a line: a heading, a list item, a setext rule
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** At most `max` characters: longer text keeps its start and says how much was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = ` … [${text.length - max} more characters]`;
  return `${text.slice(0, Math.max(0, max - note.length))}${note}`;
}

export function relativeError(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toPrecision(2);
}

export function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Ratios and intervals for people: 2 decimals below 10, 1 above; an unbounded end (∞, or null once through JSON) is ∞. */
export function fmt(x: number | null): string {
  if (x === null || x === Infinity) return '∞';
  if (!Number.isFinite(x)) return x === -Infinity ? '−∞' : 'n/a';
  return Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
