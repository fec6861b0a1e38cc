/** Times of day as scenarios write them: "HH:MM", 00:00 to 24:00 (24:00 only ends a day). */
import { z } from 'zod';

/** A validated "HH:MM" string. */
export type ClockTime = string;

const CLOCK_TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export const clockTimeSchema = z
  .string({ error: 'a time of day "HH:MM"' })
  .regex(CLOCK_TIME, { error: 'a time of day "HH:MM" from 00:00 to 24:00' });

/** Seconds after midnight of a ClockTime, e.g. 8 · 3600 for "08:00". */
export function secondsOfDay(time: ClockTime): number {
  const match = CLOCK_TIME.exec(time);
  if (match === null) throw new RangeError(`not a time of day "HH:MM": ${JSON.stringify(time)}`);
  if (match[1] === undefined) return 24 * 3600;
  return Number(match[1]) * 3600 + Number(match[2]) * 60;
}
