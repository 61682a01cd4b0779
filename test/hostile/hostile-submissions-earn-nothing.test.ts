/**
 * The hostile class (./attacks.ts) graded in one run of `npm run grade`, sandboxed, two lanes,
 * with an instructor's secret: every attack gets its exact expected result, every submission
 * gets a result and a report, nothing a submission wrote acts in the terminal or the job
 * summary, and the honest submission graded beside them keeps full marks. A second run with
 * experiments shows that a model whose forward hangs is not trained; a third, that a text
 * generator whose training curve does not come from its parameters earns nothing for training.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { hiddenSeed, hiddenSizes } from '../../harness/checks/recurrent/hidden';
import { main } from '../../harness/cli/grade';
import { loadProfile } from '../../harness/profiles';
import type { SubmissionResult } from '../../harness/results/types';
import { isolation } from '../../harness/sandbox';
import { PROJECT_ROOT } from '../../harness/sandbox/paths';
import MarkdownIt from 'markdown-it';
import { ATTACKS, HONEST, type Attack } from './attacks';

jest.setTimeout(900_000);

let root: string;
let classDir: string;
let server: Server;
let connections = 0;
let printed: string[] = [];
const results = new Map<string, SubmissionResult>();

/** A secret whose hidden inputs differ from the public probes' sizes (so the sly attacks are caught, deterministically). */
function chooseSecret(): string {
  for (let i = 0; ; i++) {
    const secret = `hostile-class-secret-${i}`;
    const fwd = hiddenSizes(hiddenSeed(secret, 'vanillaRNN.hidden.forward'));
    const leaks = hiddenSizes(hiddenSeed(secret, 'vanillaRNN.hidden.no-leaks'));
    if (![1, 3, 4].includes(fwd.B) && !(leaks.B === 2 && leaks.T === 5)) return secret;
  }
}

function materialise(attack: Attack, ports: { port: number; port2: number }): void {
  const dir = join(classDir, attack.name);
  for (const [file, source] of Object.entries(attack.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), source.replace('$PORT2', String(ports.port2)).replace('$PORT', String(ports.port)));
  }
  for (const [link, target] of Object.entries(attack.links ?? {})) {
    const to = target.replace('$PROJECT', PROJECT_ROOT).replace('$PEER', join(classDir, HONEST.name)).replace('$REPORTS', join(PROJECT_ROOT, 'reports'));
    symlinkSync(to, join(dir, link));
  }
}

function profileFile(): string {
  const quick = loadProfile('quick');
  const keep = (id: string) => id.startsWith('vanillaRNN.') || id === 'timeGate.values';
  const profile = {
    ...quick,
    name: 'hostile',
    description: 'quick, vanilla RNN and time gate only, short limits: the hostile class test',
    models: ['vanillaRNN', 'timeGate'],
    rubric: Object.fromEntries(Object.entries(quick.rubric).filter(([id]) => keep(id))),
    sanity: { vanillaRNN: quick.sanity.vanillaRNN },
    experiments: [{ ...quick.experiments.find((e) => e.model === 'vanillaRNN')!, steps: 60, evalEvery: 20 }],
    limits: { checkTimeoutMs: 30_000, memoryMb: 256, submissionBudgetMs: 400_000 },
  };
  const file = join(root, 'hostile.json');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

async function grade(args: string[]): Promise<number> {
  printed = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => { printed.push(parts.join(' ')); });
  try {
    return await main(args);
  } finally {
    log.mockRestore();
  }
}

const statusOf = (r: SubmissionResult, id: string): string => {
  const c = r.checks.find((x) => x.id === id);
  if (!c) return 'absent';
  if (c.status === 'errored') return `errored:${c.cause}`;
  if (c.status === 'timed-out') return `timed-out${c.hint.startsWith('not run') ? `:${c.hint}` : ''}`;
  return c.status;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'netgrade-hostile-'));
  classDir = join(root, 'class');
  server = createServer((s) => { connections += 1; s.destroy(); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const ports = { port, port2: port + 1 };
  for (const attack of [HONEST, ...ATTACKS]) materialise(attack.name === 'identical-copy' ? { ...HONEST, name: attack.name } : attack, ports);
  const secretFile = join(root, 'secret');
  writeFileSync(secretFile, chooseSecret());
  const out = join(root, 'run');
  const folders = [HONEST, ...ATTACKS].map((a) => join(classDir, a.name));
  await grade([...folders, '--profile', profileFile(), '--out', out, '--jobs', '2', '--no-typecheck', '--no-experiments', '--secret-file', secretFile, '--load-timeout', '20000']);
  for (const a of [HONEST, ...ATTACKS]) {
    const file = join(out, a.name, 'results.json');
    if (existsSync(file)) results.set(a.name, JSON.parse(readFileSync(file, 'utf8')).netgrade.result as SubmissionResult);
  }
});

afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('there are at least 20 attacks, and every submission gets a result and a report', () => {
  expect(ATTACKS.length).toBeGreaterThanOrEqual(20);
  expect([...results.keys()].sort()).toEqual([HONEST, ...ATTACKS].map((a) => a.name).sort());
});

test.each([HONEST, ...ATTACKS].map((a) => [a.name, a] as const))('%s gets exactly its expected result', (_name, attack) => {
  const r = results.get(attack.name)!;
  const e = attack.expect;
  if (e.status === 'load-failed') {
    expect(r.status).toBe('load-failed');
    if (r.status !== 'load-failed') return;
    expect(r.error.cause).toBe(e.cause);
    expect(r.error.message).toMatch(e.message);
    expect(r.score).toBe(0);
    return;
  }
  expect(r.status).toBe('graded');
  if (e.full) expect([r.score, r.checks.filter((c) => c.score < c.points).map((c) => `${c.id}: ${c.status}`)]).toEqual([r.maxScore, []]);
  for (const [id, want] of Object.entries(e.checks ?? {})) {
    if (typeof want === 'string') expect([id, statusOf(r, id)]).toEqual([id, want]);
    else expect([id, statusOf(r, id)]).toEqual([id, expect.stringMatching(want)]);
  }
});

test('the honest submission keeps full marks, hidden checks included', () => {
  const honest = results.get('honest')!;
  expect(honest.maxScore).toBeGreaterThan(0);
  expect(honest.checks.filter((c) => c.hidden).map((c) => `${c.id}: ${c.status}`)).toEqual(['vanillaRNN.hidden.forward: passed', 'vanillaRNN.hidden.no-leaks: passed']);
  expect(honest.score).toBe(honest.maxScore);
});

test('an identical copy in another folder is graded on its own, not served the other student\'s stored result', () => {
  expect(printed.join('\n')).not.toContain('stored result');
  expect(results.get('identical-copy')!.submission.hash).toBe(results.get('honest')!.submission.hash);
  expect(results.get('identical-copy')!.checks.length).toBe(results.get('honest')!.checks.length);
});

