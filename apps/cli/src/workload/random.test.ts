import { describe, expect, it } from 'vitest';
import { Random } from './random.ts';

const draws = (seed: number, n: number): number[] => {
  const random = new Random(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draws(42, 20)).toEqual(draws(42, 20));
    expect(draws(42, 20)).not.toEqual(draws(43, 20));
  });

  it('draws floats in [0, 1) and integers within their bounds', () => {
    const random = new Random(7);
    for (let i = 0; i < 10_000; i++) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = random.int(3, 6);
      expect(n >= 3 && n <= 6 && Number.isInteger(n)).toBe(true);
    }
  });

  it('hits every integer of a small range', () => {
    const random = new Random(1);
    const seen = new Set(Array.from({ length: 1000 }, () => random.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('draws exponentials with about the asked mean', () => {
    const random = new Random(3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += random.exponential(240);
    expect(sum / 100_000).toBeGreaterThan(235);
    expect(sum / 100_000).toBeLessThan(245);
  });

  it('picks by weight and never picks a zero weight', () => {
    const random = new Random(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[random.weightedIndex([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / (counts[0] as number)).toBeCloseTo(3, 0);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random(9).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});
