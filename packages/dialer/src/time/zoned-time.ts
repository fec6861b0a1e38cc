// Wall-clock arithmetic in a time zone, through Intl. Formatters and offsets are cached: the gate
// runs hundreds of thousands of checks a second and must not build a formatter per call.
import { DialerInputError } from '../errors.ts';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
// Offsets change only at instants on a 15-minute grid (offsets are multiples of 15 minutes).
const BUCKET_MS = 15 * MINUTE_MS;
const MAX_CACHED_OFFSETS = 200_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, ZoneOffsets>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw new DialerInputError('timeZone', `unknown IANA time zone "${timeZone}"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (lastZone?.zone === timeZone) return true; // only known zones get offsets
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function computeOffsetMs(timeZone: string, atMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(atMs);
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  const wallMs = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
  );
  return wallMs - (atMs - (((atMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS));
}

interface ZoneOffsets {
  readonly zone: string;
  readonly byBucket: Map<number, number>;
  // The last bucket asked: a run of checks at one instant asks the same one again and again.
  lastBucket: number;
  lastOffset: number;
}

let lastZone: ZoneOffsets | undefined;

function offsetsOf(timeZone: string): ZoneOffsets {
  if (lastZone?.zone === timeZone) return lastZone;
  let zone = offsetCaches.get(timeZone);
  if (zone === undefined) {
    zone = { zone: timeZone, byBucket: new Map(), lastBucket: Number.NaN, lastOffset: 0 };
    offsetCaches.set(timeZone, zone);
  }
  lastZone = zone;
  return zone;
}

/** The zone's offset from UTC (ms, local = UTC + offset) at an instant. */
export function offsetMs(timeZone: string, atMs: number): number {
  const zone = offsetsOf(timeZone);
  const bucket = Math.floor(atMs / BUCKET_MS);
  if (bucket === zone.lastBucket) return zone.lastOffset;
  let offset = zone.byBucket.get(bucket);
  if (offset === undefined) {
    offset = computeOffsetMs(timeZone, bucket * BUCKET_MS);
    if (zone.byBucket.size >= MAX_CACHED_OFFSETS) zone.byBucket.clear();
    zone.byBucket.set(bucket, offset);
  }
  zone.lastBucket = bucket;
  zone.lastOffset = offset;
  return offset;
}

/** The wall clock at an instant, as milliseconds since 1970-01-01 00:00 local. */
export function wallMs(timeZone: string, atMs: number): number {
  return atMs + offsetMs(timeZone, atMs);
}

/** The local calendar day (days since 1970-01-01) of an instant. */
export function localDay(timeZone: string, atMs: number): number {
  return Math.floor(wallMs(timeZone, atMs) / DAY_MS);
}

/** Monday = 0 … Sunday = 6 for a day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The first instant whose wall clock is at or after `wall` (ms since 1970-01-01 local). In a
 * spring-forward gap that is the instant the clocks jump.
 */
export function firstInstantAtOrAfterWall(timeZone: string, wall: number): number {
  const guess = wall - offsetMs(timeZone, wall);
  for (const candidate of [
    guess,
    wall - offsetMs(timeZone, guess),
    wall - offsetMs(timeZone, wall - DAY_MS),
    wall - offsetMs(timeZone, wall + DAY_MS),
  ].sort((a, b) => a - b)) {
    if (wallMs(timeZone, candidate) >= wall) return candidate;
  }
  // In a gap: walk forward to the jump, on the 15-minute grid.
  let instant = Math.ceil(guess / BUCKET_MS) * BUCKET_MS;
  while (wallMs(timeZone, instant) < wall) instant += BUCKET_MS;
  return instant;
}

const isoDays = new Map<string, number>();

/** The day number of a calendar date (`YYYY-MM-DD`). */
export function dayOfIsoDate(isoDate: string): number {
  let day = isoDays.get(isoDate);
  if (day === undefined) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (match === null) throw new DialerInputError('date', `"${isoDate}" is not YYYY-MM-DD`);
    day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    isoDays.set(isoDate, day);
  }
  return day;
}
