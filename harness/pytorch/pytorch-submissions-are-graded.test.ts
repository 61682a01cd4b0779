/**
 * PyTorch submissions in the course's templates, graded through the same checks (same ids)
 * as a tfjs submission under the year's profile: the correct examples earn every
 * correctness point (the 2018 one reading the raw digit as one feature, the 2020 GRU without
 * gate biases, the biLSTM with a submodule per direction), each planted mistake gets its
 * diagnosis or its error, an instructor's mapping pin is judged like a found mapping, and the
 * mapping is in the result. Training runs at the quick profile's sizes only (the profiles'
 * own take minutes).
 *
 * Without python3 + torch every folder is "not graded: PyTorch runtime not found" — that is
 * what this file then asserts (the same test, the other branch), and it prints why once.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { datasetInfo, makeBatch } from '../../reference/data';
import { checksFor } from '../checks';
import type { CheckOutcome } from '../checks/types';
import { loadProfile } from '../profiles';
import { PROJECT_ROOT } from '../sandbox/paths';
import { openPython } from '../sandbox/python-handle';
import { checkPythonResult, readPythonMessage } from '../sandbox/python-messages';
import { derivedSeed } from '../worker/seeds';
import { PyTorchAdapter } from './adapter';
import { NO_RUNTIME, pythonRuntime, resetPythonRuntime } from './runtime';
import type { PyTorchGrading } from './types';
import type { Profile } from '../profiles/types';
import { SPEC_NOTES } from './model-spec';

const profile = loadProfile('2020-DE');
const runtime = pythonRuntime();
if (!runtime) console.log(`PyTorch tests assert the torch-less result: ${NO_RUNTIME}`);

const EXAMPLE = join(PROJECT_ROOT, 'submissions', 'pytorch-2020');

/**
 * Planted mistakes: the correct example with one line changed (so the mistake is the only
 * difference), plus any fixture files of the same name (fixtures/<name>/).
 */
const PLANTED: Record<string, Record<string, [string, string]>> = {
  'batch-softmax-peep-tanh': {
    'lstm.py': ['return torch.log_softmax(p, dim=1)', 'return torch.log_softmax(p, dim=0)'],
    'peep_lstm.py': ['c = torch.sigmoid(xt @ self.Wcx + self.bc) * i + c * f', 'c = torch.tanh(xt @ self.Wcx + self.bc) * i + c * f'],
  },
  'step-short-detach': {
    'lstm.py': ['for t in range(tokens.shape[1]):', 'for t in range(self.seq_length - 1):'],
    'peep_lstm.py': ['h = torch.tanh(c) * o', 'h = torch.tanh(c) * o\n            c = c.detach()'],
  },
  'pt-broken': { 'peep_lstm.py': ['x.squeeze(-1).long()', 'x.squeeze(-1).type(torch.cuda.LongTensor)'] },
};

const plantedRoots: string[] = [];
afterAll(() => { for (const root of plantedRoots) rmSync(root, { recursive: true, force: true }); });

function folder(name: string): string {
  if (name === 'pytorch-2020') return EXAMPLE;
  const planted = PLANTED[name];
  if (!planted) return join(__dirname, 'fixtures', name);
  const root = mkdtempSync(join(tmpdir(), 'netgrade-planted-'));
  plantedRoots.push(root);
  const dir = join(root, name);
  mkdirSync(dir);
  const own = join(__dirname, 'fixtures', name);
  if (existsSync(own)) for (const f of readdirSync(own)) copyFileSync(join(own, f), join(dir, f));
  for (const [file, [from, to]] of Object.entries(planted)) {
    const source = readFileSync(join(EXAMPLE, file), 'utf8');
    if (!source.includes(from)) throw new Error(`planting into ${file} requires the line "${from}" in the example, got none`);
    writeFileSync(join(dir, file), source.replace(from, to));
  }
  return dir;
}

interface Graded { outcomes: Map<string, CheckOutcome>; summary: PyTorchGrading | undefined; loadError?: string }

