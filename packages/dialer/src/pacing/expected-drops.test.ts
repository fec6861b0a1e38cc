import { describe, expect, it } from 'vitest';
import { expectedOverflow } from './expected-drops.ts';

function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

describe('expectedOverflow', () => {
  it('[PACE4] equals the binomial sum written out', () => {
    for (const [lines, p, capacity] of [
      [10, 0.2, 2],
      [30, 0.25, 4.5],
      [1, 0.5, 0],
      [60, 0.1, 0],
    ] as const) {
      let expected = 0;
      for (let k = 0; k <= lines; k++) {
        expected += choose(lines, k) * p ** k * (1 - p) ** (lines - k) * Math.max(0, k - capacity);
      }
      expect(expectedOverflow(lines, p, capacity)).toBeCloseTo(expected, 10);
    }
  });

  it('[PACE4] is zero with no lines, and every answer over capacity when p = 1', () => {
    expect(expectedOverflow(0, 0.3, 1)).toBe(0);
    expect(expectedOverflow(5, 1, 2)).toBe(3);
    expect(expectedOverflow(5, 0, 0)).toBe(0);
  });
});
