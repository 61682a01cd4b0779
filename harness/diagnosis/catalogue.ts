/**
 * The catalogue of known conventions and known mistakes. Each entry turns knobs of the
 * course's model ({@link Variant}) and says, in the student's terms, what matches and what
 * to fix. Entries are data; `diagnose.ts` evaluates them.
 */
import type { SequenceModelName } from '../contract';
import type { Variant } from './variants';

export interface DiagnosisEntry {
  /** stable id, shown in reports and tests */
  id: string;
  /** the models the mistake can occur in */
  models: readonly SequenceModelName[];
  /** "matches <label> …": what the submission computes */
  describe(label: string): string;
  /** what to change */
  fix: string;
  /** the variant from the expected one (conventions already applied) */
  tweak(expected: Variant): Partial<Variant>;
}

const ALL = ['vanillaRNN', 'lstm', 'peepLSTM', 'gru', 'biLSTM', 'timeGatedLSTM'] as const;
const LSTMS = ['lstm', 'peepLSTM', 'biLSTM', 'timeGatedLSTM'] as const;
const GATED = ['lstm', 'peepLSTM', 'gru', 'biLSTM', 'timeGatedLSTM'] as const;

export const MODEL_LABELS: Record<SequenceModelName, string> = {
  vanillaRNN: 'a vanilla RNN', lstm: 'an LSTM', peepLSTM: 'a peephole LSTM', gru: 'a GRU',
  biLSTM: 'a biLSTM', timeGatedLSTM: 'a time-gated LSTM',
};

