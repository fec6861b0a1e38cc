// Thresholds of the live campaign figures, as the wallboard colours its cells: amber as the
// abandon rate in the regulator's window nears the campaign's target, red once it is over
// (predictive dialing then falls back to progressive, COMPLIANCE.md).
import type { Level } from '../wallboard/wallboard-model.ts';

/** Share of the target from which the rate is shown amber. */
export const NEAR_TARGET = 0.8;

export function abandonAgainstTarget(rate: number, target: number): Level {
  if (!Number.isFinite(rate)) return 'ok';
  if (rate > target) return 'alarm';
  if (target > 0 && rate >= target * NEAR_TARGET) return 'warn';
  return 'ok';
}

/** A record of counts in a fixed order first (the known keys), then the others by name. */
export function orderedCounts(
  counts: Record<string, number>,
  order: readonly string[],
): [string, number][] {
  const known = order
    .filter((key) => key in counts)
    .map((key): [string, number] => [key, counts[key] ?? 0]);
  const others = Object.entries(counts)
    .filter(([key]) => !order.includes(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return [...known, ...others];
}

/** A list older than this many days is refused by the French pack (Bloctel FAQ, COMPLIANCE.md). */
export const STALE_AFTER_DAYS = 30;
const DAY_MS = 86_400_000;

/** Whole days since a list was scrubbed, and whether the French pack would refuse it. */
export function listAge(scrubbedAt: string, nowMs: number): { days: number; stale: boolean } {
  const ageMs = nowMs - Date.parse(scrubbedAt);
  return {
    days: Math.max(0, Math.floor(ageMs / DAY_MS)),
    stale: ageMs > STALE_AFTER_DAYS * DAY_MS,
  };
}