test('nothing a submission wrote reaches the terminal as a control sequence, or the job summary as Markdown', () => {
  const terminal = printed.join('\n');
  expect(terminal).not.toMatch(/\u001b/);
  expect(terminal).not.toMatch(/^✓ everyone passed/m);
  expect(terminal).not.toMatch(/^✓ alice: 140\/140/m);
  // the job summary as GitHub would show it (raw HTML allowed, as GitHub allows some): nothing of the message acts
  const summary = new MarkdownIt({ html: true }).render(readFileSync(join(root, 'run', 'markdown-injection', 'summary.md'), 'utf8'));
  expect(summary).toContain('claim your grade');
  expect(summary).not.toMatch(/<h1>\s*You passed/);
  expect(summary).not.toContain('href="https://example.invalid"');
  expect(summary).not.toMatch(/<img src="?x/);
  const html = readFileSync(join(root, 'run', 'markdown-injection', 'report.html'), 'utf8');
  expect(html).not.toContain('<img src=x');
  for (const f of ['report.html', 'summary.md', 'junit.xml']) expect(readFileSync(join(root, 'run', 'terminal-injection', f), 'utf8')).not.toMatch(/\u001b/);
});

test('the network: the child reaches nothing on the grading machine where the OS isolates it', () => {
  const iso = isolation();
  if (iso.network) expect(connections).toBe(0);
  else expect(iso.summary).toMatch(/network not isolated \(/); // said once per run and in every report
});

test('the patches of the tensor library were refused, not merely ineffective', () => {
  expect(results.get('patch-tensor-library')!.submission.author).toBe('valueAndGrads: refused; variableGrads: refused; memory: refused; dataSync: refused; kernel: refused');
});

test('a model whose forward hangs is not trained; the honest one is, against the reference', async () => {
  const out = join(root, 'with-experiments');
  await grade([join(classDir, 'honest'), join(classDir, 'hangs-in-forward'), '--profile', profileFile(), '--out', out, '--jobs', '2', '--no-typecheck', '--load-timeout', '20000']);
  const log = printed.join('\n');
  expect(log).toContain('hangs-in-forward: no experiments for vanillaRNN: its check vanillaRNN.forward.T1 timed out');
  const honest = JSON.parse(readFileSync(join(out, 'honest', 'results.json'), 'utf8')).netgrade.result as SubmissionResult;
  expect(honest.runs.length).toBeGreaterThan(0);
  const stuck = JSON.parse(readFileSync(join(out, 'hangs-in-forward', 'results.json'), 'utf8')).netgrade.result as SubmissionResult;
  expect(stuck.runs).toEqual([]);
});

/** A text generator whose forward predicts from a bigram table it fills from the inputs it is shown; its parameters stay the init. */
const TEXT_CURVE_CHEAT = `
import * as tf from '@tensorflow/tfjs';
const counts = new Map<number, number[]>();
const textGenerator = {
  init(spec: any, seed: number) {
    const { vocabSize: V, embeddingDim: E, hiddenDim: H, numLayers } = spec;
    const u = (shape: number[], salt: number) => tf.randomUniform(shape, -0.1, 0.1, 'float32', seed * 31 + salt);
    const p: Record<string, tf.Tensor> = { embedding: u([V, E], 1), W_ph: u([V, H], 2), b_p: tf.zeros([V]) };
    let salt = 3;
    for (let l = 0; l < numLayers; l++) for (const g of ['g', 'i', 'f', 'o']) {
      p['l' + l + '.W_' + g + 'x'] = u([H, l === 0 ? E : H], salt++);
      p['l' + l + '.W_' + g + 'h'] = u([H, H], salt++);
      p['l' + l + '.b_' + g] = tf.zeros([H]);
    }
    return p;
  },
  forward(p: any, x: tf.Tensor2D, spec: any): tf.Tensor3D {
    return tf.tidy(() => {
      const rows = x.arraySync() as number[][];
      const empty = () => new Array<number>(spec.vocabSize).fill(0);
      const key = (id: number) => spec.vocabSize * 1000 + id;   // one table per vocabulary (the probes use others)
      for (const row of rows) for (let t = 0; t + 1 < row.length; t++) {
        const c = counts.get(key(row[t])) ?? empty();
        c[row[t + 1]] += 1;
        counts.set(key(row[t]), c);
      }
      const logits = rows.map((row) => row.map((id) => (counts.get(key(id)) ?? empty()).map((n) => 5 * Math.log1p(n))));
      return tf.add(tf.tensor3d(logits), tf.mul(0, tf.sum(p.b_p))) as tf.Tensor3D;
    });
  },
  step(p: any, state: unknown, tokens: tf.Tensor1D, spec: any) {
    const logits = tf.tidy(() => textGenerator.forward(p, tokens.reshape([tokens.shape[0], 1]) as tf.Tensor2D, spec).reshape([tokens.shape[0], spec.vocabSize]) as tf.Tensor2D);
    return { logits, state };
  },
};
export default { models: { textGenerator } };
`;

test('a text generator whose training curve does not come from its parameters earns nothing for training (the grader scores the parameters on held-out text)', async () => {
  const quick = loadProfile('quick');
  const profile = {
    ...quick,
    name: 'hostile-text',
    description: 'quick, text generator only, a small training budget: the hostile class test',
    models: ['textGenerator'],
    rubric: Object.fromEntries(Object.entries(quick.rubric).filter(([id]) => id.startsWith('textGenerator.'))),
    sanity: {},
    experiments: [],
    text: { seqLength: 10, batchSize: 16, hiddenDim: 16, embeddingDim: 8, steps: 40, evalEvery: 10, target: 0.27, learningRate: 0.02 },
    limits: { checkTimeoutMs: 60_000, memoryMb: 512, submissionBudgetMs: 400_000 },
  };
  const file = join(root, 'hostile-text.json');
  writeFileSync(file, JSON.stringify(profile));
  const dir = join(classDir, 'text-curve-cheat');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.ts'), TEXT_CURVE_CHEAT);
  const out = join(root, 'text');
  await grade([dir, '--profile', file, '--out', out, '--jobs', '1', '--no-typecheck', '--no-experiments', '--load-timeout', '20000']);
  const r = JSON.parse(readFileSync(join(out, 'text-curve-cheat', 'results.json'), 'utf8')).netgrade.result as SubmissionResult;
  const training = r.checks.find((c) => c.id === 'textGenerator.training')!;
  // its own training curve passed the target; the parameters it trained predict nothing
  expect(training).toMatchObject({ status: 'failed', score: 0, actual: expect.stringMatching(/training curve 0\.[3-9]/), hint: expect.stringContaining('the outputs must come from the parameters forward is given') });
});
