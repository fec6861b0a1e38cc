import type { KpiFigures } from './result.ts';

/** Two-sided 95% Student t quantiles by degrees of freedom (1–30); beyond, the normal 1.96. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** Mean of the samples and the half-width of its 95% confidence interval (0 for one sample). */
export function meanAndHalfWidth(samples: readonly number[]): { mean: number; halfWidth: number } {
  const n = samples.length;
  if (n === 0) return { mean: 0, halfWidth: 0 };
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, halfWidth: 0 };
  const variance = samples.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const t = T95[n - 2] ?? 1.96;
  return { mean, halfWidth: t * Math.sqrt(variance / n) };
}

export const KPI_FIELDS = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'serviceLevel',
  'asaSeconds',
  'abandonRate',
  'occupancy',
  'ahtSeconds',
] as const satisfies readonly (keyof KpiFigures)[];

/** Field by field: the mean over replications and its 95% half-width. */
export function summarize(replications: readonly KpiFigures[]): {
  mean: KpiFigures;
  halfWidth: KpiFigures;
} {
  const mean = {} as KpiFigures;
  const halfWidth = {} as KpiFigures;
  for (const field of KPI_FIELDS) {
    const figure = meanAndHalfWidth(replications.map((r) => r[field]));
    mean[field] = figure.mean;
    halfWidth[field] = figure.halfWidth;
  }
  return { mean, halfWidth };
}
