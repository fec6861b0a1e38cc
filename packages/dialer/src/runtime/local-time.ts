import { DAY_MS, MINUTE_MS, dayOfIsoDate, firstInstantAtOrAfterWall } from '../time/zoned-time.ts';

/** The instant a zone's wall clock shows `minuteOfDay` on `isoDate` (YYYY-MM-DD). */
export function localInstant(timeZone: string, isoDate: string, minuteOfDay: number): number {
  return firstInstantAtOrAfterWall(
    timeZone,
    dayOfIsoDate(isoDate) * DAY_MS + minuteOfDay * MINUTE_MS,
  );
}
