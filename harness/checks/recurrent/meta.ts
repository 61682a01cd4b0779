/** Check metadata for the sequence classifiers: ids are `<model>.<what>`, e.g. `lstm.forward.T50`. */
import type { SequenceModelName } from '../../contract';
import type { CheckMeta } from '../../results/types';

export const DEFAULT_TIMEOUT_MS = 30_000;

export function recurrentMeta(model: SequenceModelName, what: string, title: string, options: { hidden?: boolean; timeoutMs?: number } = {}): Omit<CheckMeta, 'points'> {
  return {
    id: `${model}.${what}`,
    title: `${model}: ${title}`,
    part: 'part1',
    subject: model,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    hidden: options.hidden ?? false,
  };
}
