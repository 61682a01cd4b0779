/** The variant engine with the course's knobs is the oracle; every catalogue knob changes the answer. */
import { oracle } from '../../reference/oracle';
import { PROBE_TIME_GATE, probeParams, probeTokens } from '../checks/recurrent/support';
import { SEQUENCE_MODELS } from '../contract';
import type { InputEncoding, RecurrentSpec } from '../contract';
import { CATALOGUE } from './catalogue';
import { logProbError } from './compare';
import { correctVariant, variantForward } from './variants';

const inputs: InputEncoding[] = [{ kind: 'one-hot' }, { kind: 'embedding', dim: 4 }, { kind: 'scalar' }];
const spec = (input: InputEncoding): RecurrentSpec => ({ vocabSize: 5, numClasses: 3, hiddenDim: 6, input, timeGate: PROBE_TIME_GATE });

describe.each(SEQUENCE_MODELS)('%s', (model) => {
  test.each(inputs.map((i) => [i.kind, i] as const))('correct variant equals the oracle (%s input, both GRU rules)', (_, input) => {
    for (const gru of ['update-takes-new', 'update-keeps-old'] as const) {
      const s = spec(input);
      const params = probeParams(oracle[model].paramShapes({ ...s, gru }), 1);
      const tokens = probeTokens(s, 3, 7, 2);
      const expected = oracle[model].forward(params, tokens, { ...s, gru }).logits;
      const got = variantForward(model, params, tokens, s, { ...correctVariant, gru });
      expect(got.shape).toEqual(expected.shape);
      got.data.forEach((v, k) => expect(v).toBeCloseTo(expected.data[k], 12));
    }
  });

  test('every catalogue entry for it changes the output', () => {
    const s = spec({ kind: 'one-hot' });
    const params = probeParams(oracle[model].paramShapes(s), 4);
    const tokens = probeTokens(s, 3, 7, 5);
    const correct = variantForward(model, params, tokens, s);
    for (const entry of CATALOGUE.filter((e) => e.models.includes(model))) {
      const v = { ...correctVariant, ...entry.tweak(correctVariant) };
      expect([entry.id, logProbError(variantForward(model, params, tokens, s, v), correct) > 5e-4]).toEqual([entry.id, true]);
    }
  });
});
