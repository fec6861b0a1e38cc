import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.ts';
import { expectedOverflow, expectedOverflowOver, poissonBinomial } from './expected-drops.ts';

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

  it('[PACE4] poissonBinomial sums to one and matches every outcome enumerated', () => {
    const chances = [0.1, 0.5, 0.9, 0.3];
    const pmf = poissonBinomial(chances);
    const brute = [0, 0, 0, 0, 0];
    for (let mask = 0; mask < 16; mask++) {
      let chance = 1;
      let successes = 0;
      chances.forEach((q, i) => {
        const hit = (mask >> i) & 1;
        chance *= hit ? q : 1 - q;
        successes += hit;
      });
      brute[successes] = (brute[successes] ?? 0) + chance;
    }
    pmf.forEach((value, k) => expect(value).toBeCloseTo(brute[k] ?? 0, 12));
  });

  it('[PACE4] an uncertain capacity is the mixture of fixed ones (seeded)', () => {
    const random = seededRandom(4);
    for (let i = 0; i < 200; i++) {
      const lines = random.int(0, 60);
      const p = random.next();
      const base = random.int(-3, 10);
      const freeing = poissonBinomial(
        Array.from({ length: random.int(0, 8) }, () => random.next()),
      );
      const mixture = freeing.reduce(
        (sum, chance, f) => sum + chance * expectedOverflow(lines, p, base + f),
        0,
      );
      expect(expectedOverflowOver(lines, p, base, freeing)).toBeCloseTo(mixture, 9);
    }
  });
});
