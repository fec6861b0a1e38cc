import { WfmError } from '../errors.ts';
import { requireNonNegative, requirePositive } from './arguments.ts';
import { logGammaPrefix } from './log-gamma.ts';

// Regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q = 1 − P, in the manner of
// Numerical Recipes (gser/gcf): the power series where x < a + 1, Lentz's continued fraction for Q
// elsewhere. Both need O(√a) terms near x ≈ a; the prefix x^a e^−x / Γ(a + 1) is computed in Temme's
// form (logGammaPrefix) so large a keeps full precision.

const TINY = 1e-300;

function iterationLimit(a: number): number {
  return Math.ceil(40 * Math.sqrt(a)) + 500;
}

function noConvergence(what: string, a: number, x: number): WfmError {
  return new WfmError('NoConvergence', `${what} did not converge for a = ${a}, x = ${x}`, { a, x });
}

/** Σ_{n≥0} x^n / ((a+1)…(a+n)), so that P(a, x) = series × x^a e^−x / Γ(a + 1); for x < a + 1. */
export function lowerGammaSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  const limit = iterationLimit(a);
  for (let n = 1; n <= limit; n++) {
    term *= x / (a + n);
    sum += term;
    if (term <= sum * Number.EPSILON) return sum;
  }
  throw noConvergence('lower incomplete gamma series', a, x);
}

/** The continued fraction h with Q(a, x) = h × x^a e^−x / Γ(a), by modified Lentz; for x ≥ a + 1. */
export function upperGammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  const limit = iterationLimit(a);
  for (let i = 1; i <= limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= 2 * Number.EPSILON) return h;
  }
  throw noConvergence('upper incomplete gamma continued fraction', a, x);
}

function requireGammaArguments(a: number, x: number): void {
  requirePositive(a, 'a');
  requireNonNegative(x, 'x');
}

/** ln P(a, x), the log of the regularized lower incomplete gamma function, for a > 0 and x ≥ 0. */
export function logRegularizedGammaP(a: number, x: number): number {
  requireGammaArguments(a, x);
  if (x === 0) return -Infinity;
  if (x < a + 1) return logGammaPrefix(a, x) + Math.log(lowerGammaSeries(a, x));
  return Math.log1p(-Math.exp(logUpper(a, x)));
}

/** ln Q(a, x), the log of the regularized upper incomplete gamma function, for a > 0 and x ≥ 0. */
export function logRegularizedGammaQ(a: number, x: number): number {
  requireGammaArguments(a, x);
  if (x === 0) return 0;
  if (x < a + 1) return Math.log1p(-Math.exp(logGammaPrefix(a, x)) * lowerGammaSeries(a, x));
  return logUpper(a, x);
}

/** ln Q(a, x) by the continued fraction (x ≥ a + 1); x^a e^−x / Γ(a) = a × the prefix. */
function logUpper(a: number, x: number): number {
  return Math.log(a) + logGammaPrefix(a, x) + Math.log(upperGammaFraction(a, x));
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0 and x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  return Math.exp(logRegularizedGammaP(a, x));
}

/** Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), for a > 0 and x ≥ 0. */
export function regularizedGammaQ(a: number, x: number): number {
  return Math.exp(logRegularizedGammaQ(a, x));
}
