/** Small text helpers of the view model: safe names, cleaned student text, numbers for people. */

/** Folder names for reports: file-system safe and unique. */
export function uniqueSlugs(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'submission';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  });
}

/** Strip ANSI colour codes and characters that XML 1.0 cannot carry (students' errors contain both). */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

export function relativeError(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toPrecision(2);
}

export function firstLine(text: string): string {
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Ratios and intervals for people: 2 decimals below 10, 1 above; an unbounded end (∞, or null once through JSON) is ∞. */
export function fmt(x: number | null): string {
  if (x === null || x === Infinity) return '∞';
  if (!Number.isFinite(x)) return x === -Infinity ? '−∞' : 'n/a';
  return Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
