/**
 * The course's PyTorch templates (../../../shared notes, restated in README "PyTorch
 * submissions"): which flat files a submission of each year holds, and how that year's
 * `train.py` builds and feeds a model. Data, no logic beyond lookups.
 *
 * | template | files | constructor, positional | x per batch |
 * |---|---|---|---|
 * | 2018, 2019 spring | vanilla_rnn.py, lstm.py | (seq_length, input_dim, num_hidden, num_classes, batch_size, device) | [B, T] float digits |
 * | 2019 fall | same | (seq_length, input_dim, num_hidden, num_classes, device) | same |
 * | 2020 | lstm.py, peep_lstm.py, gru.py, bi_lstm.py | (seq_length, input_dim, hidden_dim, num_classes, batch_size, device) | per dataset, below |
 *
 * The worker tells spring from fall 2019 by the constructor's parameter names.
 */
import type { DatasetName } from '../../reference/data/types';
import type { SequenceModelName } from '../contract';

export type Template = '2018' | '2019' | '2020';

/** The Part 1 file of each model, per template (flat in the folder, as handed in). */
export const TEMPLATE_FILES: Record<Template, Partial<Record<SequenceModelName, string>>> = {
  2018: { vanillaRNN: 'vanilla_rnn.py', lstm: 'lstm.py' },
  2019: { vanillaRNN: 'vanilla_rnn.py', lstm: 'lstm.py' },
  2020: { lstm: 'lstm.py', peepLSTM: 'peep_lstm.py', gru: 'gru.py', biLSTM: 'bi_lstm.py' },
};

/** Models whose equations in that year's PDF have no gate biases (2020 eqs. 29–34: the GRU). */
export const WITHOUT_GATE_BIASES: Record<Template, SequenceModelName[]> = { 2018: [], 2019: [], 2020: ['gru'] };

/** Every file name that marks a folder as a PyTorch submission. */
export const PYTORCH_FILES = [...new Set(Object.values(TEMPLATE_FILES).flatMap((t) => Object.values(t)))] as string[];

/** The template a profile grades PyTorch submissions with: `pytorchTemplate` if set, else its name's year; undefined when none fits. */
export function templateOf(profile: { name: string; pytorchTemplate?: string }): Template | undefined {
  const named = profile.pytorchTemplate ?? /^(2018|2019|2020)/.exec(profile.name)?.[1];
  return named === '2018' || named === '2019' || named === '2020' ? named : undefined;
}

/** The input layouts a model may accept, the template's own first (what its train.py feeds). */
export const LAYOUTS = ['B,T,1', 'B,1,T', 'B,T', 'B,T,long', 'T,B', 'T,B,1'] as const;
export type Layout = typeof LAYOUTS[number];

/** What the template's train.py feeds for a dataset. */
export function templateLayout(template: Template, dataset: DatasetName | undefined): Layout {
  if (template !== '2020') return 'B,T';
  if (dataset === 'binary-palindrome') return 'B,T,1';
  if (dataset === 'baum-sweet') return 'B,1,T';
  return 'B,T';
}

/** Layouts to try, the template's first. */
export function layoutOrder(template: Template, dataset: DatasetName | undefined): Layout[] {
  const first = templateLayout(template, dataset);
  return [first, ...LAYOUTS.filter((l) => l !== first)];
}

export interface Ctor { seq_length: number; input_dim: number; hidden: number; classes: number; batch: number }

/**
 * The constructor's arguments as that year's train.py passes them: random combinations pass
 * `seq_length` = L (one more than the real T); Baum–Sweet has input_dim 3; otherwise 1.
 */
export function ctorFor(dataset: DatasetName | undefined, T: number, hidden: number, classes: number, batch: number): Ctor {
  return {
    seq_length: dataset === 'random-combinations' ? T + 1 : T,
    input_dim: dataset === 'baum-sweet' ? 3 : 1,
    hidden, classes, batch,
  };
}
