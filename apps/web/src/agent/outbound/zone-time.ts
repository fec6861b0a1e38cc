// Wall-clock times in the callee's time zone: a callback is agreed in the callee's time ("call me
// back at six"), so the form reads and writes `YYYY-MM-DDTHH:mm` there, not in the browser's zone.

const HOUR_MS = 3_600_000;
const parts = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone itself when the runtime knows it, else this browser's (the form then says which). */
export function usableZone(zone: string): string {
  return isTimeZone(zone) ? zone : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function wallFields(atMs: number, zone: string): Record<string, number> {
  let format = parts.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    parts.set(zone, format);
  }
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(atMs))
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return fields;
}

/** The zone's offset from UTC at that instant, in ms (Paris in winter: +3,600,000). */
export function zoneOffsetMs(atMs: number, zone: string): number {
  const f = wallFields(atMs, zone);
  const wallAsUtc = Date.UTC(
    f.year ?? 1970,
    (f.month ?? 1) - 1,
    f.day ?? 1,
    f.hour ?? 0,
    f.minute ?? 0,
    f.second ?? 0,
  );
  return wallAsUtc - Math.floor(atMs / 1000) * 1000;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` as the zone's clocks read at that instant (a datetime-local value). */
export function wallTimeIn(atMs: number, zone: string): string {
  const d = new Date(atMs + zoneOffsetMs(atMs, zone));
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/**
 * The instant the zone's clocks read `YYYY-MM-DDTHH:mm`; undefined when the text is not one. A
 * time the clocks skip (spring forward) moves on by the gap; a time they read twice (autumn) is
 * the first of the two.
 */
export function instantOfWallTime(value: string, zone: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (wallTimeIn(wallAsUtc, 'UTC') !== value) return undefined; // 31 February, 25:00
  // The offsets on either side of any change near that day; each gives one candidate.
  const before = zoneOffsetMs(wallAsUtc - 24 * HOUR_MS, zone);
  const after = zoneOffsetMs(wallAsUtc + 24 * HOUR_MS, zone);
  const fits = [wallAsUtc - before, wallAsUtc - after]
    .filter((atMs) => wallTimeIn(atMs, zone) === value)
    .sort((a, b) => a - b);
  return fits[0] ?? wallAsUtc - before;
}
