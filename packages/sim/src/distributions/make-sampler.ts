/** Samplers: a validated DistributionSpec and an injected Random give a function of draws. */
import type { Random } from '../random/random.ts';
import { describeFound } from '../validation/validation-issue.ts';
import { safeParseWithIssues } from '../validation/zod-issues.ts';
import { DistributionError } from './distribution-error.ts';
import { empiricalValuesSchema, parseDistribution } from './distribution-schema.ts';
import type { DistributionSpec, EmpiricalSpec } from './distribution-spec.ts';
import { makeGamma } from './gamma.ts';
import { makeStandardNormal } from './normal.ts';
import { gammaParameters, lognormalParameters } from './parameters.ts';

/** Draws one value (seconds) per call. */
export type Sampler = () => number;

export interface SamplerOptions {
  /** Values of an empirical distribution's file; the caller reads the file (the sim does no I/O). */
  empiricalValues?: (file: string) => readonly number[];
}

function empiricalValues(spec: EmpiricalSpec, options: SamplerOptions): readonly number[] {
  if ('values' in spec) return spec.values;
  const read = options.empiricalValues;
  if (read === undefined) {
    throw new DistributionError([
      {
        path: ['file'],
        expected: 'a reader of empirical files (SamplerOptions.empiricalValues)',
        found: `none to read ${describeFound(spec.file)}`,
      },
    ]);
  }
  // Values from a file get the same checks as values written in the scenario.
  const checked = safeParseWithIssues(empiricalValuesSchema, read(spec.file));
  if (!checked.ok) {
    throw new DistributionError(
      checked.issues.map((issue) => ({ ...issue, path: ['file', ...issue.path] })),
    );
  }
  return checked.value;
}

/**
 * A sampler of `spec` drawing its uniforms from `random` only; the spec is validated first and a
 * DistributionError names any impossible parameter.
 */
export function makeSampler(
  spec: DistributionSpec,
  random: Random,
  options: SamplerOptions = {},
): Sampler {
  const valid = parseDistribution(spec);
  switch (valid.dist) {
    case 'fixed': {
      const { value } = valid;
      return () => value;
    }
    case 'exponential': {
      const { mean } = valid;
      return () => -mean * Math.log(1 - random());
    }
    case 'uniform': {
      const { min } = valid;
      const width = valid.max - valid.min;
      return () => min + width * random();
    }
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(valid.mean, valid.sd);
      const normal = makeStandardNormal(random);
      return () => Math.exp(mu + sigma * normal());
    }
    case 'gamma': {
      const { shape, scale } = gammaParameters(valid);
      return makeGamma(shape, scale, random);
    }
    case 'empirical': {
      const values = empiricalValues(valid, options);
      return () => values[Math.floor(random() * values.length)] as number;
    }
  }
}