export const CATALOGUE: readonly DiagnosisEntry[] = [
  {
    id: 'log-softmax-batch-axis', models: ALL,
    describe: (m) => `matches ${m} with log-softmax over the batch axis (axis 0) instead of the classes`,
    fix: 'normalise over the class axis: tf.logSoftmax(p, 1) (or -1), or return the logits p unnormalised',
    tweak: () => ({ output: 'log-softmax-batch' }),
  },
  {
    id: 'softmax-output', models: ALL,
    describe: (m) => `matches ${m} that returns probabilities softmax(p) instead of logits`,
    fix: 'return the logits p = W_ph h(T) + b_p (or tf.logSoftmax(p)); the loss applies the softmax itself',
    tweak: () => ({ output: 'softmax' }),
  },
  {
    id: 'loop-one-step-early', models: ALL,
    describe: (m) => `matches ${m} whose loop stops one step early: x(T) is never read`,
    fix: 'loop over all T steps (for t = 0; t < T; t++), then predict from h(T)',
    tweak: () => ({ steps: 'one-early' }),
  },
  {
    id: 'output-from-first-step', models: ['vanillaRNN', 'lstm', 'peepLSTM', 'gru', 'timeGatedLSTM'],
    describe: (m) => `matches ${m} that predicts from h(1), the state after the first step, instead of h(T)`,
    fix: 'compute p from the hidden state after the last step, h(T)',
    tweak: () => ({ readout: 'first' }),
  },
  {
    id: 'recurrent-weights-transposed', models: ALL,
    describe: (m) => `matches ${m} that uses its recurrent matrices as [in, out] (h·W, i.e. Wᵀh)`,
    fix: 'recurrent weights are [out, in] and applied as W·h: use tf.matMul(h, W, false, true) for a row-major batch h [B, H]',
    tweak: () => ({ recurrentLayout: 'in-out' }),
  },
  {
    id: 'forget-input-swapped', models: LSTMS,
    describe: (m) => `matches ${m} whose forget and input gates use each other's parameters (W_f* ↔ W_i*)`,
    fix: 'f = σ(W_fx x + W_fh h + b_f) multiplies c(t−1); i = σ(W_ix x + W_ih h + b_i) multiplies g',
    tweak: () => ({ swapForgetInput: true }),
  },
  {
    id: 'recurrent-bias-missing', models: ALL,
    describe: (m) => `matches ${m} that leaves out the biases of its recurrence (b_h / b_g, b_i, b_f, b_o …)`,
    fix: 'add each gate\'s bias inside its nonlinearity, e.g. σ(W_fx x + W_fh h + b_f)',
    tweak: () => ({ recurrentBias: false }),
  },
  {
    id: 'output-bias-missing', models: ALL,
    describe: (m) => `matches ${m} that leaves out the output bias b_p`,
    fix: 'p = W_ph h(T) + b_p',
    tweak: () => ({ outputBias: false }),
  },
  {
    id: 'hard-sigmoid-gates', models: GATED,
    describe: (m) => `matches ${m} whose gates use the hard sigmoid clip(0.2a + 0.5, 0, 1) (the tfjs-layers default)`,
    fix: 'use the logistic sigmoid σ(a) = 1 / (1 + e^−a) (tf.sigmoid), not tf.layers\' recurrentActivation default',
    tweak: () => ({ gate: 'hard-sigmoid' }),
  },
  {
    id: 'cell-output-without-tanh', models: LSTMS,
    describe: (m) => `matches ${m} that outputs h = c⊙o, without the tanh`,
    fix: 'h(t) = tanh(c(t)) ⊙ o(t)',
    tweak: () => ({ cellOutput: 'identity' }),
  },
  {
    id: 'peephole-gates-read-h', models: ['peepLSTM'],
    describe: (m) => `matches ${m} whose gates read h(t−1) instead of c(t−1)`,
    fix: 'in the 2020 peephole LSTM the gates read the previous cell state: f = σ(W_fx x + W_fh c(t−1) + b_f), likewise i and o',
    tweak: () => ({ peepGatesRead: 'h' }),
  },
  {
    id: 'peephole-cell-input-activation', models: ['peepLSTM'],
    describe: (m) => `matches ${m} with the other cell-input activation (tanh instead of sigmoid, or the reverse)`,
    fix: 'the 2020 peephole LSTM writes c = σ(W_cx x + b_c) ⊙ i + c(t−1) ⊙ f — a sigmoid, not a tanh (see the profile\'s peepholeCellInput)',
    tweak: (e) => ({ peepCellInput: e.peepCellInput === 'sigmoid' ? 'tanh' : 'sigmoid' }),
  },
  {
    id: 'gru-mirrored-update', models: ['gru'],
    describe: (m) => `matches ${m} with the mirrored update convention (the one the submission did not declare)`,
    fix: 'either change the update to the declared rule, or declare the one you implement: conventions.gru = "update-takes-new" (h = (1−z)⊙h(t−1) + z⊙h̃) or "update-keeps-old" (h = z⊙h(t−1) + (1−z)⊙g)',
    tweak: (e) => ({ gru: e.gru === 'update-takes-new' ? 'update-keeps-old' : 'update-takes-new' }),
  },
  {
    id: 'gru-reset-after', models: ['gru'],
    describe: (m) => `matches ${m} that applies r after W_gh (tanh(W_gx x + r⊙(W_gh h) + b_g), the cuDNN/tfjs "reset-after" form)`,
    fix: 'apply the reset gate to h before the matrix: h̃ = tanh(W_gx x + W_gh (r⊙h(t−1)) + b_g)',
    tweak: () => ({ gruReset: 'after' }),
  },
  {
    id: 'bilstm-backward-not-reversed', models: ['biLSTM'],
    describe: (m) => `matches ${m} whose backward cell reads the sequence forwards (1…T) instead of T…1`,
    fix: 'run the backward cell from x(T) down to x(1) (tf.reverse the time axis), and use its state after x(1)',
    tweak: () => ({ backwardOrder: 'not-reversed' }),
  },
  {
    id: 'bilstm-backward-first-state', models: ['biLSTM'],
    describe: (m) => `matches ${m} that concatenates the backward cell's state after its first step (x(T) only) instead of after x(1)`,
    fix: 'concatenate h_fwd(T) with the backward cell\'s state after it has read the whole sequence, down to x(1)',
    tweak: () => ({ backwardState: 'first-step' }),
  },
  {
    id: 'bilstm-concat-order', models: ['biLSTM'],
    describe: (m) => `matches ${m} that concatenates [h_bwd ; h_fwd] instead of [h_fwd ; h_bwd]`,
    fix: 'H = [h_fwd(T) ; h_bwd] along the hidden axis: the first H columns of W_ph read the forward state',
    tweak: () => ({ concat: 'bwd-fwd' }),
  },
  {
    id: 'time-gate-truncating-mod', models: ['timeGatedLSTM'],
    describe: (m) => `matches ${m} whose time gate uses JavaScript's truncating % (φ < 0 for t < s)`,
    fix: 'use a floored modulo so φ ∈ [0, 1): ((t − s) % τ + τ) % τ',
    tweak: () => ({ timeGateMod: 'truncate' }),
  },
  {
    id: 'time-gate-zero-based', models: ['timeGatedLSTM'],
    describe: (m) => `matches ${m} whose time gate sees t = 0 … T−1 instead of t = 1 … T`,
    fix: 'the first input is x(1): call the gate with t = step index + 1',
    tweak: () => ({ timeOrigin: 0 }),
  },
];
