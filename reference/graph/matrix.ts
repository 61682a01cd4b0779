/**
 * A dense float64 matrix, row-major: the plain-TypeScript currency of the graph utilities
 * and the graph oracles.
 */
export interface Matrix { rows: number; cols: number; data: Float64Array }

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rows: number[][]): Matrix {
  const m = zeros(rows.length, rows[0]?.length ?? 0);
  rows.forEach((r, i) => r.forEach((x, j) => { m.data[i * m.cols + j] = x; }));
  return m;
}

export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

/** C = A·B  ([r, k]·[k, c] → [r, c]) */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matMul requires inner dimensions to agree, got [${a.rows}, ${a.cols}]·[${b.rows}, ${b.cols}].`);
  const c = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) c.data[i * c.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return c;
}

export function transpose(a: Matrix): Matrix {
  const t = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}