async function grade(name: string): Promise<Graded> {
  return gradeWith('2020-DE', folder(name), ['lstm', 'peepLSTM']);
}

/** `models`' checks under `profileName` (no training, no hidden checks), the summary, or the load error. */
async function gradeWith(profileName: string, dir: string, models: string[], extra: (p: Profile) => Profile = (p) => p, ids: (id: string) => boolean = (id) => !id.endsWith('.train.sanity') && !id.includes('.hidden.')): Promise<Graded> {
  const p = extra(loadProfile(profileName));
  const mine = checksFor(p).filter((c) => models.includes(c.subject) && ids(c.id));
  const opened = await openPython({ name: basename(dir), dir, entry: dir, hash: '' }, p);
  if (opened.status === 'load-failed') return { outcomes: new Map(), summary: undefined, loadError: opened.error.message };
  const outcomes = new Map<string, CheckOutcome>();
  try {
    for (const check of mine) outcomes.set(check.id, await check.run({ handle: opened.handle, profile: p, seed: 0 }));
    return { outcomes, summary: await (opened.handle as unknown as { summary(): Promise<PyTorchGrading> }).summary() };
  } finally {
    await opened.handle.close();
  }
}

const statusOf = (o: CheckOutcome | undefined) => (o?.status === 'failed' && o.diagnosis ? `failed: ${o.diagnosis.id}` : o?.status === 'errored' ? `errored: ${o.cause}` : o?.status);
const lostPoints = (g: Graded, model: string) => [...g.outcomes].filter(([id, o]) => id.startsWith(`${model}.`) && o.status !== 'passed' && o.status !== 'skipped').map(([id, o]) => `${id}: ${JSON.stringify(o).slice(0, 300)}`);

/** Runs `body` with torch, else asserts the folder is reported as not graded. */
function withTorch(name: string, body: (g: Graded) => void) {
  return async () => {
    const g = await grade(name);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(g.loadError).toBeUndefined();
    body(g);
  };
}

