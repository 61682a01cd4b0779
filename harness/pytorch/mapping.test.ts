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
import { readName } from './names';
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
