/** Checking parameters against a model's shapes, and counting them. */
import { mat } from './mat';
import type { OracleParams } from './types';

const fmt = (shape: number[] | undefined) => (shape ? `[${shape.join(', ')}]` : 'nothing');

/** Throws "<where> requires params.<name> of shape […], got …" on a missing, misshapen or unknown parameter. */
export function checkParams(where: string, params: OracleParams, shapes: Record<string, number[]>): void {
  if (params === null || typeof params !== 'object') throw new Error(`${where} requires params as a record of named matrices, got ${params}`);
  for (const [name, shape] of Object.entries(shapes)) {
    const p = params[name];
    if (!p || !Array.isArray(p.shape) || p.shape.length !== shape.length || p.shape.some((v, k) => v !== shape[k])) {
      throw new Error(`${where} requires params.${name} of shape ${fmt(shape)}, got ${fmt(p?.shape)}`);
    }
    const size = shape.reduce((a, b) => a * b, 1);
    // toString, not instanceof: arrays from another realm (jest's vm, IPC) are Float64Arrays too
    if (Object.prototype.toString.call(p.data) !== '[object Float64Array]' || p.data.length !== size) {
      throw new Error(`${where} requires params.${name}.data as a Float64Array of ${size} values, got ${p.data?.constructor?.name} of length ${p.data?.length}`);
    }
  }
  for (const name of Object.keys(params)) {
    if (!(name in shapes)) throw new Error(`${where} requires only the parameters ${Object.keys(shapes).join(', ')}, got an unknown params.${name} (check its spelling)`);
  }
}

/** Zero gradients with the model's names and shapes. */
export function zeroGrads(shapes: Record<string, number[]>): OracleParams {
  const g: OracleParams = {};
  for (const [name, shape] of Object.entries(shapes)) g[name] = mat(shape);
  return g;
}

/** Σ over parameters of their number of entries. */
export function countParams(shapes: Record<string, number[]>): number {
  return Object.values(shapes).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
}

/**
 * Trainable parameters of one LSTM cell with input size d and n units: 4(nd + n² + n)
 * (four gates, each W_·x [n, d], W_·h [n, n], b_· [n]); with an output layer for K
 * classes add nK + K. Example: d = n = 200 → 320,800.
 */
export function lstmParamCount(d: number, n: number, K?: number): number {
  for (const [name, v] of [['d', d], ['n', n], ['K', K ?? 0]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`lstmParamCount requires ${name} to be a non-negative integer, got ${v}`);
  }
  return 4 * (n * d + n * n + n) + (K === undefined ? 0 : n * K + K);
}
