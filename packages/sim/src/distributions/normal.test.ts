import { describe, expect, it } from 'vitest';
import { randomStream } from '../random/streams.ts';
import { STANDARD_ERRORS, momentsOf, standardErrorsFrom } from '../testing/moments.ts';
import { makeStandardNormal } from './normal.ts';

describe('makeStandardNormal', () => {
  it('has mean 0, variance 1 and kurtosis 3 (200k draws)', () => {
    const sample = momentsOf(makeStandardNormal(randomStream(5, 'normal')), 200_000);
    const errors = standardErrorsFrom(sample, 0, 1);
    expect(errors.mean).toBeLessThan(STANDARD_ERRORS);
    expect(errors.variance).toBeLessThan(STANDARD_ERRORS);
    // The fourth moment of N(0,1) is 3 with standard error √(96/n) ≈ 0.022.
    expect(Math.abs(sample.fourth - 3)).toBeLessThan(5 * Math.sqrt(96 / sample.n));
  });

  it('is symmetric: as many draws below 0 as above', () => {
    const normal = makeStandardNormal(randomStream(6, 'normal'));
    const n = 200_000;
    let below = 0;
    for (let i = 0; i < n; i++) if (normal() < 0) below++;
    expect(Math.abs(below / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
  });
});
