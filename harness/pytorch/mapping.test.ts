/**
 * The parts of load-and-map that need no Python: what names say, which candidates shapes
 * leave open, and that canonical values survive the trip into a student's layout and back
 * (the embedding through P = W_x·embeddingᵀ), with gradients checked against the float64
 * oracle's BPTT by the chain rule the translation claims.
 */
import { lstm } from '../../reference/oracle';
import { probeParams } from '../checks/recurrent/support';
import type { RecurrentSpec } from '../contract';
import { propose } from './mapping';
import type { StudentParam } from './mapping';
import { modelSpecOf } from './model-spec';
import { readName } from './names';
import { pinnedCandidate } from './pin';
import type { Pin, PinEntry } from './pin';
import { fromStudent, gradsFromStudent, matmul, toStudent, transpose } from './translate';
import type { StudentState } from './translate';

describe('readName', () => {
  it.each([
    ['W_gx', { gate: 'g', source: 'x' }], ['Wgx', { gate: 'g', source: 'x' }], ['w_ih', { gate: 'i', source: 'h' }],
    ['W.xf', { gate: 'f', source: 'x' }], ['W_hg', { gate: 'g', source: 'h' }], ['modulation_x', { gate: 'g', source: 'x' }],
    ['forget_h', { gate: 'f', source: 'h' }], ['gates.o.hx.W', { gate: 'o', source: 'x' }], ['bias_f', { gate: 'f', bias: true }],
  ])('%s (LSTM) reads as %j', (name, expected) => {
    expect(readName(name, 'lstm')).toMatchObject(expected);
  });
  it('reads the peephole source c as the recurrent source', () => {
    expect(readName('W.cf', 'peepLSTM')).toMatchObject({ gate: 'f', source: 'h' });
    expect(readName('W.xc', 'peepLSTM')).toMatchObject({ gate: 'c', source: 'x' });
  });
  it('reads biLSTM directions', () => {
    expect(readName('forward.W_ix', 'biLSTM')).toMatchObject({ gate: 'i', source: 'x', dir: 'fwd' });
    expect(readName('bwd_cell.W_oh', 'biLSTM')).toMatchObject({ gate: 'o', source: 'h', dir: 'bwd' });
  });
});

const H = 6, K = 2, E = 8;
const lstmParams = (layout: 'out-in' | 'in-out'): StudentParam[] => [
  { name: 'embedding.weight', shape: [3, E], owner: 'Embedding' },
  ...['g', 'i', 'f', 'o'].flatMap((g) => [
    { name: `W_${g}x`, shape: layout === 'out-in' ? [H, E] : [E, H], owner: 'LSTM' },
    { name: `W_${g}h`, shape: [H, H], owner: 'LSTM' },
    { name: `b_${g}`, shape: [H], owner: 'LSTM' },
  ]),
  { name: 'W_ph', shape: [K, H], owner: 'LSTM' }, { name: 'b_p', shape: [K], owner: 'LSTM' },
];

describe('propose', () => {
  it('leaves only the square recurrent matrices\' orientation open when names and shapes say the rest', () => {
    const { candidates, problems } = propose('lstm', lstmParams('in-out'), H, K);
    expect(problems).toEqual([]);
    expect(candidates.map((c) => c.label)).toEqual(['W_h [out, in]', 'W_h [in, out]']);
    const x = candidates[0].bindings.find((b) => b.name === 'W_gx');
    expect(x).toMatchObject({ role: 'x', gate: 'g', transpose: true });
  });
  it('permutes gates no name spells, with one permutation for every role', () => {
    const unnamed = lstmParams('out-in').map((p, k) => (p.name.startsWith('W_ph') || p.name.startsWith('b_p') || p.owner === 'Embedding' ? p : { ...p, name: `p${k}` }));
    expect(propose('lstm', unnamed, H, K).candidates).toHaveLength(24 * 2);
  });
  it('says why there is no candidate', () => {
    const noBias = lstmParams('out-in').filter((p) => p.name !== 'b_f');
    expect(propose('lstm', noBias, H, K).problems).toEqual(['the model requires a bias for gate f']);
  });
});

