/**
 * Distributions of durations, in seconds, as a scenario writes them. All values are ≥ 0 because
 * they are durations (handle, patience, wrap-up, retrial delay).
 */

export const DISTRIBUTIONS = [
  'fixed',
  'exponential',
  'uniform',
  'lognormal',
  'gamma',
  'empirical',
] as const;
export type DistributionName = (typeof DISTRIBUTIONS)[number];

export interface FixedSpec {
  dist: 'fixed';
  value: number;
}

export interface ExponentialSpec {
  dist: 'exponential';
  mean: number;
}

/** Uniform on [min, max). */
export interface UniformSpec {
  dist: 'uniform';
  min: number;
  max: number;
}

/** Mean and standard deviation of the lognormal values themselves, not of their logarithm. */
export interface LognormalSpec {
  dist: 'lognormal';
  mean: number;
  sd: number;
}

/** Gamma by shape k and scale θ (mean kθ, variance kθ²). */
export interface GammaShapeScaleSpec {
  dist: 'gamma';
  shape: number;
  scale: number;
}

/** Gamma by its mean and standard deviation: shape = (mean/sd)², scale = sd²/mean. */
export interface GammaMeanSdSpec {
  dist: 'gamma';
  mean: number;
  sd: number;
}

/** Draws one of the listed values, each listing equally likely. */
export interface EmpiricalValuesSpec {
  dist: 'empirical';
  values: number[];
}

/** Like EmpiricalValuesSpec; the caller supplies the file's values through `SamplerOptions`. */
export interface EmpiricalFileSpec {
  dist: 'empirical';
  file: string;
}

export type GammaSpec = GammaShapeScaleSpec | GammaMeanSdSpec;
export type EmpiricalSpec = EmpiricalValuesSpec | EmpiricalFileSpec;

export type DistributionSpec =
  FixedSpec | ExponentialSpec | UniformSpec | LognormalSpec | GammaSpec | EmpiricalSpec;
