/**
 * Points of a check from the profile's rubric: an exact id wins; otherwise the longest
 * pattern ending in `*` whose prefix the id starts with (`lstm.*`, `lstm.forward.*`, `*`).
 * A check the rubric does not mention is worth 0 points (it still runs and is reported).
 */
export function pointsFor(rubric: Record<string, number>, id: string): number {
  if (Object.prototype.hasOwnProperty.call(rubric, id)) return rubric[id];
  let best: { length: number; points: number } | undefined;
  for (const [pattern, points] of Object.entries(rubric)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (id.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, points };
  }
  return best?.points ?? 0;
}
