/**
 * Throw-away submissions for the robustness tests: folders under the OS temp dir, outside
 * the project (as on Gradescope), so they reach tfjs only the way a real submission does.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discoverOne } from '../../harness/discover';
import type { DiscoveredSubmission } from '../../harness/discover';

const made: string[] = [];

/** Write `files` (relative path → source) into a fresh folder `<tmp>/<random>/<name>/`. */
export function throwaway(name: string, files: Record<string, string>): DiscoveredSubmission {
  const root = mkdtempSync(join(tmpdir(), 'netgrade-'));
  made.push(root);
  const dir = join(root, name);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), source);
  }
  const found = discoverOne(dir);
  if (!('entry' in found)) throw new Error(found.message);
  return found;
}

export function removeThrowaways(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A tiny, correct-shaped sequence classifier body (not the assignment's maths). */
export const TINY_MODEL = `
  init(spec: any, seed: number) {
    return {
      W_ph: tf.randomNormal([spec.numClasses, spec.hiddenDim], 0, 0.1, 'float32', seed),
      b_p: tf.zeros([spec.numClasses]),
    };
  },
  forward(params: any, tokens: tf.Tensor2D, spec: any): tf.Tensor2D {
    return tf.tidy(() => {
      const h = tf.ones([tokens.shape[0], spec.hiddenDim]).mul(tokens.sum(1, true).toFloat().div(100));
      return tf.matMul(h, params.W_ph, false, true).add(params.b_p) as tf.Tensor2D;
    });
  },
`;

export const SPEC = { vocabSize: 10, numClasses: 3, hiddenDim: 4, input: { kind: 'one-hot' } } as const;
