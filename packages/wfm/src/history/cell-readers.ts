import { parseIsoDate } from '../calendar/civil-date.ts';

// Readers of one cell each; undefined means the cell cannot be read (the caller reports it).

const CLOCK = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const LOCAL_TIME = /^(\d{4}-\d\d-\d\d)[T ](\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?)$/;

/** "7:02:56" or "07:02" → seconds after midnight (hours 0–23). */
export function timeOfDay(text: string): number | undefined {
  const match = CLOCK.exec(text.trim());
  if (match === null || Number(match[1]) > 23) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

/** A duration: seconds ("171", "12.5") or h:mm:ss / mm:ss. */
export function durationSeconds(text: string): number | undefined {
  const value = text.trim();
  if (DECIMAL.test(value)) return Number(value);
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => /^\d+$/.test(p))) {
    return undefined;
  }
  return parts.reduce((total, part) => total * 60 + Number(part), 0);
}

/** A local date-time "YYYY-MM-DD HH:MM[:SS]" (or with T) → day number and seconds of day. */
export function localDateTime(text: string): { day: number; seconds: number } | undefined {
  const match = LOCAL_TIME.exec(text.trim());
  if (match === null) return undefined;
  const day = parseIsoDate(match[1] as string);
  const seconds = timeOfDay(match[2] as string);
  if (day === undefined || seconds === undefined) return undefined;
  return { day, seconds: Math.floor(seconds) };
}
