// Conversions between port values and column values, the same for both dialects.

/** JSON text of a value; refuses what JSON cannot hold (undefined, functions) instead of storing NULL. */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not JSON-serializable`);
  return text;
}

export function fromJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * A time in the one form the store keeps: `Date#toISOString()` (UTC, milliseconds). Inputs are
 * normalized so SQLite's text comparisons order them as times; PostgreSQL returns Dates.
 */
export function isoTime(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a time: ${String(value)}`);
  return date.toISOString();
}

/** Like isoTime, for nullable columns. */
export function optionalIsoTime(value: string | Date | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : isoTime(value);
}

/** A page size: a whole number from 0 up to `cap`, `fallback` when absent. */
export function pageSize(limit: number | undefined, fallback: number, cap: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isFinite(limit)) return cap;
  return Math.max(0, Math.min(cap, Math.floor(limit)));
}

/** `?, ?, ?` for an IN list of n values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
