// The planning forms' values as typed (strings), what the server is sent (numbers, fractions),
// and errors put next to their field: the protocol's own schemas check the form before it is
// sent, and the server's 400 details (a path per field) land on the same fields.
import type { z } from 'zod';
import { ApiFailure } from '../api/api-client.ts';
import type { MessageKey } from '../i18n/messages-en.ts';

export type FieldErrors = Partial<Record<string, FieldError>>;
/** A message of ours for the field, and the server's own words when it refused the value. */
export interface FieldError {
  key: MessageKey;
  server?: string;
}

const KNOWN = new Set([
  'serviceLevelTarget',
  'thresholdSeconds',
  'patienceSeconds',
  'shrinkage',
  'callsPerInterval',
  'ahtSeconds',
  'agents',
  'intervalMinutes',
  'date',
  'queueId',
  'weeks',
  'replications',
]);

const keyFor = (field: string): MessageKey =>
  KNOWN.has(field) ? (`planning.invalid.${field}` as MessageKey) : 'planning.invalid.other';

/** A typed number: '' is absent, a comma is a decimal point (French keyboards). */
export function numberOf(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}

/** A percentage typed as 80 → 0.8. */
export function fractionOf(text: string): number | undefined {
  const value = numberOf(text);
  return value === undefined ? undefined : value / 100;
}

/** Checks `value` with `schema`: the parsed value, or an error per field (the first path part). */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= { key: keyFor(field) };
  }
  return { ok: false, errors };
}

/** The server's refusal as errors per field; undefined when it names no field. */
export function serverErrors(error: unknown): FieldErrors | undefined {
  if (!(error instanceof ApiFailure) || error.status !== 400 || !Array.isArray(error.details)) {
    return undefined;
  }
  const errors: FieldErrors = {};
  for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof detail.path !== 'string') continue;
    const field = detail.path.split('.')[0] ?? '';
    errors[field] ??= {
      key: keyFor(field),
      server: typeof detail.message === 'string' ? detail.message : error.message,
    };
  }
  return Object.keys(errors).length === 0 ? undefined : errors;
}

/** A request body without the fields left empty. */
export function withoutEmpty<T extends Record<string, unknown>>(body: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** A schedule file's rows: "HH:mm,positions" (or ; or tab), a header line allowed. */
export function parseScheduleCsv(text: string): {
  positions: Map<string, number>;
  rejected: number[];
} {
  const positions = new Map<string, number>();
  const rejected: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const [start = '', count = ''] = line.split(/[,;\t]/).map((cell) => cell.trim());
    const time = /^(\d{1,2}):(\d{2})$/.exec(start);
    const value = Number(count);
    if (time === null || count === '' || !Number.isInteger(value) || value < 0) {
      // A header line is not an error.
      if (index > 0 || /^\d/.test(start)) rejected.push(index + 1);
      return;
    }
    positions.set(`${(time[1] ?? '').padStart(2, '0')}:${time[2] ?? ''}`, value);
  });
  return { positions, rejected };
}
