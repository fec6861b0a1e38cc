import { describe, expect, it } from 'vitest';
import { STANDARD_ERRORS, momentsOf, standardErrorsFrom } from '../testing/moments.ts';
import { generatorFor, mix32, randomStream, splitmix32 } from './streams.ts';
import { Xoshiro128 } from './xoshiro128.ts';

describe('Xoshiro128', () => {
  // Outputs of the reference C code (prng.di.unimi.it/xoshiro128starstar.c), compiled with gcc.
  it('matches the reference implementation from state 1, 2, 3, 4', () => {
    const generator = new Xoshiro128(1, 2, 3, 4);
    const outputs = Array.from({ length: 6 }, () => generator.nextUint32());
    expect(outputs).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('matches the reference implementation after 1000 steps from a high-bit state', () => {
    const generator = new Xoshiro128(0xdeadbeef, 0x12345678, 0xffffffff, 0x80000001);
    for (let i = 0; i < 1000; i++) generator.nextUint32();
    expect(generator.nextUint32()).toBe(3329624312);
  });

  it('refuses the all-zero state, from which it would only give zeros', () => {
    expect(() => new Xoshiro128(0, 0, 0, 0)).toThrow(RangeError);
  });
});

describe('splitmix32', () => {
  it('fills distinct words from nearby seeds', () => {
    const words = [0, 1, 2, 3].map((seed) => splitmix32(seed)());
    expect(new Set(words).size).toBe(4);
    expect(mix32(0)).toBe(0); // the finaliser alone maps 0 to 0; splitmix32 adds the golden gamma first
    expect(splitmix32(0)()).not.toBe(0);
  });
});

describe('randomStream', () => {
  const first = (random: () => number, n = 8) => Array.from({ length: n }, random);

  it('gives the same numbers for the same seed and labels', () => {
    expect(first(randomStream(7, 'replication', 3))).toEqual(
      first(randomStream(7, 'replication', 3)),
    );
  });

  it('gives different numbers for another seed, label, order or split of labels', () => {
    const streams = [
      randomStream(7),
      randomStream(8),
      randomStream(7, 'a'),
      randomStream(7, 'b'),
      randomStream(7, 'replication', 1),
      randomStream(7, 'replication', 2),
      randomStream(7, 1, 'replication'),
      randomStream(7, 'ab'),
      randomStream(7, 'a', 'b'),
      randomStream(7, '1'),
      randomStream(7, 1),
      randomStream(7 + 2 ** 32),
      randomStream(-7),
    ].map((random) => first(random).join());
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12, within bounds', () => {
    const sample = momentsOf(randomStream(42, 'uniformity'), 200_000);
    const errors = standardErrorsFrom(sample, 0.5, 1 / 12);
    expect(errors.mean).toBeLessThan(STANDARD_ERRORS);
    expect(errors.variance).toBeLessThan(STANDARD_ERRORS);
    expect(sample.min).toBeGreaterThanOrEqual(0);
    expect(sample.max).toBeLessThan(1);
  });

  it('fills 20 equal bins evenly (chi-square below the 99.9% point)', () => {
    const random = randomStream(99, 'bins');
    const n = 200_000;
    const bins = new Array<number>(20).fill(0);
    for (let i = 0; i < n; i++) bins[Math.floor(random() * 20)]! += 1;
    const expected = n / 20;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(43.82); // χ²(19 degrees of freedom), 0.999 quantile
  });

  it('gives streams that are uncorrelated with each other', () => {
    const [a, b] = [randomStream(1, 'replication', 0), randomStream(1, 'replication', 1)];
    const n = 200_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (a() - 0.5) * (b() - 0.5);
    // Correlation = 12·E[(a − ½)(b − ½)]; its standard error is 1/√n for independent streams.
    expect(Math.abs((12 * sum) / n)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('refuses seeds and labels that are not safe integers', () => {
    expect(() => randomStream(1.5)).toThrow(RangeError);
    expect(() => generatorFor(1, 'replication', Number.NaN)).toThrow(RangeError);
  });
});
