/**
 * `npm run compare -- <A> <B> [--profile P] [--seeds N] [--until-decided --max-seeds M]` —
 * the harness's other use beyond grading: train two implementations on the same seeds and
 * write one comparison report (`comparison.md`, `comparison.json`) under `--out`.
 *
 * An operand is a submission folder or `reference`, optionally with `:<model>` to pick one
 * model of it: `reference:lstm reference:peepLSTM` compares two of the reference's models
 * on the profile's datasets and lengths; `submissions/alice reference` compares every model
 * alice and the reference share. A missing model takes the other operand's.
 *
 * `--until-decided` adds seeds in rounds until every configuration is decided — the
 * Hodges–Lehmann ratio's 95% interval excludes 1 (the verdict faster or slower; the same as
 * a Mann–Whitney p < 0.05, so 4 runs a side are the fewest that can decide), or lies inside
 * 0.8–1.25 ("no practical difference"), each with at least 3 runs a side — or
 * `--max-seeds` is reached, and says which. Stopping at the first round that decides makes
 * a difference that is not there more likely to be called than the 5% of one fixed-size
 * comparison: a decision on few seeds is worth confirming with a fixed --seeds. Each round adds at least one round's
 * worth of seeds (--seeds), and more when the statistics estimate that more would resolve
 * the difference — at most doubling, since an estimate from a few runs is rough, and never
 * past the maximum. Runs are stored in `--out`, so a round,
 * or the whole command re-run, trains only the seeds it has not trained yet.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { describeBackend, selectBackend } from '../backend';
import { discoverOne, type DiscoveredSubmission } from '../discover';
import { runExperiments } from '../experiments/run-experiments';
import { DEFAULT_PROFILE, type Profile } from '../profiles';
import type { Comparison, TrainingRun } from '../results/types';
import { openInProcess, PROJECT_ROOT } from '../sandbox';
import { referenceSubmission, REFERENCE_NAME } from '../sandbox/bundle';
import { compareRuns, describeStatistics, formatP, formatRatio, type RunOutcome } from '../stats';
import { parseJobs, profileFrom } from './experiments';

/** `submissions/alice:gru` → { target: 'submissions/alice', model: 'gru', label: 'alice:gru' } */
export interface Operand { target: string; model?: string; label: string }

export const BAD_OPERAND = (given: string) =>
  `compare requires each of <A> and <B> to be a submission folder or "reference", optionally with :<model> (e.g. reference:lstm), got "${given}".`;

export function parseOperand(text: string): Operand {
  const m = /^(.*?)(?::([A-Za-z]\w*))?$/.exec(text.trim());
  if (!m || !m[1]) throw new Error(BAD_OPERAND(text));
  const target = m[1];
  const name = target === REFERENCE_NAME ? REFERENCE_NAME : basename(resolve(target));
  return { target, model: m[2], label: m[2] ? `${name}:${m[2]}` : name };
}

/** One configuration both sides ran, compared. */
export interface PairedComparison extends Comparison { modelB: string; seeds: { a: number[]; b: number[] } }

const usable = (r: TrainingRun) => r.status === 'converged' || r.status === 'censored';
const outcome = (r: TrainingRun): RunOutcome => (r.status === 'converged' && r.stepsToTarget !== undefined ? { steps: r.stepsToTarget } : { censored: true });

/**
 * A's runs against B's on every configuration both ran: by dataset and T, and by model too
 * unless the operands name their models.
 */
export function compareOperands(runs: readonly TrainingRun[], a: { name: string; model?: string }, b: { name: string; model?: string }, against: string): PairedComparison[] {
  const byModel = !a.model && !b.model;
  const side = (s: { name: string; model?: string }) => runs.filter((r) => r.submission === s.name && usable(r) && (!s.model || r.model === s.model));
  const key = (r: TrainingRun) => `${byModel ? r.model : ''}\u0000${r.dataset}\u0000${r.T}`;
  const mine = side(a);
  const theirs = side(b);
  const out: PairedComparison[] = [];
  for (const k of [...new Set(mine.map(key))]) {
    const x = mine.filter((r) => key(r) === k);
    const y = theirs.filter((r) => key(r) === k);
    if (!y.length) continue;
    const budget = Math.max(...x.map((r) => r.budgetSteps), ...y.map((r) => r.budgetSteps));
    const c = compareRuns(x.map(outcome), y.map(outcome), { budget, against });
    out.push({
      model: x[0].model, modelB: y[0].model, dataset: x[0].dataset, T: x[0].T,
      ratio: c.ratio, ci95: c.ci95, pWelch: c.pWelch, pPermutation: c.pPermutation, hodgesLehmann: c.hodgesLehmann, verdict: c.verdict, sentence: c.sentence, statistics: c.statistics,
      seeds: { a: x.map((r) => r.seed), b: y.map((r) => r.seed) },
    });
  }
  return out;
}