describe('PyTorch submissions (2020 template, profile 2020-DE)', () => {
  it('submissions/pytorch-2020 earns every correctness point, its mapping shown per model', withTorch('pytorch-2020', (g) => {
    expect(lostPoints(g, 'lstm')).toEqual([]);
    expect(lostPoints(g, 'peepLSTM')).toEqual([]);
    expect(g.outcomes.get('lstm.gradients.hand-written')?.status).toBe('skipped');
    const [lstmMap, peepMap] = ['lstm', 'peepLSTM'].map((m) => g.summary!.models.find((x) => x.model === m)!);
    expect(lstmMap).toMatchObject({ status: 'accepted', layout: 'B,T,1', output: 'tensor', dtype: 'float64' });
    expect(lstmMap.pairs).toContainEqual({ student: 'embedding.weight', canonical: 'embedding', transposed: false });
    expect(peepMap.pairs).toContainEqual({ student: 'Wfh', canonical: 'W_fh', transposed: true });
  }));

  it('fused [h | x] gates, one-hot input, a tuple output, a batch fixed at construction, a ParameterDict and int64-only input all map and pass', withTorch('pt-fused-onehot', (g) => {
    expect(lostPoints(g, 'lstm')).toEqual([]);
    expect(lostPoints(g, 'peepLSTM')).toEqual([]);
    const lstmMap = g.summary!.models.find((x) => x.model === 'lstm')!;
    expect(lstmMap).toMatchObject({ status: 'accepted', output: 'tuple[1]' });
    expect(lstmMap.pairs).toContainEqual({ student: 'g_w', canonical: 'W_gh + W_gx', transposed: true });
    expect(g.summary!.models.find((x) => x.model === 'peepLSTM')).toMatchObject({ status: 'accepted', layout: 'B,T,long' });
  }));

  it('a log-softmax over the batch axis and a tanh peephole cell input map to nothing and get their diagnoses', withTorch('batch-softmax-peep-tanh', (g) => {
    for (const T of [1, 5, 50]) {
      expect(statusOf(g.outcomes.get(`lstm.forward.T${T}`))).toBe('failed: log-softmax-batch-axis');
      expect(statusOf(g.outcomes.get(`peepLSTM.forward.T${T}`))).toBe('failed: peephole-cell-input-activation');
    }
    expect(statusOf(g.outcomes.get('lstm.forward.batch-independence'))).toBe('failed');
    expect(g.summary!.models.map((m) => m.status)).toEqual(['none', 'none']);
  }));

  it('one step short is diagnosed; a detach that cuts the gradient passes forward and fails autodiff', withTorch('step-short-detach', (g) => {
    expect(statusOf(g.outcomes.get('lstm.forward.T5'))).toBe('failed: loop-one-step-early');
    expect(statusOf(g.outcomes.get('peepLSTM.forward.T50'))).toBe('passed');
    expect(statusOf(g.outcomes.get('peepLSTM.gradients.autodiff'))).toBe('failed');
  }));

  it('a file that does not parse and a CUDA-only cast are errors that name the cause', withTorch('pt-broken', (g) => {
    const lstmShapes = g.outcomes.get('lstm.params.shapes');
    expect(statusOf(lstmShapes)).toBe('errored: load-failed');
    expect(lstmShapes?.status === 'errored' && lstmShapes.message).toMatch(/lstm\.py:7 could not be imported: IndentationError/);
    const peep = g.outcomes.get('peepLSTM.forward.T1');
    expect(peep?.status === 'errored' && peep.message).toMatch(/CUDA/);
  }));

  it('the template\'s NotImplementedError stub and a missing file are "not submitted"', withTorch('pt-stub', (g) => {
    expect(statusOf(g.outcomes.get('lstm.forward.T1'))).toBe('errored: not-submitted');
    expect(statusOf(g.outcomes.get('peepLSTM.forward.T1'))).toBe('errored: not-submitted');
  }));

  it('reading a file outside the folder or opening a socket at import fails that file\'s load, with the reason', withTorch('pt-hostile', (g) => {
    const read = g.outcomes.get('lstm.forward.T1');
    expect(read?.status === 'errored' && read.message).toMatch(/lstm\.py could not be imported: PermissionError: the PyTorch worker requires a submission that reads only its own files, got open\('\/etc\/passwd'\)/);
    const net = g.outcomes.get('peepLSTM.forward.T1');
    expect(net?.status === 'errored' && net.message).toMatch(/peep_lstm\.py could not be imported: PermissionError: the PyTorch worker requires a submission that does not socket/);
  }));

  it('a GRU without gate biases, as the 2020 equations read (eqs. 29–34), maps and earns every correctness point under 2020-A', async () => {
    const g = await gradeWith('2020-A', folder('pt-gru-no-bias'), ['gru']);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(lostPoints(g, 'gru')).toEqual([]);
    expect(g.outcomes.get('gru.params.count')?.status).toBe('passed');
    expect(g.summary!.models[0]).toMatchObject({ model: 'gru', status: 'accepted', layout: 'B,1,T', notes: [SPEC_NOTES.noGateBiases] });
  });

  it('a biLSTM with a nested submodule per direction and W_ph [C, 2H] maps and earns every correctness point under 2020-BC', async () => {
    const g = await gradeWith('2020-BC', EXAMPLE, ['biLSTM']);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(lostPoints(g, 'biLSTM')).toEqual([]);
    const map = g.summary!.models.find((m) => m.model === 'biLSTM')!;
    expect(map).toMatchObject({ status: 'accepted', output: 'tensor', notes: [] });
    expect(map.pairs).toEqual(expect.arrayContaining([
      { student: 'forward_cell.W_gx', canonical: 'fwd.W_gx', transposed: false }, { student: 'backward_cell.b_o', canonical: 'bwd.b_o', transposed: false },
      { student: 'W_ph', canonical: 'W_ph', transposed: false },
    ]));
  });

  it('without a PyTorch runtime a PyTorch submission is "not graded" and nothing starts', async () => {
    const saved = process.env.NETGRADE_PYTHON;
    process.env.NETGRADE_PYTHON = '/nonexistent/python3';
    resetPythonRuntime();
    try {
      const dir = folder('pytorch-2020');
      const opened = await openPython({ name: 'pytorch-2020', dir, entry: dir, hash: '' }, profile);
      expect(opened.status === 'load-failed' && opened.error).toMatchObject({ cause: 'load-failed', message: NO_RUNTIME });
    } finally {
      if (saved === undefined) delete process.env.NETGRADE_PYTHON; else process.env.NETGRADE_PYTHON = saved;
      resetPythonRuntime();
    }
  });
});

