/** Zod schema of DistributionSpec: impossible parameters are issues at the parameter's path. */
import { z } from 'zod';
import { customIssue, safeParseWithIssues } from '../validation/zod-issues.ts';
import { describeFound } from '../validation/validation-issue.ts';
import { DistributionError } from './distribution-error.ts';
import type { DistributionSpec, EmpiricalSpec, GammaSpec } from './distribution-spec.ts';

const seconds = z.number().min(0);
const positive = z.number().positive();
/** The values of an empirical distribution, whether written inline or read from a file. */
export const empiricalValuesSchema = z.array(seconds).min(1);

const fixed = z.strictObject({ dist: z.literal('fixed'), value: seconds });
const exponential = z.strictObject({ dist: z.literal('exponential'), mean: positive });
const lognormal = z.strictObject({ dist: z.literal('lognormal'), mean: positive, sd: seconds });

const uniform = z
  .strictObject({ dist: z.literal('uniform'), min: seconds, max: seconds })
  .superRefine(({ min, max }, ctx) => {
    if (max < min) customIssue(ctx, ['max'], `a number ≥ min (${min})`, String(max));
  });

/** Which of a spec's two alternative parameter sets were given, if exactly one was. */
function alternative(
  ctx: z.core.$RefinementCtx,
  spec: Record<string, unknown>,
  first: readonly [string, string],
  second: readonly [string, string],
): 'first' | 'second' | undefined {
  const given = (names: readonly string[]) => names.filter((name) => spec[name] !== undefined);
  const [a, b] = [given(first), given(second)];
  const either = `${first.join(' and ')}, or ${second.join(' and ')}`;
  if (a.length > 0 && b.length > 0) {
    customIssue(ctx, [], `either ${either}, not both`, [...a, ...b].join(', '));
    return undefined;
  }
  if (a.length === 0 && b.length === 0) {
    customIssue(ctx, [], either, 'neither');
    return undefined;
  }
  const [pair, names] = a.length > 0 ? (['first', first] as const) : (['second', second] as const);
  const missing = names.find((name) => spec[name] === undefined);
  if (missing === undefined) return pair;
  customIssue(ctx, [missing], `${missing} too (given with ${names.join(' and ')})`, 'nothing');
  return undefined;
}

const gamma = z
  .strictObject({
    dist: z.literal('gamma'),
    shape: positive.optional(),
    scale: positive.optional(),
    mean: positive.optional(),
    sd: positive.optional(),
  })
  .transform((spec, ctx): GammaSpec => {
    const pair = alternative(ctx, spec, ['shape', 'scale'], ['mean', 'sd']);
    if (pair === undefined) return z.NEVER;
    const { shape = 0, scale = 0, mean = 0, sd = 0 } = spec;
    return pair === 'first' ? { dist: 'gamma', shape, scale } : { dist: 'gamma', mean, sd };
  });

const empirical = z
  .strictObject({
    dist: z.literal('empirical'),
    values: empiricalValuesSchema.optional(),
    file: z.string().min(1).optional(),
  })
  .transform((spec, ctx): EmpiricalSpec => {
    const { values, file } = spec;
    if (values !== undefined && file !== undefined) {
      customIssue(ctx, ['file'], 'either values or file, not both', describeFound(file));
      return z.NEVER;
    }
    if (values !== undefined) return { dist: 'empirical', values };
    if (file !== undefined) return { dist: 'empirical', file };
    customIssue(ctx, ['values'], 'a list of values ≥ 0, or a file of values', 'neither');
    return z.NEVER;
  });

export const distributionSchema: z.ZodType<DistributionSpec> = z.discriminatedUnion('dist', [
  fixed,
  exponential,
  uniform,
  lognormal,
  gamma,
  empirical,
]);

/** Validates an untrusted distribution spec; throws DistributionError naming each bad field. */
export function parseDistribution(input: unknown): DistributionSpec {
  const result = safeParseWithIssues(distributionSchema, input);
  if (!result.ok) throw new DistributionError(result.issues);
  return result.value;
}
