// The hours and holiday rules: when, in the callee's zone, a call may be placed.
import type { CallingWindow, ReasonCode, RulePack } from '../packs/rule-pack.ts';
import { isPublicHoliday } from '../time/holidays.ts';
import {
  DAY_MS,
  MINUTE_MS,
  firstInstantAtOrAfterWall,
  wallMs,
  weekdayOf,
} from '../time/zoned-time.ts';
import type { Lead } from './types.ts';

const WHOLE_DAY: readonly CallingWindow[] = [{ fromMinute: 0, toMinute: 1440 }];
// Holidays and weekends together never close more than a few days in a row; a year is plenty.
const SEARCH_DAYS = 400;

/** A failed rule and the first instant it could pass (null: never, without new data). */
export interface RuleFailure {
  readonly code: ReasonCode;
  readonly nextMs: number | null;
}

function windowsOf(pack: RulePack, weekday: number, hoursLifted: boolean) {
  const windows = pack.hours.weekly[weekday] ?? [];
  return hoursLifted && windows.length > 0 ? WHOLE_DAY : windows;
}

/** The hours or holiday rule that stops a call at `atMs`, with the next open instant; or null. */
export function callingTimeFailure(
  lead: Lead,
  pack: RulePack,
  atMs: number,
  hoursLifted: boolean,
): RuleFailure | null {
  const wall = wallMs(lead.timeZone, atMs);
  const today = Math.floor(wall / DAY_MS);
  const minuteOfDay = (wall - today * DAY_MS) / MINUTE_MS;
  const holidayToday = pack.holidays !== null && isPublicHoliday(lead.holidayRegion, today);
  if (!holidayToday) {
    const open = windowsOf(pack, weekdayOf(today), hoursLifted).some(
      (w) => minuteOfDay >= w.fromMinute && minuteOfDay < w.toMinute,
    );
    if (open) return null;
  }
  const code = holidayToday && pack.holidays !== null ? pack.holidays.code : pack.hours.code;
  for (let day = today; day <= today + SEARCH_DAYS; day++) {
    if (pack.holidays !== null && isPublicHoliday(lead.holidayRegion, day)) continue;
    for (const window of windowsOf(pack, weekdayOf(day), hoursLifted)) {
      if (day === today && window.toMinute <= minuteOfDay) continue;
      const opening = firstInstantAtOrAfterWall(
        lead.timeZone,
        day * DAY_MS + window.fromMinute * MINUTE_MS,
      );
      if (opening > atMs) return { code, nextMs: opening };
    }
  }
  return { code, nextMs: null };
}
