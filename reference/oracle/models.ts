/** The oracle's models by the contract's names. */
import type { SequenceModelName } from '../../harness/contract';
import { biLSTM } from './bi-lstm';
import { gru } from './gru';
import { lstm } from './lstm';
import { peepLSTM } from './peep-lstm';
import { timeGatedLSTM } from './time-gated-lstm';
import type { OracleModel } from './types';
import { vanillaRNN } from './vanilla-rnn';

export const oracle: Record<SequenceModelName, OracleModel> = { vanillaRNN, lstm, peepLSTM, gru, biLSTM, timeGatedLSTM };

/** The model itself, or the one registered under `name` (with a clear error for an unknown name). */
export function resolveModel(model: OracleModel | SequenceModelName): OracleModel {
  if (typeof model !== 'string') return model;
  const found = oracle[model];
  if (!found) throw new Error(`oracle requires a model name among ${Object.keys(oracle).join(', ')}, got ${JSON.stringify(model)}`);
  return found;
}
