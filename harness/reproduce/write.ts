/**
 * `reproductions/`: the raw data of each reproduction (`data/<name>.json`, canonical), and
 * what renders from all of them together — the agree/disagree table, `README.md`,
 * `index.html` and `figures/*.svg`. A reproduction run alone (`--only`) replaces its own
 * data file; the others' stay, and the page is rebuilt from every data file present.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSvg } from '../report/charts/render';
import { CLAIMS } from './claims';
import { firstReach, accuracyAt } from './curves';
import { toHtml, toMarkdown, type Block } from './document';
import { figuresOf, type Figure } from './figures';
import { PLANS } from './plan';
import type { Claim, ClaimRow, Implementation, ReproductionData, Verdict } from './types';

export const TITLE = "The course's results, reproduced";

export function readAll(out: string): Map<string, ReproductionData> {
  const dir = join(out, 'data');
  const all = new Map<string, ReproductionData>();
  if (!existsSync(dir)) return all;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReproductionData;
    all.set(data.name, data);
  }
  return all;
}

export function writeData(out: string, data: ReproductionData): void {
  mkdirSync(join(out, 'data'), { recursive: true });
  writeFileSync(join(out, 'data', `${data.name}.json`), `${JSON.stringify(data, null, 1)}\n`);
}

function judged(claim: Claim, data: ReproductionData | undefined, name: string, implementation: Implementation): Verdict {
  if (!data) return { status: 'not-run', reason: `not run yet (\`npm run reproduce -- --only ${name}\`)` };
  if (data.notRun) return { status: 'not-run', reason: data.notRun };
  const v = claim.judge(data.runs);
  const why = claim.knownDifference?.[implementation];
  return v.status === 'disagrees' && why ? { ...v, reason: `${v.reason}. ${why}` } : v;
}

/** One row per claim: its verdict on the tfjs reference's runs and, where it applies, the PyTorch example's. */
export function claimRows(all: ReadonlyMap<string, ReproductionData>): ClaimRow[] {
  return CLAIMS.map((c) => {
    const twin = `${c.reproduction}-pytorch`;
    return { id: c.id, reported: c.reported, criterion: c.criterion, tfjs: judged(c, all.get(c.reproduction), c.reproduction, 'tfjs'), pytorch: c.pytorch ? judged(c, all.get(twin), twin, 'pytorch') : null };
  });
}

export function verdictText(v: Verdict | null): string {
  if (!v) return '—';
  if (v.status === 'agrees') return `✅ agrees: ${v.measured}`;
  if (v.status === 'disagrees') return `❌ disagrees: ${v.reason} (measured: ${v.measured})`;
  return `⏭️ not run: ${v.reason}`;
}

const pct = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
/** 754 → "12 min 34 s" */
export function minutes(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function reproductionBlocks(data: ReproductionData, figures: readonly Figure[]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: data.title }];
  if (data.notRun) return [...blocks, { kind: 'paragraph', text: `Not run: ${data.notRun}.` }];
  blocks.push({ kind: 'list', items: Object.entries(data.settings).map(([k, v]) => `${k}: ${v}`) });
  blocks.push(data.scaled.length
    ? { kind: 'table', header: ['setting', 'course', 'used here', 'why'], rows: data.scaled.map((s) => [s.key, s.course, s.used, s.why]) }
    : { kind: 'paragraph', text: `At the course's settings (scale \`${data.scale}\`).` });
  for (const f of figures) blocks.push({ kind: 'figure', file: f.file, title: f.title });
  const last = (r: ReproductionData['runs'][number]) => r.curve.at(-1);
  blocks.push({
    kind: 'table',
    header: ['model', 'L (T)', 'seed', 'status', 'first step at 0.99', 'accuracy at step 1,000', 'final accuracy (step)', 'ms per step'],
    rows: data.runs.map((r) => [r.model, `${r.length} (${r.T})`, String(r.seed), r.status, String(firstReach(r.curve, 0.99) ?? '–'), pct(accuracyAt(r.curve, 1000)), `${pct(last(r)?.accuracy)} (${last(r)?.step ?? '–'})`, r.msPerStep.toFixed(1)]),
  });
  if (data.samples) {
    const greedy = data.samples.greedy.map((g) => `after ${g.at} of training:\n${g.samples.map((s) => `  ${JSON.stringify(s.text)}`).join('\n')}`).join('\n');
    const temperature = data.samples.temperature.map((t) => `τ = ${t.tau} (multiplies the logits):\n${t.samples.map((s) => `  ${JSON.stringify(s)}`).join('\n')}`).join('\n');
    blocks.push({ kind: 'paragraph', text: 'Greedy samples of 30 characters, then temperature samples from the trained model:' }, { kind: 'pre', text: `${greedy}\n${temperature}` });
  }
  return blocks;
}

