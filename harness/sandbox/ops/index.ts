/**
 * The op registry: every op a submission's process can run, by name. Each family lives in
 * its own file and is spread in here (one line per family).
 */
import type { OpRegistry } from './types';
import { describeOps } from './describe';
import { trainOps } from './train';
import { recurrentOps } from './recurrent';
import { textOps } from './text';
import { graphOps } from './graph';

export const ops: OpRegistry = {
  ...describeOps,
  ...trainOps,
  ...recurrentOps,
  ...textOps,
  ...graphOps,
};
export type { Op, OpRegistry } from './types';
