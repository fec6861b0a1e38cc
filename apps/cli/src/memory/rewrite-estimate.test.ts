import { describe, expect, it } from 'vitest';
import type { FloorTiming } from './floor.ts';
import { rewriteEstimate } from './rewrite-estimate.ts';

/** A size's timings, µs per entry: floor, rows model, objects model, engine. */
function timing(rows: number, objects: number, engine: number | null, agents = 1000): FloorTiming {
  return {
    agents,
    entries: 1000,
    ops: 1000,
    usPerEntry: 0.1,
    usPerOp: 0.1,
    rowsUsPerEntry: rows,
    rowsUsPerOp: rows,
    objectsUsPerEntry: objects,
    objectsUsPerOp: objects,
    engineUsPerEntry: engine,
    engineUsPerOp: engine,
  };
}

describe('the rewrite estimate', () => {
  it('takes the share of the extra the rows model saves off the engine’s extra', () => {
    // Engine 1 → 4 µs (extra 3); objects model extra 1, rows model extra 0.6: rows save 40%.
    const estimate = rewriteEstimate(timing(0.2, 0.2, 1), timing(0.8, 1.2, 4, 100_000));
    expect(estimate).toEqual({
      engineExtraUs: 3,
      engineRatio: 0.25,
      rowsShare: 0.4,
      rewriteRatio: 0.357, // 1 / (4 - 3 × 0.4)
      rowsBoundRatio: 0.625, // 1 / (1 + 0.6)
    });
  });

  it('keeps the share between none and all of the extra', () => {
    const worse = rewriteEstimate(timing(0.2, 0.2, 1), timing(1.5, 1.2, 4));
    expect(worse).toMatchObject({ rowsShare: 0, rewriteRatio: 0.25, engineRatio: 0.25 });
    const better = rewriteEstimate(timing(0.3, 0.2, 1), timing(0.25, 1.2, 4));
    expect(better).toMatchObject({ rowsShare: 1, rewriteRatio: 1, rowsBoundRatio: 1 });
  });

  it('has nothing to say without the engine or without an extra to share', () => {
    expect(rewriteEstimate(timing(0.2, 0.2, null), timing(0.8, 1.2, null))).toBeNull();
    expect(rewriteEstimate(timing(0.2, 0.2, 1), timing(0.8, 1.2, null))).toBeNull();
    expect(rewriteEstimate(timing(0.2, 0.5, 1), timing(0.3, 0.4, 1.1))).toBeNull();
  });
});
