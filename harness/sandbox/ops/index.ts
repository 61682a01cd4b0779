/**
 * The op registry: every op a submission's process can run, by name. Each family lives in
 * its own file and is spread in here (one line per family).
 */
import type { OpRegistry } from './types';

export const ops: OpRegistry = {
};
export type { Op, OpRegistry } from './types';