/** The fewest runs a side before a verdict ends --until-decided: 2 runs against many can reach p < 0.05 on ranks, which says little about the 2. */
export const MIN_RUNS_TO_DECIDE = 3;

/** Decided: faster or slower (the Hodges–Lehmann 95% interval excludes 1), or no practical difference, on ≥ 3 runs a side. */
export function decided(c: PairedComparison): boolean {
  return c.verdict !== 'inconclusive' && Math.min(c.seeds.a.length, c.seeds.b.length) >= MIN_RUNS_TO_DECIDE;
}

/** The next round's seed count: one more round, or up to the statistics' estimate for the undecided when larger — at most double, at most the maximum. */
export function nextSeedCount(current: number, undecided: readonly Comparison[], options: { round: number; maxSeeds: number }): number {
  const estimates = undecided.map((c) => c.statistics?.seedsToResolve?.seeds ?? options.maxSeeds);
  return Math.min(options.maxSeeds, Math.max(current + options.round, Math.min(2 * current, Math.max(0, ...estimates))));
}

/** The first n seeds: the profile's own first, then the next unused integers. */
export function seedList(profileSeeds: readonly number[], n: number): number[] {
  const seeds = profileSeeds.slice(0, n);
  for (let s = Math.max(-1, ...profileSeeds) + 1; seeds.length < n; s++) seeds.push(s);
  return seeds;
}

export interface CompareReport {
  a: string; b: string; profile: string; seeds: number[];
  /** "decided after 6 seeds" / "not decided within 12 seeds" / undefined without --until-decided */
  decision?: string;
  rounds: Array<{ seeds: number; undecided: number }>;
  comparisons: PairedComparison[];
}

