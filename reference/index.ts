/**
 * The reference implementation as a submission: graded like any submission and expected
 * to score full marks. One line per model; the folders' own index files list the rest.
 */
import type { Submission } from '../harness/contract';
import { biLSTM } from './models/bi-lstm';
import { gat } from './models/gat';
import { gcn } from './models/gcn';
import { gru } from './models/gru';
import { lstm } from './models/lstm';
import { peepLSTM } from './models/peep-lstm';
import { textGenerator } from './models/text-generator';
import { timeGate } from './models/time-gate';
import { timeGatedLSTM } from './models/time-gated-lstm';
import { vanillaRNN } from './models/vanilla-rnn';

const reference = {
  author: 'netgrade reference',
  models: {
    vanillaRNN,
    lstm,
    peepLSTM,
    gru,
    biLSTM,
    timeGatedLSTM,
    textGenerator,
    gcn,
    gat,
  },
  timeGate,
  conventions: { gru: 'update-takes-new', temperature: 'multiply' },
} satisfies Submission;

export default reference;
