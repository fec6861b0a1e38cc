// Public holidays per region, from date-holidays, as sets of local day numbers, built once per
// region and year.
import Holidays from 'date-holidays';
import { DAY_MS } from './zoned-time.ts';

/** A holiday calendar: a country and, when it has its own days, a subdivision (`FR`, `57`). */
export interface HolidayRegion {
  readonly country: string;
  readonly subdivision?: string;
}

// Country → subdivision ('' for none) → year → local day numbers of the public holidays.
const calendars = new Map<string, Map<string, Map<number, Set<number>>>>();

function publicHolidayDays(region: HolidayRegion, year: number): Set<number> {
  let bySubdivision = calendars.get(region.country);
  if (bySubdivision === undefined) {
    bySubdivision = new Map();
    calendars.set(region.country, bySubdivision);
  }
  const subdivision = region.subdivision ?? '';
  let byYear = bySubdivision.get(subdivision);
  if (byYear === undefined) {
    byYear = new Map();
    bySubdivision.set(subdivision, byYear);
  }
  let days = byYear.get(year);
  if (days === undefined) {
    const calendar =
      region.subdivision === undefined
        ? new Holidays(region.country)
        : new Holidays(region.country, region.subdivision);
    days = new Set();
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      // `date` is the local calendar date, "YYYY-MM-DD hh:mm:ss".
      const [y, m, d] = holiday.date.slice(0, 10).split('-').map(Number);
      days.add(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1) / DAY_MS);
    }
    byYear.set(year, days);
  }
  return days;
}

// The day numbers where each year from 1970 to 2199 begins, for a year lookup without a Date.
const YEAR_STARTS = Array.from({ length: 231 }, (_, i) => Date.UTC(1970 + i, 0, 1) / DAY_MS);

function yearOf(day: number): number {
  const guess = Math.floor(day / 365.2425);
  if (guess >= 0 && guess + 1 < YEAR_STARTS.length) {
    let index = guess;
    if (day < (YEAR_STARTS[index] as number)) index--;
    else if (day >= (YEAR_STARTS[index + 1] as number)) index++;
    if (index >= 0 && index + 1 < YEAR_STARTS.length) return 1970 + index;
  }
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** True when the local day (days since 1970-01-01) is a public holiday in the region. */
export function isPublicHoliday(region: HolidayRegion, day: number): boolean {
  return publicHolidayDays(region, yearOf(day)).has(day);
}