describe('PyTorch submissions of the 2018 and 2019 templates', () => {
  const EXAMPLE_2019 = join(PROJECT_ROOT, 'submissions', 'pytorch-2019');
  const EXAMPLE_2018 = join(PROJECT_ROOT, 'submissions', 'pytorch-2018');
  const PART1 = ['vanillaRNN', 'lstm'];

  it('a fall-2019 submission (constructor without batch_size, one-hot digits, U/W/V names) earns every correctness point under 2019', async () => {
    const g = await gradeWith('2019', EXAMPLE_2019, PART1);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(lostPoints(g, 'vanillaRNN')).toEqual([]);
    expect(lostPoints(g, 'lstm')).toEqual([]);
    expect(g.summary!.models.find((m) => m.model === 'vanillaRNN')?.pairs).toEqual(expect.arrayContaining([
      { student: 'U', canonical: 'W_hx', transposed: true }, { student: 'V', canonical: 'W_ph', transposed: true },
    ]));
  });

  it('the same models with the spring-2019/2018 constructor (batch_size before device) under 2018', async () => {
    const root = mkdtempSync(join(tmpdir(), 'netgrade-2018-'));
    plantedRoots.push(root);
    for (const f of ['vanilla_rnn.py', 'lstm.py']) {
      writeFileSync(join(root, f), readFileSync(join(EXAMPLE_2019, f), 'utf8').replace("num_classes, device='cpu'", "num_classes, batch_size, device='cpu'"));
    }
    const g = await gradeWith('2018', root, PART1);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(lostPoints(g, 'vanillaRNN')).toEqual([]);
    expect(lostPoints(g, 'lstm')).toEqual([]);
  });

  it('models that read the raw digit as one feature (W_x [1, H], as the 2018 train.py feeds it) are graded with the scalar encoding: every Part 1 check, training included (quick sizes)', async () => {
    const quick = loadProfile('quick');
    const quickSanity = (p: Profile): Profile => ({ ...p, sanity: { vanillaRNN: quick.sanity.vanillaRNN, lstm: quick.sanity.lstm } });
    const g = await gradeWith('2018', EXAMPLE_2018, PART1, quickSanity, () => true);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(lostPoints(g, 'vanillaRNN')).toEqual([]);
    expect(lostPoints(g, 'lstm')).toEqual([]);
    expect(g.outcomes.get('lstm.train.sanity')?.status).toBe('passed');
    for (const model of PART1) {
      expect(g.summary!.models.find((m) => m.model === model)).toMatchObject({ status: 'accepted', layout: 'B,T', notes: [SPEC_NOTES.scalar] });
    }
    expect(g.summary!.models.find((m) => m.model === 'lstm')!.pairs).toContainEqual({ student: 'W_gx', canonical: 'W_gx', transposed: false });
  });
});

