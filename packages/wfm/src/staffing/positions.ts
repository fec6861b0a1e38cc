import { invalidArgument } from '../errors.ts';

// KPI.md: positions to schedule = ceil(agents / (1 − shrinkage)); shrinkage is the fraction of
// paid time not spent available for contacts (breaks, training, absence).

/** Throws unless `shrinkage` is a fraction in [0, 1). */
export function requireShrinkage(shrinkage: number): void {
  if (!Number.isFinite(shrinkage) || shrinkage < 0 || shrinkage >= 1) {
    throw invalidArgument('shrinkage', 'a number in [0, 1)', shrinkage);
  }
}

/** Positions to schedule for `agents` on the phones, unrounded: agents / (1 − shrinkage). */
export function fractionalPositions(agents: number, shrinkage: number): number {
  requireShrinkage(shrinkage);
  if (!Number.isFinite(agents) || agents < 0) {
    throw invalidArgument('agents', 'a finite number ≥ 0', agents);
  }
  return agents / (1 - shrinkage);
}

/**
 * Whole positions: ceil(agents / (1 − shrinkage)). The quotient is rounded to 9 decimals first,
 * as 14 / (1 − 0.3) is 20.000000000000004 in binary floating point and must give 20, not 21.
 */
export function positionsFor(agents: number, shrinkage: number): number {
  const exact = fractionalPositions(agents, shrinkage);
  return Math.ceil(Math.round(exact * 1e9) / 1e9);
}
