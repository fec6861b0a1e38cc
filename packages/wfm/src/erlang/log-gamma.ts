import { requirePositive } from './arguments.ts';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Above this the Stirling series below is exact to double precision. */
const STIRLING_FROM = 10;

/** lnΓ(a) − [(a − ½)ln a − a + ½ln 2π] for a ≥ 10, by the Stirling series to a^-13. */
export function stirlingCorrection(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  // Coefficients B(2k) / (2k(2k − 1)); the first omitted term is below 3e-17 at a = 10.
  return (
    r *
    (1 / 12 -
      r2 *
        (1 / 360 -
          r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360 - r2 / 156))))))
  );
}

/** Natural log of the gamma function Γ(x) for x > 0, accurate to about 1e-15 absolute. */
export function logGamma(x: number): number {
  requirePositive(x, 'x');
  let shifted = x;
  let product = 1;
  while (shifted < STIRLING_FROM) {
    product *= shifted;
    shifted += 1;
  }
  const stirling =
    (shifted - 0.5) * Math.log(shifted) - shifted + HALF_LOG_TWO_PI + stirlingCorrection(shifted);
  return stirling - Math.log(product);
}

/** d − ln(1 + d) for d > −1, without the cancellation of the direct formula near 0. */
export function log1pGap(d: number): number {
  if (Math.abs(d) > 0.5) return d - Math.log1p(d);
  // ln(1 + d) = 2 atanh(u) with u = d / (2 + d), and d = 2u / (1 − u).
  const u = d / (2 + d);
  const u2 = u * u;
  let power = u2 * u;
  let tail = 0;
  for (let k = 3; ; k += 2) {
    const term = power / k;
    tail += term;
    if (Math.abs(term) <= Number.EPSILON * Math.abs(tail)) break;
    power *= u2;
  }
  return (2 * u2) / (1 - u) - 2 * tail;
}

/**
 * ln(x^a e^−x / Γ(a + 1)), the log of the Poisson-like prefix of the incomplete gamma functions,
 * for a > 0 and x ≥ 0; Temme's form −a·(d − ln(1 + d)) − ½ln(2πa) − correction for large a keeps
 * it accurate where a·ln x and x nearly cancel.
 */
export function logGammaPrefix(a: number, x: number): number {
  if (x === 0) return -Infinity;
  if (a < STIRLING_FROM) return a * Math.log(x) - x - logGamma(a + 1);
  const d = (x - a) / a;
  return -a * log1pGap(d) - 0.5 * Math.log(2 * Math.PI * a) - stirlingCorrection(a);
}
