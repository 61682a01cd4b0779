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

/** Frozen: nothing the submission does can replace an op. */
export const ops: OpRegistry = Object.freeze({
  ...describeOps,
  ...trainOps,
  ...recurrentOps,
  ...textOps,
  ...graphOps,
});
export type { Op, OpFamily, OpRegistry } from './types';
