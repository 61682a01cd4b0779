/**
 * `npm run reproduce -- [--only <name>] [--scale course|scaled|quick] [--out DIR] [--store DIR] [--no-pytorch]`
 * — the course's results, reproduced (issue 15, item 4): trains every reproduction of
 * harness/reproduce/plan.ts, judges each claim, and writes `reproductions/` (README.md,
 * index.html, figures/*.svg, data/*.json).
 *
 * The reproductions train in two processes of this command, one core each: lane 1 here,
 * lane 2 in a child (`--lane 2`), which writes its data files and leaves the page to this
 * one. (A training tfjs reference holds its process's thread, so a Python worker needs
 * another process to answer it.)
 */
import { spawn } from 'node:child_process';
import { resolve, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError } from 'commander';
import { parseArgs } from './parse';
import { formatDuration } from '../experiments/projection';
import { PROJECT_ROOT } from '../sandbox';
import { PLANS, planNamed, readAll, runPart1, runText, SCALES, verdictText, writeData, writeReproductions, type Plan, type RunOptions, type Scale } from '../reproduce';

export const BAD_SCALE = (given: string) => `--scale requires one of ${SCALES.join(', ')}, got "${given}".`;

function parseScale(text: string): Scale {
  if (!(SCALES as readonly string[]).includes(text)) throw new InvalidArgumentError(BAD_SCALE(text));
  return text as Scale;
}
function parsePlan(text: string): string {
  try {
    return planNamed(text).name;
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

interface Options { only?: string; scale: Scale; out: string; store: string; pytorch: boolean; lane?: 1 | 2; render?: boolean }

async function runOne(plan: Plan, options: RunOptions, out: string, log: (line: string) => void): Promise<void> {
  log(`${plan.name}: ${plan.title}, scale ${options.scale}`);
  const data = plan.kind === 'text' ? await runText(plan, options) : await runPart1(plan, options);
  // the runs kept from an earlier invocation took its time: say how long, so the total stays true
  const before = readAll(out).get(plan.name);
  if (data.resumedRuns && before && before.scale === data.scale) data.earlierSeconds = before.wallSeconds + (before.earlierSeconds ?? 0);
  writeData(out, data);
  log(`${plan.name}: ${data.notRun ? `not run: ${data.notRun}` : `${data.runs.length} run(s) in ${formatDuration(data.wallSeconds * 1000)}`}`);
}

/** Lane 2 in a child process of this command, its lines prefixed. */
function laneTwo(opts: Options, log: (line: string) => void): Promise<void> {
  const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const args = [__filename, '--lane', '2', '--scale', opts.scale, '--out', opts.out, '--store', opts.store, ...(opts.pytorch ? [] : ['--no-pytorch'])];
  const child = spawn(tsx, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => log(`[lane 2] ${line}`));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`lane 2 requires its process to exit with 0, got ${code}`))));
  });
}
function parseLane(text: string): 1 | 2 {
  if (text !== '1' && text !== '2') throw new InvalidArgumentError(`--lane requires 1 or 2, got "${text}".`);
  return Number(text) as 1 | 2;
}

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const program = new Command('reproduce')
    .description("train the course's reported experiments and write reproductions/ with the agree/disagree table")
    .option('--only <name>', `run one reproduction (${PLANS.map((p) => p.name).join(', ')}); the others' stored data stay`, parsePlan)
    .option('--scale <scale>', 'course: the course\'s settings; scaled: sized for a 2-core machine (the committed run); quick: a tiny run for the tests', parseScale, 'scaled')
    .option('--out <dir>', 'where reproductions/ is written', join(PROJECT_ROOT, 'reproductions'))
    .option('--store <dir>', 'where finished runs are kept, so an interrupted run resumes', join(PROJECT_ROOT, 'reports', 'reproduce'))
    .option('--no-pytorch', 'do not train the PyTorch example (recorded as not run)')
    .option('--lane <n>', 'run only the reproductions of lane 1 or 2 and write their data files, not the page (the command\'s own second process)', parseLane)
    .option('--render', 'train nothing: rebuild the page and the figures from data/*.json')
    .exitOverride();
  const exit = parseArgs(program, argv);
  if (exit !== undefined) return exit;
  const opts = program.opts<Options>();
  opts.out = resolve(opts.out);
  opts.store = resolve(opts.store);
  const options: RunOptions = { scale: opts.scale, store: opts.store, pytorch: opts.pytorch, log };
  const started = Date.now();

  const plans = opts.render ? [] : opts.only ? [planNamed(opts.only)] : PLANS.filter((p) => !opts.lane || p.lane === opts.lane);
  // the whole set: lane 2 in a second process; if it fails, its reproductions stay as they were and the page says so
  const second = !opts.only && !opts.lane && !opts.render ? laneTwo(opts, log).catch((e: Error) => log(`lane 2 failed: ${e.message}`)) : undefined;
  for (const plan of plans.filter((p) => !second || p.lane === 1)) await runOne(plan, options, opts.out, log);
  await second;
  if (opts.lane) return 0;

  const rows = await writeReproductions(opts.out);
  for (const r of rows) log(`${r.id}: ${verdictText(r.tfjs)}${r.pytorch ? ` | PyTorch: ${verdictText(r.pytorch)}` : ''}`);
  log(`wrote ${opts.out} in ${formatDuration(Date.now() - started)}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => { console.error(e instanceof Error ? e.message : String(e)); process.exitCode = 1; },
  );
}
