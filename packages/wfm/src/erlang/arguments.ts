import { invalidArgument } from '../errors.ts';

// Argument checks shared by the formulas; each throws WfmError 'InvalidArgument' naming the argument.

/** Throws unless `agents` is an integer ≥ 1. */
export function requireAgents(agents: number, argument = 'agents'): void {
  if (!Number.isSafeInteger(agents) || agents < 1) {
    throw invalidArgument(argument, 'an integer ≥ 1', agents);
  }
}

/** Throws unless `value` is finite and ≥ 0. */
export function requireNonNegative(value: number, argument: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw invalidArgument(argument, 'a finite number ≥ 0', value);
  }
}

/** Throws unless `value` is finite and > 0. */
export function requirePositive(value: number, argument: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw invalidArgument(argument, 'a finite number > 0', value);
  }
}

/** A fraction target strictly between 0 and 1 (a service level of 1 is never reached). */
export function requireOpenFraction(value: number, argument: string): void {
  if (!Number.isFinite(value) || value <= 0 || value >= 1) {
    throw invalidArgument(argument, 'a number in (0, 1)', value);
  }
}

/** A fraction in (0, 1], e.g. a maximum occupancy. */
export function requireFractionUpToOne(value: number, argument: string): void {
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw invalidArgument(argument, 'a number in (0, 1]', value);
  }
}
