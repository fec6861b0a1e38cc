import { describe, expect, it } from 'vitest';
import { randomStream } from '../random/streams.ts';
import { STANDARD_ERRORS, momentsOf, standardErrorsFrom } from '../testing/moments.ts';
import { DistributionError } from './distribution-error.ts';
import type { DistributionSpec } from './distribution-spec.ts';
import { makeSampler } from './make-sampler.ts';

const N = 200_000;
const draws = (spec: DistributionSpec, seed = 1, n = 20) => {
  const sample = makeSampler(spec, randomStream(seed, 'sampler-test'));
  return Array.from({ length: n }, sample);
};

describe('makeSampler moments match theory (200k draws, fixed seeds)', () => {
  it.each<[string, DistributionSpec, number, number]>([
    ['exponential mean 120', { dist: 'exponential', mean: 120 }, 120, 120 ** 2],
    ['uniform 180..420', { dist: 'uniform', min: 180, max: 420 }, 300, 240 ** 2 / 12],
    ['lognormal mean 300 sd 120', { dist: 'lognormal', mean: 300, sd: 120 }, 300, 120 ** 2],
    ['lognormal mean 45 sd 90 (skewed)', { dist: 'lognormal', mean: 45, sd: 90 }, 45, 90 ** 2],
    ['gamma shape 2.5 scale 40', { dist: 'gamma', shape: 2.5, scale: 40 }, 100, 2.5 * 40 ** 2],
    [
      'gamma shape 0.25 scale 80 (shape < 1/3 needs the boost)',
      { dist: 'gamma', shape: 0.25, scale: 80 },
      20,
      0.25 * 80 ** 2,
    ],
    ['gamma shape 1 is exponential', { dist: 'gamma', shape: 1, scale: 60 }, 60, 3600],
    ['gamma by mean 300 sd 150', { dist: 'gamma', mean: 300, sd: 150 }, 300, 150 ** 2],
    ['empirical', { dist: 'empirical', values: [10, 20, 60] }, 30, (400 + 100 + 900) / 3],
  ])('%s', (_, spec, mean, variance) => {
    const sample = momentsOf(makeSampler(spec, randomStream(2024, 'moments', _)), N);
    const errors = standardErrorsFrom(sample, mean, variance);
    expect(errors.mean).toBeLessThan(STANDARD_ERRORS);
    expect(errors.variance).toBeLessThan(STANDARD_ERRORS);
    expect(sample.min).toBeGreaterThanOrEqual(0);
  });

  it('lognormal with sd 0 is its mean', () => {
    expect(new Set(draws({ dist: 'lognormal', mean: 90, sd: 0 }))).toEqual(new Set([90]));
  });
});

describe('makeSampler', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    for (const spec of [
      { dist: 'exponential', mean: 120 },
      { dist: 'lognormal', mean: 300, sd: 100 },
      { dist: 'gamma', shape: 0.7, scale: 10 },
      { dist: 'uniform', min: 0, max: 1 },
      { dist: 'empirical', values: [1, 2, 3, 4, 5, 6, 7, 8] },
    ] satisfies DistributionSpec[]) {
      expect(draws(spec, 7)).toEqual(draws(spec, 7));
      expect(draws(spec, 7)).not.toEqual(draws(spec, 8));
    }
  });

  it('draws only from the injected random', () => {
    const uniforms = [0.25, 0.5, 0.75];
    let calls = 0;
    const scripted = () => uniforms[calls++ % uniforms.length] as number;
    const sample = makeSampler({ dist: 'exponential', mean: 10 }, scripted);
    expect([sample(), sample(), sample()]).toEqual(uniforms.map((u) => -10 * Math.log(1 - u)));
    expect(calls).toBe(3);
  });

  it('keeps uniform draws within [min, max)', () => {
    const sample = momentsOf(
      makeSampler({ dist: 'uniform', min: 180, max: 420 }, randomStream(3)),
      N,
    );
    expect(sample.min).toBeGreaterThanOrEqual(180);
    expect(sample.max).toBeLessThan(420);
    // Both ends are reached: the draws span the interval, not a part of it.
    expect(sample.min).toBeLessThan(181);
    expect(sample.max).toBeGreaterThan(419);
  });

  it('maps the extremes of the injected random into [min, max)', () => {
    expect(makeSampler({ dist: 'uniform', min: 5, max: 9 }, () => 0)()).toBe(5);
    expect(makeSampler({ dist: 'uniform', min: 5, max: 9 }, () => 1 - 2 ** -32)()).toBeLessThan(9);
    expect(makeSampler({ dist: 'exponential', mean: 5 }, () => 1 - 2 ** -32)()).toBeLessThan(
      Infinity,
    );
  });

  it('gives a fixed value every time', () => {
    expect(draws({ dist: 'fixed', value: 42 })).toEqual(Array(20).fill(42));
  });

  it('draws only listed empirical values, each about as often as listed', () => {
    const values = [5, 17, 17, 230];
    const sample = makeSampler({ dist: 'empirical', values }, randomStream(11));
    const counts = new Map<number, number>();
    for (let i = 0; i < N; i++) {
      const value = sample();
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([5, 17, 230]);
    // Binomial standard error of a share p over N draws is √(p(1−p)/N).
    for (const [value, share] of [
      [5, 0.25],
      [17, 0.5],
      [230, 0.25],
    ] as const) {
      const error = Math.sqrt((share * (1 - share)) / N);
      expect(Math.abs((counts.get(value) ?? 0) / N - share)).toBeLessThan(5 * error);
    }
  });

  it('reads an empirical file through the injected reader', () => {
    const read: string[] = [];
    const sample = makeSampler({ dist: 'empirical', file: 'aht.txt' }, randomStream(1), {
      empiricalValues: (file) => (read.push(file), [7, 9]),
    });
    const values = new Set(Array.from({ length: 100 }, sample));
    expect(values).toEqual(new Set([7, 9]));
    expect(read).toEqual(['aht.txt']);
  });

  it('rejects an empirical file with no reader, or with bad values', () => {
    const spec: DistributionSpec = { dist: 'empirical', file: 'aht.txt' };
    expect(() => makeSampler(spec, randomStream(1))).toThrow(
      'file: expected a reader of empirical files (SamplerOptions.empiricalValues), found none to read "aht.txt"',
    );
    expect(() => makeSampler(spec, randomStream(1), { empiricalValues: () => [] })).toThrow(
      'file: expected at least 1 item, found a list of 0',
    );
    expect(() => makeSampler(spec, randomStream(1), { empiricalValues: () => [3, -1] })).toThrow(
      'file[1]: expected a number ≥ 0, found -1',
    );
  });

  it('rejects impossible parameters given in code', () => {
    expect(() => makeSampler({ dist: 'gamma', shape: -1, scale: 2 }, randomStream(1))).toThrow(
      DistributionError,
    );
    expect(() => makeSampler({ dist: 'uniform', min: 3, max: 1 }, randomStream(1))).toThrow(
      'max: expected a number ≥ min (3), found 1',
    );
  });
});