function timingRows(all: ReadonlyMap<string, ReproductionData>): string[][] {
  return PLANS.map((p) => {
    const d = all.get(p.name);
    if (!d) return [p.name, '–', '–', 'not run yet', '–'];
    if (d.notRun) return [p.name, d.scale, '0', `not run: ${d.notRun}`, '–'];
    const resumed = !d.resumedRuns ? '' : d.earlierSeconds !== undefined
      ? ` in all: ${minutes(d.wallSeconds)} for ${d.runs.length - d.resumedRuns} run(s) + ${minutes(d.earlierSeconds)} in the earlier invocation that trained the other ${d.resumedRuns}`
      : ` (+ ${d.resumedRuns} run(s) kept from an earlier invocation, whose time is not known)`;
    return [p.name, d.scale, String(d.runs.length), `${minutes(d.wallSeconds + (d.earlierSeconds ?? 0))}${resumed}`,
      `${d.machine.cores} cores (${d.machine.cpu}), load ${d.machine.loadAverage} at start, ${d.machine.backend}${d.machine.torch ? `, torch ${d.machine.torch}` : ''}; started ${d.startedAt}`];
  });
}

export function documentOf(all: ReadonlyMap<string, ReproductionData>, rows: readonly ClaimRow[], figures: ReadonlyMap<string, Figure[]>): Block[] {
  const agree = rows.filter((r) => r.tfjs.status === 'agrees').length;
  const ran = rows.filter((r) => r.tfjs.status !== 'not-run').length;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: TITLE },
    { kind: 'paragraph', text: "netgrade's runs beside what the course's students reported (../shared/assignment-spec.md, \"Results students reported\"; issue 15, item 4). Each claim has a criterion, written before the runs, that netgrade's runs either meet or do not. A reported step (\"after about 400 steps\") holds within ±50 %; \"perfect\" means accuracy ≥ 0.99 at two consecutive evaluations, the harness's convergence rule. Part 1 runs train their whole budget through the harness's own training loop (the `train` op: the tfjs reference in-process on the default backend, the PyTorch example through the sandboxed Python worker and the PyTorch adapter)." },
    { kind: 'paragraph', text: `Made by \`npm run reproduce\`; \`--only <name>\` re-runs one reproduction and keeps the others' data (\`data/*.json\`), \`--scale course\` uses the course's settings unchanged. On the tfjs reference, ${agree} of the ${ran} judged claims agree.` },
    { kind: 'heading', level: 2, text: 'Agree or disagree' },
    { kind: 'table', header: ['claim', 'reported by the students', 'criterion', 'tfjs reference', 'PyTorch example'], rows: rows.map((r) => [r.id, r.reported, r.criterion, verdictText(r.tfjs), verdictText(r.pytorch)]) },
    { kind: 'heading', level: 2, text: 'Time each reproduction took on this machine' },
    { kind: 'table', header: ['reproduction', 'scale', 'runs', 'wall time', 'machine'], rows: timingRows(all) },
    { kind: 'paragraph', text: `\`npm run reproduce\` trains in two processes at once, one core each: ${[1, 2].map((lane) => `lane ${lane} (${PLANS.filter((p) => p.lane === lane).map((p) => p.name).join(', ')}, one after the other)`).join(' beside ')}. The machine was shared with other jobs; the load average at each start is in the table.` },
  ];
  for (const p of PLANS) {
    const d = all.get(p.name);
    if (d) blocks.push(...reproductionBlocks(d, figures.get(p.name) ?? []));
  }
  return blocks;
}

/** Render everything from the data files in `out` (figures, README.md, index.html); returns the rows. */
export async function writeReproductions(out: string): Promise<ClaimRow[]> {
  const all = readAll(out);
  const rows = claimRows(all);
  const figureDir = join(out, 'figures');
  rmSync(figureDir, { recursive: true, force: true });
  mkdirSync(figureDir, { recursive: true });
  const figures = new Map<string, Figure[]>();
  const svgs = new Map<string, string>();
  for (const [name, data] of all) {
    const mine = figuresOf(data);
    figures.set(name, mine);
    for (const f of mine) {
      const svg = await renderSvg(f.spec, f.title);
      svgs.set(f.file, svg);
      writeFileSync(join(figureDir, f.file), `${svg}\n`);
    }
  }
  const blocks = documentOf(all, rows, figures);
  writeFileSync(join(out, 'README.md'), toMarkdown(blocks));
  writeFileSync(join(out, 'index.html'), toHtml(TITLE, blocks, svgs));
  return rows;
}
