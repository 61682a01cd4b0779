/**
 * For the wasm kernel fixes' tests: run `f` on the pure-JS cpu backend (tfjs's own
 * reference kernels) to get the expected values, then switch back to wasm.
 */
import { selectBackend } from './select';

export async function onCpu<T>(f: () => T): Promise<T> {
  await selectBackend('cpu');
  try { return f(); } finally { await selectBackend('wasm'); }
}
