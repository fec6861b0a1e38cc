/** Conversions from the parameters a planner writes to those the samplers use. */
import type { GammaSpec } from './distribution-spec.ts';

/** μ and σ of the underlying normal for a lognormal with this mean and standard deviation. */
export function lognormalParameters(mean: number, sd: number): { mu: number; sigma: number } {
  const variance = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - variance / 2, sigma: Math.sqrt(variance) };
}

/** Shape and scale of a gamma given either way (mean = shape·scale, variance = shape·scale²). */
export function gammaParameters(spec: GammaSpec): { shape: number; scale: number } {
  if ('shape' in spec) return { shape: spec.shape, scale: spec.scale };
  return {
    shape: (spec.mean * spec.mean) / (spec.sd * spec.sd),
    scale: (spec.sd * spec.sd) / spec.mean,
  };
}