describe('what a model fixes of its spec (modelSpecOf)', () => {
  const digits: RecurrentSpec = { vocabSize: 10, numClasses: 10, hiddenDim: H, input: { kind: 'one-hot' } };
  const rnn = (inputRows: number): StudentParam[] => [
    { name: 'W_hx', shape: [inputRows, H], owner: 'VanillaRNN' }, { name: 'W_hh', shape: [H, H], owner: 'VanillaRNN' },
    { name: 'b_h', shape: [H], owner: 'VanillaRNN' }, { name: 'W_ph', shape: [H, 10], owner: 'VanillaRNN' }, { name: 'b_p', shape: [10], owner: 'VanillaRNN' },
  ];
  it('an input matrix of one input column and no embedding: the raw digit as one feature', () => {
    expect(modelSpecOf('2018', 'vanillaRNN', rnn(1), digits)).toEqual({ input: { kind: 'scalar' } });
    const [candidate] = propose('vanillaRNN', rnn(1), H, 10, { scalar: true }).candidates;
    expect(candidate.bindings).toContainEqual({ name: 'W_hx', role: 'x', gate: 'h', transpose: false });
    expect(candidate.bindings).toContainEqual({ name: 'b_h', role: 'b', gate: 'h' });
  });
  it('a model that one-hot codes the digit itself keeps the profile\'s encoding', () => {
    expect(modelSpecOf('2018', 'vanillaRNN', rnn(10), digits)).toEqual({});
  });
  it('a 2020 GRU that holds no gate bias is graded without them; one that holds them, and a 2018 model, are not', () => {
    const gru = (biases: boolean): StudentParam[] => [
      { name: 'embedding.weight', shape: [3, 8], owner: 'Embedding' },
      ...['z', 'r', 'g'].flatMap((g) => [{ name: `W_${g}`, shape: [H, H + 8], owner: 'GRU' }, ...(biases ? [{ name: `b_${g}`, shape: [H], owner: 'GRU' }] : [])]),
      { name: 'W_ph', shape: [2, H], owner: 'GRU' }, { name: 'b_p', shape: [2], owner: 'GRU' },
    ];
    const spec: RecurrentSpec = { vocabSize: 3, numClasses: 2, hiddenDim: H, input: { kind: 'embedding', dim: 4 } };
    expect(modelSpecOf('2020', 'gru', gru(false), spec)).toEqual({ gateBiases: false });
    expect(modelSpecOf('2020', 'gru', gru(true), spec)).toEqual({});
    expect(modelSpecOf('2020', 'lstm', lstmParams('out-in'), spec)).toEqual({});
  });
});