describe('an instructor\'s mapping pin, beside the submission folder', () => {
  const FIXTURE = join(__dirname, 'fixtures', 'pt-ambiguous');
  const PIN = readFileSync(`${FIXTURE}.mapping.json`, 'utf8');

  /** The fixture copied to a fresh folder, with `pin` (file text) beside it when given. */
  function copy(pin?: string): string {
    const root = mkdtempSync(join(tmpdir(), 'netgrade-pin-'));
    plantedRoots.push(root);
    const dir = join(root, 'pt-ambiguous');
    mkdirSync(dir);
    copyFileSync(join(FIXTURE, 'vanilla_rnn.py'), join(dir, 'vanilla_rnn.py'));
    if (pin !== undefined) writeFileSync(`${dir}.mapping.json`, pin);
    return dir;
  }

  it('an ambiguous model is refused without a pin and graded with it; the report names the pin', async () => {
    const without = await gradeWith('2019', copy(), ['vanillaRNN']);
    if (!runtime) { expect(without.loadError).toBe(NO_RUNTIME); return; }
    expect(without.summary!.models[0]).toMatchObject({ status: 'ambiguous', pinned: null, problem: expect.stringMatching(/^ambiguous: 2 candidates reproduce the reference/) });
    expect(statusOf(without.outcomes.get('vanillaRNN.forward.T5'))).toBe('errored: bad-output');

    const pinned = await gradeWith('2019', FIXTURE, ['vanillaRNN']);
    expect(lostPoints(pinned, 'vanillaRNN')).toEqual([]);
    expect(pinned.summary!.models[0]).toMatchObject({ status: 'accepted', pinned: 'pt-ambiguous.mapping.json', notes: ['mapping pinned by pt-ambiguous.mapping.json'] });
    expect(pinned.summary!.models[0].pairs).toEqual(JSON.parse(PIN).models.vanillaRNN.map((e: { transposed?: boolean }) => ({ transposed: false, ...e })));
  });

  it('a pin that does not reproduce the reference is judged like any mapping: the model is graded as wrong and the report says the pin failed', async () => {
    const g = await gradeWith('2019', copy(PIN.replace('"canonical": "W_hh", "transposed": true', '"canonical": "W_hh"')), ['vanillaRNN']);
    if (!runtime) { expect(g.loadError).toBe(NO_RUNTIME); return; }
    expect(g.summary!.models[0]).toMatchObject({ status: 'none', pinned: 'pt-ambiguous.mapping.json', problem: expect.stringMatching(/^the pin failed: the mapping pinned by pt-ambiguous\.mapping\.json does not reproduce the reference/) });
    expect(statusOf(g.outcomes.get('vanillaRNN.forward.T5'))).toMatch(/^failed/);
  });

  it('a bad pin file is an error that names the file, the model and the entry', async () => {
    const schema = await gradeWith('2019', copy('{ "models": { "vanillaRNN": [{ "student": "U", "canonical": "W_hx", "transposd": true }] } }'), ['vanillaRNN']);
    if (!runtime) { expect(schema.loadError).toBe(NO_RUNTIME); return; }
    expect(schema.loadError).toMatch(/^pt-ambiguous\.mapping\.json is not a valid mapping pin:\n {2}- \/models\/vanillaRNN\/0 requires only known keys, got an unknown "transposd"/);
    const entry = await gradeWith('2019', copy(PIN.replace('"student": "w"', '"student": "b"')), ['vanillaRNN']);
    const forward = entry.outcomes.get('vanillaRNN.forward.T5');
    expect(statusOf(forward)).toBe('errored: load-failed');
    expect(forward?.status === 'errored' && forward.message).toMatch(/pt-ambiguous\.mapping\.json: models\.vanillaRNN\[3\]\.student requires a parameter of vanillaRNN \(U, u, W, w, V, v\), got "b"/);
  });
});

