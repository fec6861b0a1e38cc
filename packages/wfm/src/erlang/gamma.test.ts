import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import {
  logRegularizedGammaP,
  logRegularizedGammaQ,
  regularizedGammaP,
  regularizedGammaQ,
} from './incomplete-gamma.ts';
import { log1pGap, logGamma, logGammaPrefix } from './log-gamma.ts';

// Reference values from mpmath 1.3 at 50 digits: gammainc(a, 0, x, regularized=True), loggamma.
const REFERENCE: [a: number, x: number, p: number, q: number][] = [
  [0.5, 0.3, 0.5614219739190002, 0.4385780260809999],
  [3, 2.5, 0.45618688411667047, 0.5438131158833295],
  [10, 15, 0.9301463393005902, 0.06985366069940976],
  [100, 90, 0.15822098918643018, 0.8417790108135699],
  [100, 110, 0.8417213299399129, 0.15827867006008708],
  [1e4, 1e4, 0.5013298083399552, 0.4986701916600448],
  [1e4, 1.02e4, 0.9767126778664011, 0.023287322133598805],
  [1e5, 0.99e5, 0.0007574199211747679, 0.9992425800788253],
  [1e6, 1e6 + 1000, 0.8413447863683403, 0.15865521363165971],
];

describe('regularized incomplete gamma', () => {
  it.each(REFERENCE)('P(%d, %d) and Q match mpmath to 1e-12 relative', (a, x, p, q) => {
    expect(regularizedGammaP(a, x)).toBeCloseTo(p, 12);
    expect(regularizedGammaQ(a, x)).toBeCloseTo(q, 12);
    expect(Math.abs(regularizedGammaP(a, x) / p - 1)).toBeLessThan(1e-12);
    expect(Math.abs(regularizedGammaQ(a, x) / q - 1)).toBeLessThan(1e-12);
  });

  it('keeps tiny tails in log space: Q(2.5, 40) ≈ 8.39e-16, P(50, 5) ≈ 2.18e-32', () => {
    expect(logRegularizedGammaQ(2.5, 40)).toBeCloseTo(-34.714103456537934, 11);
    expect(logRegularizedGammaP(50, 5)).toBeCloseTo(-72.90291233899131, 11);
    expect(logRegularizedGammaP(1e5, 1e4)).toBeLessThan(-1e5); // far below the smallest double
  });

  it('P(1, x) = 1 − e^−x and the ends P(a, 0) = 0, P(a, ∞-ish) = 1', () => {
    for (const x of [1e-9, 0.1, 1, 2.5, 30]) {
      expect(regularizedGammaP(1, x)).toBeCloseTo(-Math.expm1(-x), 14);
    }
    expect(regularizedGammaP(7, 0)).toBe(0);
    expect(regularizedGammaQ(7, 0)).toBe(1);
    expect(regularizedGammaP(7, 800)).toBe(1);
  });

  it('rejects a ≤ 0 and negative x with a typed error naming the argument', () => {
    expect(() => regularizedGammaP(0, 1)).toThrowError(WfmError);
    expect(() => regularizedGammaP(0, 1)).toThrowError(/^a: expected a finite number > 0, got 0$/);
    expect(() => regularizedGammaQ(1, -1)).toThrowError(/^x: expected a finite number ≥ 0/);
  });
});

describe('log gamma helpers', () => {
  it('logGamma matches mpmath and factorials', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 14);
    expect(logGamma(3.7)).toBeCloseTo(1.428072326665388, 14);
    expect(logGamma(1e-8)).toBeCloseTo(18.42068073818021, 13);
    expect(logGamma(1e6) / 12815504.569147611 - 1).toBeCloseTo(0, 15);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 13);
  });

  it('log1pGap(d) = d − ln(1 + d) stays accurate near 0', () => {
    expect(log1pGap(0)).toBe(0);
    expect(log1pGap(1e-8) / 5e-17 - 1).toBeCloseTo(0, 7); // ≈ d²/2 − d³/3
    for (const d of [-0.9, -0.3, 0.01, 0.4, 3]) {
      expect(log1pGap(d)).toBeCloseTo(d - Math.log1p(d), 14);
    }
  });

  it('logGammaPrefix agrees with the direct formula where that is exact enough', () => {
    for (const [a, x] of [
      [12, 9],
      [40, 55],
      [250, 240],
    ] as const) {
      expect(logGammaPrefix(a, x)).toBeCloseTo(a * Math.log(x) - x - logGamma(a + 1), 11);
    }
  });
});
