/**
 * Guards the statistics' inputs: a non-empty array of finite numbers — or, where a
 * statistic treats a censored run as "never", finite numbers and +∞.
 *
 * Example: `requireSample('olympicMean', [3, 1, 2], 3)` passes; `[1, NaN]` throws;
 * `requireSample('censoredMedian', [400, Infinity], 1, { infinity: true })` passes.
 * Throws: "<where> requires at least <min> finite numbers, got <actual>".
 */
export function requireSample(where: string, x: readonly number[], min = 1, options: { infinity?: boolean } = {}): void {
  const ok = (v: unknown) => typeof v === 'number' && (Number.isFinite(v) || (options.infinity === true && v === Infinity));
  if (!Array.isArray(x) || x.length < min || !x.every(ok)) {
    const shown = Array.isArray(x) ? `[${x.slice(0, 6).join(', ')}${x.length > 6 ? ', …' : ''}] (${x.length} values)` : String(x);
    const what = options.infinity ? ' (or +Infinity for a censored run)' : '';
    throw new Error(`${where} requires at least ${min} finite number${min === 1 ? '' : 's'}${what}, got ${shown}.`);
  }
}
