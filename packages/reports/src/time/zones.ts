// Local intervals in an IANA time zone, through Intl (no zone data of our own). The offset is
// looked up once per bucket and zone: reports group hundreds of thousands of buckets.
import { BUCKET_MS } from './buckets.ts';

/** 15, 30 or 60 minutes, or a whole local day (1440: midnight to midnight, 23 or 25 hours on DST days). */
export type IntervalMinutes = 15 | 30 | 60 | 1440;
export const INTERVAL_MINUTES: readonly IntervalMinutes[] = [15, 30, 60];
export const DAY_MINUTES = 1440;

export class ZoneError extends Error {
  override readonly name = 'ZoneError';
}

// Offsets by zone name and bucket number, shared by every Zone: a report asks for thousands of
// buckets, and each Intl lookup costs microseconds. Bounded, then started again.
const OFFSETS = new Map<string, Map<number, number>>();
const MAX_OFFSETS = 1_000_000;
let offsetsKept = 0;

/** Offsets (local − UTC, ms) of one zone, cached per bucket. */
export class Zone {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets: Map<number, number>;

  constructor(readonly name: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new ZoneError(
        `unknown time zone "${name}": expected an IANA name such as Africa/Casablanca or Europe/Paris`,
      );
    }
    let offsets = OFFSETS.get(name);
    if (offsets === undefined) {
      offsets = new Map();
      OFFSETS.set(name, offsets);
    }
    this.offsets = offsets;
  }

  /** Local wall-clock time minus UTC at `atMs`. */
  offsetAt(atMs: number): number {
    const n = Math.floor(atMs / BUCKET_MS);
    let offset = this.offsets.get(n);
    if (offset === undefined) {
      // Zones change offset on quarter hours of UTC: the bucket's start tells for all of it.
      const bucket = n * BUCKET_MS;
      offset = this.wallClock(bucket) - bucket;
      if (++offsetsKept > MAX_OFFSETS) {
        for (const kept of OFFSETS.values()) kept.clear();
        offsetsKept = 1;
      }
      this.offsets.set(n, offset);
    }
    return offset;
  }

  /** The UTC start of the local interval holding `atMs`. */
  intervalStart(atMs: number, minutes: IntervalMinutes): number {
    const size = minutes * 60_000;
    const offset = this.offsetAt(atMs);
    const local = atMs + offset;
    // A day starts at local midnight, whose offset may differ from this time's on a DST day.
    if (minutes === DAY_MINUTES) return this.utcOfWall(Math.floor(local / size) * size);
    return Math.floor(local / size) * size - offset;
  }

  /**
   * The UTC time of a local wall-clock time ("YYYY-MM-DD" is its midnight, or "YYYY-MM-DDTHH:mm").
   * A time skipped by a spring change is read with the offset before it.
   */
  fromLocal(text: string): number {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(text);
    if (match === null) {
      throw new ZoneError(`"${text}": expected a local date YYYY-MM-DD or time YYYY-MM-DDTHH:mm`);
    }
    const [, y, mo, d, h = '0', mi = '0'] = match;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    if (new Date(wall).toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) {
      throw new ZoneError(`"${text}": no such date`);
    }
    return this.utcOfWall(wall);
  }

  /** The UTC time of a wall-clock time given as milliseconds since 1970-01-01T00:00 local. */
  utcOfWall(wallMs: number): number {
    // The offset of the instant one offset earlier than the wall time read as UTC.
    const guess = wallMs - this.offsetAt(wallMs);
    return wallMs - this.offsetAt(guess);
  }

  /** An ISO 8601 instant with its offset (…Z, …+01:00), or a local date or time (`fromLocal`). */
  instant(text: string): number {
    if (/[zZ]$|[+-]\d{2}:\d{2}$/.test(text)) {
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) throw new ZoneError(`"${text}" is not an ISO 8601 time`);
      return ms;
    }
    return this.fromLocal(text);
  }

  /** "YYYY-MM-DDTHH:mm" local time, no zone: how reports name an interval. */
  label(atMs: number): string {
    return new Date(atMs + this.offsetAt(atMs)).toISOString().slice(0, 16);
  }

  private wallClock(atMs: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(atMs)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    return Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
  }
}

/** Checks that a local interval is whole buckets (true of every real zone). */
export function bucketsPerInterval(minutes: IntervalMinutes): number {
  return (minutes * 60_000) / BUCKET_MS;
}