export function comparisonMarkdown(r: CompareReport): string {
  const lines = [`# ${r.a} against ${r.b}`, '', `Profile \`${r.profile}\`, seeds ${r.seeds.join(', ')}.${r.decision ? ` **${r.decision[0].toUpperCase()}${r.decision.slice(1)}.**` : ''}`, ''];
  if (r.rounds.length > 1) lines.push(`Rounds: ${r.rounds.map((x) => `${x.seeds} seeds (${x.undecided} undecided)`).join(' → ')}.`, '');
  for (const c of r.comparisons) {
    const what = c.model === c.modelB ? c.model : `${c.model} vs ${c.modelB}`;
    lines.push(`## ${what}, ${c.dataset}, T = ${c.T}`, '', `${r.a} ${c.sentence}.`, '');
    for (const line of c.statistics ? describeStatistics(c.statistics, r.b) : []) lines.push(`- ${line}`);
    const tests = [c.pWelch === undefined ? '' : `Welch ${formatP(c.pWelch)}`, c.pPermutation === undefined ? '' : `permutation ${formatP(c.pPermutation)}`].filter(Boolean);
    lines.push(`- ratio of medians (censored runs at the budget): ${formatRatio(c.ratio)}× (bootstrap 95% CI ${formatRatio(c.ci95[0])}–${formatRatio(c.ci95[1])}×)${tests.length ? `; ${tests.join(', ')}` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

function submissionFor(operand: Operand): DiscoveredSubmission {
  if (operand.target === REFERENCE_NAME) return referenceSubmission();
  const found = discoverOne(resolve(operand.target));
  if (!('entry' in found)) throw new Error(found.message);
  return found;
}

async function main(argv: string[]): Promise<void> {
  const count = (what: string) => (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 2) throw new InvalidArgumentError(`${what} requires a whole number of seeds ≥ 2, got "${v}".`);
    return n;
  };
  const program = new Command('compare')
    .argument('<A>', 'a submission folder or "reference", optionally :<model>')
    .argument('<B>', 'the same, to compare A against')
    .option('--profile <name>', 'assignment profile: a name from harness/profiles or a .json path', DEFAULT_PROFILE)
    .option('--seeds <n>', 'seeds per implementation (default: the profile\'s)', count('--seeds'))
    .option('--until-decided', 'add seeds in rounds until every configuration is decided or --max-seeds is reached')
    .option('--max-seeds <m>', 'the most seeds --until-decided trains', count('--max-seeds'), 20)
    .option('--out <dir>', 'where the runs and the report go (default reports/compare-<A>-vs-<B>)')
    .option('--jobs <n>', 'parallel training processes (default: the number of cores)', parseJobs)
    .option('--backend <name>', 'tfjs backend (wasm, cpu, node, node-gpu)')
    .option('--in-process', 'run both in this process (trusted code only; no parallelism)')
    .parse(argv, { from: 'user' });
  const opts = program.opts<{ profile: string; seeds?: number; untilDecided?: boolean; maxSeeds: number; out?: string; jobs?: number; backend?: string; inProcess?: boolean }>();
  const [a, b] = (program.args as string[]).map(parseOperand);
  if (!a.model && b.model) a.model = b.model;
  if (!b.model && a.model) b.model = a.model;
  const backend = await selectBackend(opts.backend);
  console.log(describeBackend(backend));

  const base: Profile = profileFrom(opts.profile);
  const models = new Set([a.model, b.model].filter((m): m is string => Boolean(m)));
  const experiments = models.size ? base.experiments.filter((e) => models.has(e.model)) : base.experiments;
  if (!experiments.length) throw new Error(`compare requires the profile "${base.name}" to train ${[...models].join(' or ')}, got experiments for ${base.experiments.map((e) => e.model).join(', ') || 'none'}.`);
  const [subA, subB] = [submissionFor(a), submissionFor(b)];
  const submissions = subA.name === subB.name ? [subA] : [subA, subB];
  const out = resolve(opts.out ?? join(PROJECT_ROOT, 'reports', `compare-${a.label}-vs-${b.label}`.replace(/[^\w.-]+/g, '_')));
  mkdirSync(out, { recursive: true });

  const round = opts.seeds ?? base.seeds.length;
  let n = opts.untilDecided ? Math.min(round, opts.maxSeeds) : round;
  const rounds: CompareReport['rounds'] = [];
  let comparisons: PairedComparison[] = [];
  let decision: string | undefined;
  for (;;) {
    const profile: Profile = { ...base, experiments, seeds: seedList(base.seeds, n) };
    const outcome = await runExperiments({
      submissions, profile, store: out, backend: backend.name,
      jobs: opts.inProcess ? 1 : opts.jobs, open: opts.inProcess ? (s) => openInProcess(s) : undefined,
      verifyReproducible: rounds.length === 0,
    });
    comparisons = compareOperands(outcome.runs, { name: subA.name, model: a.model }, { name: subB.name, model: b.model }, b.label);
    if (!comparisons.length) throw new Error(`compare requires converged or censored runs of both ${a.label} and ${b.label} on at least one configuration, got none (see the runs above).`);
    const undecided = comparisons.filter((c) => !decided(c));
    rounds.push({ seeds: n, undecided: undecided.length });
    console.log(`${n} seeds: ${comparisons.length - undecided.length} of ${comparisons.length} configuration(s) decided`);
    if (!opts.untilDecided) break;
    if (!undecided.length) { decision = `decided after ${n} seeds`; break; }
    if (n >= opts.maxSeeds) { decision = `not decided within ${opts.maxSeeds} seeds (${undecided.length} configuration(s) still open)`; break; }
    n = nextSeedCount(n, undecided, { round, maxSeeds: opts.maxSeeds });
  }

  const report: CompareReport = { a: a.label, b: b.label, profile: base.name, seeds: seedList(base.seeds, n), decision, rounds, comparisons };
  writeFileSync(join(out, 'comparison.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(out, 'comparison.md'), comparisonMarkdown(report));
  for (const c of comparisons) console.log(`${c.model === c.modelB ? c.model : `${c.model} vs ${c.modelB}`} ${c.dataset} T=${c.T}: ${a.label} ${c.sentence}`);
  if (decision) console.log(decision);
  console.log(`report: ${join(out, 'comparison.md')}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
