import { describe, expect, it } from 'vitest';
import { formatIssue } from '../validation/validation-issue.ts';
import { DistributionError } from './distribution-error.ts';
import { parseDistribution } from './distribution-schema.ts';

/** The lines of the DistributionError that `input` raises. */
function problems(input: unknown): string[] {
  try {
    parseDistribution(input);
  } catch (error) {
    if (!(error instanceof DistributionError)) throw error;
    expect(error.code).toBe('InvalidDistribution');
    return error.issues.map(formatIssue);
  }
  throw new Error('expected a DistributionError');
}

describe('parseDistribution', () => {
  it.each([
    { dist: 'fixed', value: 0 },
    { dist: 'exponential', mean: 120 },
    { dist: 'uniform', min: 180, max: 180 },
    { dist: 'lognormal', mean: 300, sd: 0 },
    { dist: 'gamma', shape: 0.5, scale: 100 },
    { dist: 'gamma', mean: 300, sd: 150 },
    { dist: 'empirical', values: [12, 0, 40] },
    { dist: 'empirical', file: 'handle-times.txt' },
  ])('accepts $dist %j', (spec) => {
    expect(parseDistribution(spec)).toEqual(spec);
  });

  it.each<[unknown, string[]]>([
    [{ dist: 'fixed', value: -1 }, ['value: expected a number ≥ 0, found -1']],
    [{ dist: 'exponential', mean: 0 }, ['mean: expected a number > 0, found 0']],
    [{ dist: 'exponential', mean: -5 }, ['mean: expected a number > 0, found -5']],
    [{ dist: 'uniform', min: 10, max: 5 }, ['max: expected a number ≥ min (10), found 5']],
    [{ dist: 'uniform', min: -1, max: 5 }, ['min: expected a number ≥ 0, found -1']],
    [{ dist: 'lognormal', mean: 0, sd: 1 }, ['mean: expected a number > 0, found 0']],
    [{ dist: 'lognormal', mean: 60, sd: -1 }, ['sd: expected a number ≥ 0, found -1']],
    [{ dist: 'gamma', shape: 0, scale: 1 }, ['shape: expected a number > 0, found 0']],
    [{ dist: 'gamma', shape: 2, scale: -1 }, ['scale: expected a number > 0, found -1']],
    [{ dist: 'gamma', mean: 60, sd: 0 }, ['sd: expected a number > 0, found 0']],
    [
      { dist: 'gamma', shape: 2 },
      ['scale: expected scale too (given with shape and scale), found nothing'],
    ],
    [
      { dist: 'gamma', shape: 2, scale: 3, mean: 6 },
      ['expected either shape and scale, or mean and sd, not both, found shape, scale, mean'],
    ],
    [{ dist: 'gamma' }, ['expected shape and scale, or mean and sd, found neither']],
    [{ dist: 'empirical', values: [] }, ['values: expected at least 1 item, found a list of 0']],
    [{ dist: 'empirical', values: [3, -2] }, ['values[1]: expected a number ≥ 0, found -2']],
    [
      { dist: 'empirical' },
      ['values: expected a list of values ≥ 0, or a file of values, found neither'],
    ],
    [
      { dist: 'empirical', values: [1], file: 'f.txt' },
      ['file: expected either values or file, not both, found "f.txt"'],
    ],
    [{ dist: 'empirical', file: '' }, ['file: expected a non-empty string, found ""']],
    [
      { dist: 'normal', mean: 1, sd: 1 },
      [
        'dist: expected one of "fixed", "exponential", "uniform", "lognormal", "gamma", "empirical", found "normal"',
      ],
    ],
    [
      { dist: 'fixed', value: 1, mean: 2 },
      ['mean: expected a known field name, found an unknown field'],
    ],
    [{ dist: 'fixed', value: Infinity }, ['value: expected a number, found Infinity']],
    [42, ['expected an object, found 42']],
  ])('rejects %j', (input, expected) => {
    expect(problems(input)).toEqual(expected);
  });
});
