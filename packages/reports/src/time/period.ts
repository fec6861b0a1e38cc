// The period of a report or an export: two local dates or times in a zone (or ISO instants), in
// order, at most MAX_REPORT_DAYS apart. One check for the API, the exports and the CLI.
import { ZoneError, type Zone } from './zones.ts';

export const MAX_REPORT_DAYS = 93;

/** A period that cannot be used; `field` is 'from' or 'to', the message names it as asked. */
export class PeriodError extends Error {
  override readonly name = 'PeriodError';
  constructor(
    readonly field: 'from' | 'to',
    message: string,
  ) {
    super(message);
  }
}

/** [fromMs, toMs) of the period; `name` writes a field as the caller's users know it (`--to`). */
export function reportPeriod(
  zone: Zone,
  from: string,
  to: string,
  name: (field: 'from' | 'to') => string = (field) => field,
): { fromMs: number; toMs: number } {
  const read = (field: 'from' | 'to', text: string): number => {
    try {
      return zone.instant(text);
    } catch (error) {
      if (error instanceof ZoneError)
        throw new PeriodError(field, `${name(field)}: ${error.message}`);
      throw error;
    }
  };
  const fromMs = read('from', from);
  const toMs = read('to', to);
  if (!(toMs > fromMs) || toMs - fromMs > MAX_REPORT_DAYS * 86_400_000) {
    throw new PeriodError(
      'to',
      `${name('to')}: expected after ${name('from')} and at most ${MAX_REPORT_DAYS} days later`,
    );
  }
  return { fromMs, toMs };
}
