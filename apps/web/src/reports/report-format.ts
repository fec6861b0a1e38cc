// Dates and times of a report in the reader's locale, read in the report's zone. The server labels
// each interval with its local wall-clock start ("YYYY-MM-DDTHH:mm"); instants (chart axes) are
// shown in the zone with Intl.
import type { ReportIntervalSize } from '@relais/protocol';
import { INTL_LOCALE } from '../i18n/format.ts';
import type { Locale } from '../i18n/locale-choice.ts';

export interface ReportDates {
  /** A local wall-clock label, as a date and time (or a date for daily intervals). */
  interval: (label: string) => string;
  /** An instant, in the zone: the chart's axis. */
  axis: (ms: number) => string;
  /** A local date YYYY-MM-DD, written out. */
  day: (date: string) => string;
}

export function reportDates(
  locale: Locale,
  zone: string,
  interval: ReportIntervalSize,
  oneDay: boolean,
): ReportDates {
  const intl = INTL_LOCALE[locale];
  const daily = interval === 'day';
  const wall = new Intl.DateTimeFormat(intl, {
    timeZone: 'UTC',
    ...(daily
      ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
      : oneDay
        ? { hour: '2-digit', minute: '2-digit' }
        : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
  });
  const axis = new Intl.DateTimeFormat(intl, {
    timeZone: zone,
    // One day: its hours (even by day, the axis spans the day); several days by day: dates.
    ...(oneDay
      ? { hour: '2-digit', minute: '2-digit' }
      : daily
        ? { day: 'numeric', month: 'short' }
        : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
  });
  const long = new Intl.DateTimeFormat(intl, { timeZone: 'UTC', dateStyle: 'long' });
  return {
    interval: (label) => wall.format(Date.parse(`${label}:00Z`)),
    axis: (ms) => axis.format(ms),
    day: (date) => long.format(Date.parse(`${date}T00:00:00Z`)),
  };
}
