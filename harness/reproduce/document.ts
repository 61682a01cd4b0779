/**
 * The reproductions' page as a list of plain blocks, rendered twice: Markdown (README.md)
 * and a self-contained HTML page with the SVG figures inlined (index.html). Text is plain;
 * a `…` span is code. Everything else is escaped for the output language.
 */
import { escapeHtml } from '../report/templates';
import { escapeMarkdown } from '../report/view-model';

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'figure'; file: string; title: string }
  | { kind: 'pre'; text: string };

/** Split at backticks: odd parts are code. */
function inline(text: string, code: (s: string) => string, plain: (s: string) => string): string {
  return text.split('`').map((part, k) => (k % 2 ? code(part) : plain(part))).join('');
}

const md = (text: string) => inline(text, (c) => `\`${c}\``, escapeMarkdown);
/** inside a table cell nothing starts a block, so only inline syntax is escaped (0.99 stays 0.99) */
const mdCell = (text: string) => inline(text, (c) => `\`${c}\``, (s) => s.replace(/[\\*_[\]<>|~&]/g, '\\$&')).replace(/\n/g, ' ');
const html = (text: string) => inline(text, (c) => `<code>${escapeHtml(c)}</code>`, escapeHtml);

export function toMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading': out.push(`${'#'.repeat(b.level)} ${md(b.text)}`); break;
      case 'paragraph': out.push(md(b.text)); break;
      case 'list': out.push(b.items.map((i) => `- ${md(i)}`).join('\n')); break;
      case 'table': {
        out.push([`| ${b.header.map(mdCell).join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n'));
        break;
      }
      case 'figure': out.push(`![${escapeMarkdown(b.title)}](figures/${b.file})`); break;
      case 'pre': out.push(`\`\`\`text\n${b.text.replace(/```/g, '`\u200b``')}\n\`\`\``); break;
    }
  }
  return `${out.join('\n\n')}\n`;
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}'
  + 'table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}'
  + 'th{background:#f3f3f3}figure{margin:1rem 0}pre{background:#f6f6f6;padding:.6rem;overflow-x:auto}code{background:#f3f3f3;padding:0 .2rem}';

/** The page; `svgs` holds each figure's SVG by file name (inlined, so the page needs no network). */
export function toHtml(title: string, blocks: readonly Block[], svgs: ReadonlyMap<string, string>): string {
  const body = blocks.map((b) => {
    switch (b.kind) {
      case 'heading': return `<h${b.level}>${html(b.text)}</h${b.level}>`;
      case 'paragraph': return `<p>${html(b.text)}</p>`;
      case 'list': return `<ul>${b.items.map((i) => `<li>${html(i)}</li>`).join('')}</ul>`;
      case 'table': return `<table><thead><tr>${b.header.map((h) => `<th scope="col">${html(h)}</th>`).join('')}</tr></thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
      case 'figure': return `<figure>${svgs.get(b.file) ?? `<a href="figures/${escapeHtml(b.file)}">${escapeHtml(b.title)}</a>`}</figure>`;
      case 'pre': return `<pre>${escapeHtml(b.text)}</pre>`;
    }
  }).join('\n');
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>\n<body><main>\n${body}\n</main></body>\n</html>\n`;
}
