/**
 * Guards the statistics' inputs: a non-empty array of finite numbers.
 *
 * Example: `requireSample('olympicMean', [3, 1, 2], 3)` passes; `[1, NaN]` throws.
 * Throws: "<where> requires at least <min> finite numbers, got <actual>".
 */
export function requireSample(where: string, x: readonly number[], min = 1): void {
  if (!Array.isArray(x) || x.length < min || x.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    const shown = Array.isArray(x) ? `[${x.slice(0, 6).join(', ')}${x.length > 6 ? ', …' : ''}] (${x.length} values)` : String(x);
    throw new Error(`${where} requires at least ${min} finite number${min === 1 ? '' : 's'}, got ${shown}.`);
  }
}