describe('pinnedCandidate', () => {
  const pin = (entries: PinEntry[]): Pin => ({ file: 'alice.mapping.json', models: { lstm: entries } });
  const all = (): PinEntry[] => lstmParams('in-out').map((p) => ({ student: p.name, canonical: p.owner === 'Embedding' ? 'embedding' : p.name, transposed: /^W_[gifo]x$/.test(p.name) }));
  it('reads the report\'s words back into bindings: fused blocks in their order, a second bias', () => {
    const entries = all();
    const c = pinnedCandidate(pin(entries), 'lstm', lstmParams('in-out'), H)!;
    expect(c.bindings.find((b) => b.name === 'W_gx')).toEqual({ name: 'W_gx', role: 'x', gate: 'g', transpose: true });
    expect(c.bindings.find((b) => b.name === 'W_ph')).toEqual({ name: 'W_ph', role: 'outW' });
    const fused: StudentParam[] = [{ name: 'g_w', shape: [H + 3, H], owner: 'LSTM' }, { name: 'g_b', shape: [H], owner: 'LSTM' }, { name: 'g_c', shape: [H], owner: 'LSTM' }];
    const read = pinnedCandidate({ file: 'f', models: { lstm: [{ student: 'g_w', canonical: 'W_gh + W_gx', transposed: true }, { student: 'g_b', canonical: 'b_g' }, { student: 'g_c', canonical: 'b_g (second bias, held at 0)' }] } }, 'lstm', fused, H)!;
    expect(read.bindings).toEqual([{ name: 'g_w', role: 'xh', gate: 'g', order: 'hx', transpose: true }, { name: 'g_b', role: 'b', gate: 'g' }, { name: 'g_c', role: 'b0', gate: 'g' }]);
  });
  it('names the file, the model and the entry of what does not fit', () => {
    const params = lstmParams('in-out');
    expect(() => pinnedCandidate(pin([{ student: 'W_zx', canonical: 'W_gx' }]), 'lstm', params, H)).toThrow(/^alice\.mapping\.json: models\.lstm\[0\]\.student requires a parameter of lstm \(embedding\.weight, W_gx, /);
    expect(() => pinnedCandidate(pin([{ student: 'W_gx', canonical: 'W_zx' }]), 'lstm', params, H)).toThrow(/^alice\.mapping\.json: models\.lstm\[0\]\.canonical requires a canonical part of lstm as the report writes it .*, got "W_zx"$/);
    expect(() => pinnedCandidate(pin([{ student: 'W_gx', canonical: 'W_gx' }]), 'lstm', params, H)).toThrow(/^alice\.mapping\.json: models\.lstm\[0\]\.transposed requires true for W_gx \[8, 6\] at H = 6 \(stored \[in, out\]\), got false$/);
    expect(() => pinnedCandidate(pin(all().slice(1)), 'lstm', params, H)).toThrow(/^alice\.mapping\.json: models\.lstm requires every parameter of the model pinned, got none for embedding\.weight$/);
    expect(pinnedCandidate(pin(all()), 'gru', params, H)).toBeUndefined();
  });
});

describe('toStudent / fromStudent / gradsFromStudent', () => {
  const spec: RecurrentSpec = { vocabSize: 3, numClasses: K, hiddenDim: H, input: { kind: 'embedding', dim: 4 } };
  const canonicalShapes = lstm.paramShapes(spec);
  const params = probeParams(canonicalShapes, 1);
  const [candidate] = propose('lstm', lstmParams('in-out'), H, K).candidates;
  const shapes = Object.fromEntries(lstmParams('in-out').map((p) => [p.name, p.shape]));

  it('loads the embedding as identity rows and each gate\'s input matrix as P = W_x·embeddingᵀ', () => {
    const state = toStudent(params, candidate.bindings, shapes, spec);
    const P = matmul(params.W_gx, transpose(params.embedding));                 // [H, V]
    const Wgx = transpose({ shape: [E, H], data: Float64Array.from(state.W_gx.values) });   // [H, E]
    for (let h = 0; h < H; h++) for (let v = 0; v < 3; v++) expect(Wgx.data[h * E + v]).toBeCloseTo(P.data[h * 3 + v], 12);
    expect(state['embedding.weight'].values.slice(0, E)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads back the same function: every gate\'s product P and every other parameter unchanged', () => {
    const back = fromStudent(toStudent(params, candidate.bindings, shapes, spec), candidate.bindings, spec, canonicalShapes);
    const tokens = [[0, 1, 2, 1], [2, 2, 0, 1]];
    const a = lstm.forward(params, tokens, spec).logits.data;
    const b = lstm.forward(back, tokens, spec).logits.data;
    a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12));
  });

  it('turns the student\'s gradients into the oracle\'s BPTT gradients', () => {
    const tokens = [[0, 1, 2, 1], [2, 2, 0, 1], [1, 0, 0, 2]];
    const targets = [1, 0, 1];
    const expected = lstm.lossAndGradients(params, tokens, targets, spec).grads;
    // the student's gradients at the loaded state, made from the oracle's: ∂L/∂W'_x[:, :V] = ∂L/∂P, where ∂L/∂W_x = ∂L/∂P·embedding
    // is solved for ∂L/∂P through the one-hot model with the products as its input matrices
    const oneHot: RecurrentSpec = { ...spec, input: { kind: 'one-hot' } };
    const productParams = { ...params };
    for (const g of ['g', 'i', 'f', 'o']) productParams[`W_${g}x`] = matmul(params[`W_${g}x`], transpose(params.embedding));
    delete productParams.embedding;
    const dP = lstm.lossAndGradients(productParams, tokens, targets, oneHot).grads;
    const studentGrads: StudentState = {};
    for (const b of candidate.bindings) {
      const shape = shapes[b.name];
      if (b.role === 'x') {
        const m = { shape: [H, E], data: new Float64Array(H * E) };
        const d = dP[b.name];
        for (let h = 0; h < H; h++) for (let v = 0; v < 3; v++) m.data[h * E + v] = d.data[h * 3 + v];
        studentGrads[b.name] = { shape, values: Array.from(transpose(m).data) };
      } else if (b.role === 'h') studentGrads[b.name] = { shape, values: Array.from(dP[b.name].data) };
      else if (b.role === 'emb') studentGrads[b.name] = { shape, values: new Array(3 * E).fill(0) };
      else studentGrads[b.name] = { shape, values: Array.from(dP[b.role === 'outW' ? 'W_ph' : b.role === 'outB' ? 'b_p' : b.name].data) };
    }
    const got = gradsFromStudent(studentGrads, params, candidate.bindings, spec);
    for (const [name, m] of Object.entries(expected)) {
      m.data.forEach((v, i) => expect(got[name].data[i]).toBeCloseTo(v, 10));
    }
  });
});
