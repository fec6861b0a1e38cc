import type { FloorTiming } from './floor.ts';

/**
 * What the timings of two sizes say about the engine's ratio (smallest size's speed over the
 * largest's, issue 2's 100,000/1,000 target) and about a rewrite of its state into rows.
 */
export interface RewriteEstimate {
  /** The engine's µs per entry at the largest size minus at the smallest. */
  engineExtraUs: number;
  /** The engine's ratio as timed: its µs per entry at the smallest size over the largest's. */
  engineRatio: number;
  /** Share of the objects model's extra that the rows model does without (0 to 1). */
  rowsShare: number;
  /**
   * The ratio if a rewrite into rows took that share off the engine's extra and left its time
   * at the smallest size as it is (the two models are within noise there).
   */
  rewriteRatio: number;
  /**
   * The ratio if the engine's whole extra were the rows model's, routing, statistics and
   * decisions reaching no cold memory at all: more than any engine on rows can expect.
   */
  rowsBoundRatio: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * The estimate from the smallest and the largest size's timings; null when the engine was not
 * timed, or when the objects model has no extra to take a share of (sizes too close).
 */
export function rewriteEstimate(
  smallest: FloorTiming,
  largest: FloorTiming,
): RewriteEstimate | null {
  const e1 = smallest.engineUsPerEntry;
  const eN = largest.engineUsPerEntry;
  if (e1 === null || eN === null || e1 <= 0 || eN <= 0) return null;
  const objectsExtra = largest.objectsUsPerEntry - smallest.objectsUsPerEntry;
  if (objectsExtra <= 0) return null;
  const rowsExtra = largest.rowsUsPerEntry - smallest.rowsUsPerEntry;
  const engineExtra = eN - e1;
  const share = Math.min(1, Math.max(0, 1 - rowsExtra / objectsExtra));
  const after = eN - Math.max(0, engineExtra) * share;
  return {
    engineExtraUs: round(engineExtra, 4),
    engineRatio: round(e1 / eN, 3),
    rowsShare: round(share, 3),
    rewriteRatio: round(e1 / after, 3),
    rowsBoundRatio: round(e1 / (e1 + Math.max(0, rowsExtra)), 3),
  };
}
