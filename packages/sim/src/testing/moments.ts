/** Sample moments, and how far they lie from theory in standard errors, for seeded tests. */

export interface Moments {
  n: number;
  mean: number;
  variance: number;
  /** Fourth central moment, for the standard error of the variance. */
  fourth: number;
  min: number;
  max: number;
}

export function momentsOf(draw: () => number, n: number): Moments {
  const values = new Float64Array(n);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = draw();
    values[i] = value;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / n;
  let second = 0;
  let fourth = 0;
  for (const value of values) {
    const d2 = (value - mean) ** 2;
    second += d2;
    fourth += d2 * d2;
  }
  return { n, mean, variance: second / (n - 1), fourth: fourth / n, min, max };
}

/** Tolerance in standard errors: wide enough never to fail on a right sampler with a fixed seed. */
export const STANDARD_ERRORS = 5;

/**
 * Distance from theory in standard errors: of the mean (σ/√n, σ from theory) and of the
 * variance (√((m4 − s⁴)/n), estimated from the sample).
 */
export function standardErrorsFrom(
  sample: Moments,
  mean: number,
  variance: number,
): { mean: number; variance: number } {
  const meanError = Math.sqrt(variance / sample.n);
  const varianceError = Math.sqrt((sample.fourth - sample.variance ** 2) / sample.n);
  return {
    mean: Math.abs(sample.mean - mean) / meanError,
    variance: Math.abs(sample.variance - variance) / varianceError,
  };
}