describe('the grader side of the protocol', () => {
  it('rejects what is not one well-formed message per line', () => {
    expect(readPythonMessage('{"type": "result", "id": 1, "status": "ok", "value": 1}').ok).toBe(true);
    expect(readPythonMessage('NaN')).toMatchObject({ ok: false, problem: expect.stringMatching(/^a PyTorch worker message requires one JSON object per line/) });
    expect(readPythonMessage('{"type": "loaded", "info": {"provides": 42}}')).toMatchObject({ ok: false });
    expect(readPythonMessage('{"type": "result", "id": 1, "status": "errored", "error": {"cause": "nope", "name": "x", "message": "y"}}')).toMatchObject({ ok: false });
    expect(checkPythonResult('forward', { output: { shape: [2, 2], values: [1, 2, 3] }, kind: 'tensor', mutated: [] })).toMatch(/the result of forward in its documented shape/);
    expect(checkPythonResult('forward', { output: { shape: [1, 2], values: [1, null] }, kind: 'tensor', mutated: [] })).toBeUndefined();
  });

  it('trains on exactly the batches the tfjs harness trains on (reference/data, derivedSeed per step), and scores evaluations itself', async () => {
    const sent: Array<{ op: string; args: Record<string, unknown> }> = [];
    const request = async <T,>(op: string, args: unknown): Promise<{ status: 'ok'; value: T; ms: number }> => {
      sent.push({ op, args: args as Record<string, unknown> });
      const value = op === 'inspect'
        ? { names: ['W'], shapes: [[6, 6]], owners: ['X'], values: {}, dtype: 'float32' }
        : op === 'train.steps' ? { losses: new Array((args as { batches: { count: number } }).batches.count).fill(0.5), ms: 1 }
          : op === 'train.eval' ? { output: { shape: [4, 2], values: [1, 0, 0, 1, 1, 0, 0, 1] } } : {};
      return { status: 'ok', value: value as T, ms: 0 };
    };
    const adapter = new PyTorchAdapter('2020', profile, request);
    // a mapping is settled first; this fake model has none, so train is refused with the reason
    const spec = { vocabSize: 3, numClasses: 2, hiddenDim: 6, input: { kind: 'embedding' as const, dim: 4 } };
    const args = { model: 'lstm' as const, spec, dataset: 'binary-palindrome' as const, length: 2, seed: 3, optimizer: 'adam' as const, learningRate: 1e-3, batchSize: 5, maxNorm: 10, steps: 4, evalEvery: 2, evalSize: 4, target: 0.99 };
    const refused = await adapter.train(args, 10_000);
    expect(refused.status === 'errored' && refused.error.message).toMatch(/could not be run on canonical parameters/);
    // with a mapping in place the batches are makeBatch(dataset, L, B, derivedSeed(seed, 'train', step))
    (adapter as unknown as { usable: () => Promise<unknown> }).usable = async () => ({ settled: { status: 'accepted' }, candidate: { bindings: [] }, layout: 'B,T,1', dtype: 'float64' });
    sent.length = 0;
    const run = await adapter.train(args, 10_000);
    expect(run.status).toBe('ok');
    // each chunk arrives packed: bytes of tokens [n, B, T] and targets [n, B], one byte an id here (read back plainly)
    const chunks = sent.filter((s) => s.op === 'train.steps').map((s) => s.args.batches as { count: number; B: number; T: number; width: number; tokens: string; targets: string });
    const T = datasetInfo('binary-palindrome', 2).T;
    expect(chunks.map((c) => [c.count, c.B, c.T, c.width])).toEqual([[2, 5, T, 1], [2, 5, T, 1]]);
    const tokens = chunks.flatMap((c) => [...Buffer.from(c.tokens, 'base64')]);
    const targets = chunks.flatMap((c) => [...Buffer.from(c.targets, 'base64')]);
    [1, 2, 3, 4].forEach((step, k) => {
      const expected = makeBatch('binary-palindrome', 2, 5, derivedSeed(3, 'train', step));
      expect(tokens.slice(k * 5 * T, (k + 1) * 5 * T)).toEqual(Array.from(expected.tokens));
      expect(targets.slice(k * 5, (k + 1) * 5)).toEqual(Array.from(expected.targets));
    });
    // accuracy comes from the outputs, against the evaluation set's own labels
    const evalSet = makeBatch('binary-palindrome', 2, 4, derivedSeed(3, 'eval'));
    const predicted = [0, 1, 0, 1];
    const accuracy = predicted.filter((p, i) => p === evalSet.targets[i]).length / 4;
    expect(run.status === 'ok' && run.value.curve.map((p) => p.accuracy)).toEqual([accuracy, accuracy, accuracy]);
  });
});
