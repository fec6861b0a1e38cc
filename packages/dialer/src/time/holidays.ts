// Public holidays per region, from date-holidays, as sets of local day numbers, built once per
// region and year.
import Holidays from 'date-holidays';
import { DAY_MS } from './zoned-time.ts';

/** A holiday calendar: a country and, when it has its own days, a subdivision (`FR`, `57`). */
export interface HolidayRegion {
  readonly country: string;
  readonly subdivision?: string;
}

const sets = new Map<string, Set<number>>();

function publicHolidayDays(region: HolidayRegion, year: number): Set<number> {
  const key = `${region.country}|${region.subdivision ?? ''}|${year}`;
  let days = sets.get(key);
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
    sets.set(key, days);
  }
  return days;
}

/** True when the local day (days since 1970-01-01) is a public holiday in the region. */
export function isPublicHoliday(region: HolidayRegion, day: number): boolean {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  return publicHolidayDays(region, year).has(day);
}
