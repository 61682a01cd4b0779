import { encode, inputDim, lstm, mat, type OracleSpec } from './index';

const base = { vocabSize: 3, numClasses: 2, hiddenDim: 2 };

describe('oracle input encodings', () => {
  it('one-hot: x(t) = e_token, D = vocabSize', () => {
    const spec: OracleSpec = { ...base, input: { kind: 'one-hot' } };
    expect(inputDim(spec)).toBe(3);
    expect(encode({}, [[2, 0], [1, 1]], spec).map((x) => Array.from(x))).toEqual([[0, 0, 1, 0, 1, 0], [1, 0, 0, 0, 1, 0]]);
  });

  it('scalar: x(t) = the token value, D = 1', () => {
    const spec: OracleSpec = { ...base, input: { kind: 'scalar' } };
    expect(inputDim(spec)).toBe(1);
    expect(encode({}, [[2, 0], [1, 1]], spec).map((x) => Array.from(x))).toEqual([[2, 1], [0, 1]]);
  });

  it('embedding: x(t) = embedding[token], D = E', () => {
    const spec: OracleSpec = { ...base, input: { kind: 'embedding', dim: 2 } };
    const embedding = mat([3, 2], Float64Array.of(1, 2, 3, 4, 5, 6));
    expect(inputDim(spec)).toBe(2);
    expect(encode({ embedding }, [[2, 0]], spec).map((x) => Array.from(x))).toEqual([[5, 6], [1, 2]]);
  });

  it.each([
    [{ ...base, hiddenDim: 0, input: { kind: 'one-hot' } }, 'oracle.lstm.paramShapes requires spec.hiddenDim to be a positive integer, got 0'],
    [{ ...base, input: { kind: 'onehot' } }, `oracle.lstm.paramShapes requires spec.input.kind to be 'one-hot', 'embedding' or 'scalar', got "onehot"`],
    [{ ...base, input: { kind: 'embedding' } }, 'oracle.lstm.paramShapes requires spec.input.dim (the embedding size) to be a positive integer, got undefined'],
  ])('rejects a bad spec %#', (spec, message) => {
    expect(() => lstm.paramShapes(spec as OracleSpec)).toThrow(message);
  });

  it('rejects empty or non-integer tokens', () => {
    const spec: OracleSpec = { ...base, input: { kind: 'scalar' } };
    expect(() => lstm.forward({}, [], spec)).toThrow('oracle.lstm.forward requires tokens as a non-empty [B][T] array of token ids, got []');
    expect(() => lstm.forward({}, [[0.5]], spec)).toThrow('oracle.lstm.forward requires tokens[0][0] to be a token id in 0…2, got 0.5');
  });
});
