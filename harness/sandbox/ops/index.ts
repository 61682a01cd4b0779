/**
 * The op registry: every op a submission's process can run, by name. Each family lives in
 * its own file and is spread in here (one line per family).
 */
import type { OpRegistry } from './types';
import { trainOps } from './train';

export const ops: OpRegistry = {
  ...trainOps,
};
export type { Op, OpRegistry } from './types';
