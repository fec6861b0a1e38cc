/** Number schemas whose every failure reads as one phrase, e.g. "an integer from 1 to 10". */
import { z } from 'zod';

function range(kind: string, min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  if (max !== undefined) return `${kind} ≤ ${max}`;
  return kind;
}

/** A safe integer within the bounds given (inclusive). */
export function integer(min?: number, max?: number): z.ZodInt {
  const error = range('an integer', min, max);
  let schema = z.int({ error });
  if (min !== undefined) schema = schema.min(min, { error });
  if (max !== undefined) schema = schema.max(max, { error });
  return schema;
}

/** A finite number from `min` to `max` (inclusive). */
export function numberBetween(min: number, max: number): z.ZodNumber {
  const error = range('a number', min, max);
  return z.number({ error }).min(min, { error }).max(max, { error });
}
