// Numbers, times and durations in the reader's locale, through Intl. Times are in the time zone
// given (a page that knows its site's zone gives it, see InTimeZone), else the browser's.
import type { Locale } from './locale-choice.ts';

/** The Intl locale for each language of the app. */
export const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export interface Formatters {
  integer: (value: number) => string;
  percent: (value: number | null | undefined) => string;
  seconds: (ms: number | null | undefined) => string;
  /** m:ss, or h:mm:ss from an hour on. */
  duration: (ms: number) => string;
  time: (atMs: number) => string;
  /** Day and time, short. */
  dateTime: (atMs: number) => string;
}

export function formatters(locale: Locale, none: string, timeZone?: string): Formatters {
  const intl = INTL_LOCALE[locale];
  const integer = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(intl, {
    style: 'unit',
    unit: 'second',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  });
  const zone = timeZone === undefined ? {} : { timeZone };
  const time = new Intl.DateTimeFormat(intl, { timeStyle: 'medium', ...zone });
  const dateTime = new Intl.DateTimeFormat(intl, {
    dateStyle: 'short',
    timeStyle: 'short',
    ...zone,
  });
  const two = (n: number): string => String(n).padStart(2, '0');
  return {
    integer: (value) => integer.format(value),
    percent: (value) => (value === null || value === undefined ? none : percent.format(value)),
    seconds: (ms) => (ms === null || ms === undefined ? none : seconds.format(ms / 1000)),
    duration: (ms) => {
      const total = Math.max(0, Math.floor(ms / 1000));
      const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
      return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
    },
    time: (atMs) => time.format(atMs),
    dateTime: (atMs) => dateTime.format(atMs),
  };
}
