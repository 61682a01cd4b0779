/** Profiles: every file loads; the spec's hyper-parameters are honoured; bad files get clear errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetInfo } from '../../reference/data';
import { listProfiles, loadProfile, pointsFor, validateProfile } from '.';

test('the seven profiles exist and load', () => {
  expect(listProfiles()).toEqual(['2018', '2019', '2020-A', '2020-BC', '2020-DE', 'first-look', 'quick', 'standard']);
  for (const name of listProfiles()) expect(loadProfile(name).name).toBe(name);
});

test.each(['2018', '2019'])('%s: digit palindromes, RMSProp 1e-3, batch 128, hidden 128, max-norm 10, sanity at T = 5', (name) => {
  const p = loadProfile(name);
  for (const task of Object.values(p.sanity)) {
    expect(task).toMatchObject({ dataset: 'digit-palindrome', optimizer: 'rmsprop', learningRate: 1e-3, batchSize: 128, hiddenDim: 128, maxNorm: 10 });
    expect(datasetInfo(task.dataset, task.length).T).toBe(5);
  }
  expect(p.models).toEqual(expect.arrayContaining(['vanillaRNN', 'lstm', 'textGenerator']));
});

test('2018 grades the time gate; 2019 uses the 2019 graph', () => {
  expect(loadProfile('2018').models).toEqual(expect.arrayContaining(['timeGate', 'timeGatedLSTM']));
  expect(loadProfile('2019').conventions.graph).toBe('2019');
});

// PDF Table 1–2: dataset, variant, lengths, lr, iterations, batch, hidden; Adam, max-norm 10, embeddings, 3 seeds
test.each([
  ['2020-A', 'baum-sweet', 'gru', [4, 5, 6], 1e-4, 3000, 256, 256, { lstm: 6, gru: 6 }],
  ['2020-BC', 'random-combinations', 'biLSTM', [5, 10, 15], 1e-3, 2000, 128, 128, { lstm: 6, biLSTM: 5 }],
  ['2020-DE', 'binary-palindrome', 'peepLSTM', [10, 20], 1e-4, 3000, 256, 256, { lstm: 10, peepLSTM: 6 }],
] as const)('%s follows the 2020 table', (name, dataset, variant, lengths, lr, steps, batch, hidden, sanity) => {
  const p = loadProfile(name);
  expect(p.seeds).toEqual([0, 1, 2]);
  expect(p.conventions).toEqual({ gru: 'update-takes-new', temperature: 'multiply', peepholeCellInput: 'sigmoid', graph: '2020' });
  expect(p.models).toEqual(expect.arrayContaining(['lstm', variant]));
  for (const x of p.experiments) {
    expect(x).toMatchObject({ dataset, lengths, learningRate: lr, steps, batchSize: batch, hiddenDim: hidden, optimizer: 'adam', maxNorm: 10, input: { kind: 'embedding' } });
  }
  expect(p.experiments.map((x) => x.model).sort()).toEqual(['lstm', variant].sort());
  expect(Object.fromEntries(Object.entries(p.sanity).map(([m, t]) => [m, t.length]))).toEqual(sanity);
  // the sanity trainings keep the PDF's datasets, lengths, embeddings and target, at a size a check can afford
  // (the reference needs 50–150 steps there); the experiments above keep the table's sizes
  for (const t of Object.values(p.sanity)) expect(t).toMatchObject({ dataset, hiddenDim: 64, batchSize: 64, optimizer: 'adam', learningRate: 1e-3, target: 0.99, input: { kind: 'embedding', dim: 64 } });
});

test('rubric: exact ids, then the longest prefix pattern, else 0', () => {
  const p = { ...loadProfile('quick'), rubric: { 'lstm.forward.T5': 2, 'lstm.*': 1, 'lstm.forward.*': 3 } };
  expect(pointsFor(p, 'lstm.forward.T5')).toBe(2);
  expect(pointsFor(p, 'lstm.forward.T50')).toBe(3);
  expect(pointsFor(p, 'lstm.params.count')).toBe(1);
  expect(pointsFor(p, 'gru.params.count')).toBe(0);
});

describe('invalid profiles are rejected with "<where> requires <what>, got <actual>"', () => {
  const good = () => JSON.parse(JSON.stringify(loadProfile('quick')));
  const problems = (data: unknown) => { try { validateProfile(data, 'test.json'); return ''; } catch (e) { return (e as Error).message; } };

  test('a wrong enum value', () => {
    const p = good(); p.conventions.gru = 'mirrored';
    expect(problems(p)).toContain('/conventions/gru requires one of "update-takes-new", "update-keeps-old", got "mirrored"');
  });
  test('a missing key and a misspelt one', () => {
    const p = good(); delete p.seeds; p.limits.memoryMB = 5;
    const msg = problems(p);
    expect(msg).toContain('(top level) requires the key "seeds"');
    expect(msg).toContain('/limits requires only known keys, got an unknown "memoryMB" (check its spelling)');
  });
  test('a wrong type, a number out of range, repeated seeds', () => {
    const p = good(); p.sanity.lstm.steps = 'many'; p.sanity.lstm.learningRate = 0; p.seeds = [1, 1];
    const msg = problems(p);
    expect(msg).toContain('/sanity/lstm/steps requires an integer, got "many"');
    expect(msg).toContain('/sanity/lstm/learningRate requires a number > 0, got 0');
    expect(msg).toContain('/seeds requires distinct items, got [1,1]');
  });
  test('a length the dataset cannot make', () => {
    const p = good(); p.sanity.lstm.length = 1;
    expect(problems(p)).toContain('/sanity/lstm/length: digit-palindrome requires an integer length L ≥ 2, got 1.');
  });
  test('a sanity task for a model that is not graded', () => {
    const p = good(); p.models = ['lstm']; p.sanity = { gru: p.sanity.gru };
    expect(problems(p)).toContain('/sanity/gru requires gru among /models (it is not graded)');
  });
  test('an embedding without its size', () => {
    const p = good(); p.sanity.lstm.input = { kind: 'embedding' };
    expect(problems(p)).toMatch(/\/sanity\/lstm\/input requires the key "dim"/);
  });
  test('the text section: any of its keys, each checked; a misspelt one is an error', () => {
    const p = good(); p.text = { steps: 60, taus: [0.5, 2] };
    expect(problems(p)).toBe('');
    p.text = { step: 60, target: 1.5 };
    const msg = problems(p);
    expect(msg).toContain('/text requires only known keys, got an unknown "step" (check its spelling)');
    expect(msg).toContain('/text/target requires a number <= 1, got 1.5');
  });
  test('an unknown profile name, a file that is not JSON, a name that differs from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'profiles-'));
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    writeFileSync(join(dir, 'renamed.json'), JSON.stringify({ ...good(), name: 'other' }));
    expect(() => loadProfile('nope', dir)).toThrow('--profile requires one of broken, renamed, got "nope"');
    expect(() => loadProfile('broken', dir)).toThrow(/requires valid JSON, got/);
    expect(() => loadProfile('renamed', dir)).toThrow(/requires "name": "renamed" \(its file name\), got "other"/);
  });
});
