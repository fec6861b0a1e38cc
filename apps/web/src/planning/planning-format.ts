// Dates and times of the planning page: the site's time zone, the reader's locale.
import { INTL_LOCALE } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale-choice.ts';

/** A local date "YYYY-MM-DD" in full, e.g. "lundi 6 avril 2026". */
export function dayLabel(date: string, locale: Locale): string {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

/** The date `days` after today in `zone`, "YYYY-MM-DD". */
export function dateInZone(nowMs: number, zone: string, days = 0): string {
  let today: string;
  try {
    today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(nowMs);
  } catch {
    today = new Date(nowMs).toISOString().slice(0, 10);
  }
  const [y = 1970, m = 1, d = 1] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Chart colours, AA on white (the page's --accent, --warn, --ok, --danger). */
export const COLORS = {
  offered: '#0b57d0',
  required: '#b3261e',
  scheduled: '#146c2e',
  predicted: '#0b57d0',
  achieved: '#8a4b00',
  target: '#4a505c',
} as const;
