import { describe, expect, it } from 'vitest';
import { calleeClock } from './lead-summary.tsx';
import {
  instantOfWallTime,
  isTimeZone,
  usableZone,
  wallTimeIn,
  zoneOffsetMs,
} from './zone-time.ts';

/** A small seeded generator (mulberry32): the same seed gives the same instants. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'America/Martinique',
  'Indian/Reunion',
  'Pacific/Noumea',
  'Australia/Lord_Howe', // a 30-minute daylight-saving shift
  'Asia/Kolkata',
  'America/St_Johns',
];

describe('wall times in the callee’s zone', () => {
  it('reads an instant as the zone’s clocks do', () => {
    const at = Date.UTC(2026, 10, 27, 9, 30);
    expect(wallTimeIn(at, 'Europe/Paris')).toBe('2026-11-27T10:30');
    expect(wallTimeIn(at, 'America/Martinique')).toBe('2026-11-27T05:30');
    expect(wallTimeIn(at, 'Indian/Reunion')).toBe('2026-11-27T13:30');
    expect(zoneOffsetMs(at, 'Europe/Paris')).toBe(3_600_000);
  });

  it('turns a wall time back into the instant, both ways round', () => {
    expect(instantOfWallTime('2026-11-27T18:00', 'Europe/Paris')).toBe(
      Date.UTC(2026, 10, 27, 17, 0),
    );
    expect(instantOfWallTime('2026-07-01T18:00', 'Europe/Paris')).toBe(Date.UTC(2026, 6, 1, 16, 0));
    expect(instantOfWallTime('2026-11-27T18:00', 'Pacific/Noumea')).toBe(
      Date.UTC(2026, 10, 27, 7, 0),
    );
    for (let hours = 0; hours < 24 * 400; hours += 7) {
      const at = Date.UTC(2026, 0, 1) + hours * 3_600_000;
      expect(instantOfWallTime(wallTimeIn(at, 'Europe/Paris'), 'Europe/Paris')).toBe(at);
    }
  });

  it('moves a time the clocks skip on by the gap, and takes the first of a time read twice', () => {
    // Paris, 28 March 2027: 02:00 → 03:00; 31 October 2027: 03:00 → 02:00.
    expect(instantOfWallTime('2027-03-28T02:30', 'Europe/Paris')).toBe(
      Date.UTC(2027, 2, 28, 1, 30),
    );
    expect(instantOfWallTime('2027-10-31T02:30', 'Europe/Paris')).toBe(
      Date.UTC(2027, 9, 31, 0, 30),
    );
  });

  it('refuses text that is not a date and time, and knows an unknown zone', () => {
    expect(instantOfWallTime('', 'Europe/Paris')).toBeUndefined();
    expect(instantOfWallTime('2026-02-31T10:00', 'Europe/Paris')).toBeUndefined();
    expect(instantOfWallTime('2026-11-27 10:00', 'Europe/Paris')).toBeUndefined();
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(usableZone('Indian/Reunion')).toBe('Indian/Reunion');
    expect(usableZone('Mars/Olympus')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('finds, for any minute in any zone, the first instant the clocks read the same (seed 8)', () => {
    const random = seeded(8);
    const from = Date.UTC(2026, 0, 1);
    const span = Date.UTC(2029, 0, 1) - from;
    for (let i = 0; i < 3000; i++) {
      const zone = ZONES[i % ZONES.length] as string;
      const at = Math.floor((from + random() * span) / 60_000) * 60_000;
      const wall = wallTimeIn(at, zone);
      const back = instantOfWallTime(wall, zone);
      expect(back, `${zone} ${wall}`).toBeDefined();
      expect(wallTimeIn(back as number, zone), `${zone} ${wall}`).toBe(wall);
      // The same reading an hour (Lord Howe: half an hour) earlier is an autumn overlap.
      expect(at - (back as number), `${zone} ${wall}`).toBeGreaterThanOrEqual(0);
      expect(at - (back as number), `${zone} ${wall}`).toBeLessThanOrEqual(3_600_000);
    }
  });

  it('shows the callee’s weekday and time, or nothing for a zone the browser does not know', () => {
    const at = Date.UTC(2026, 10, 27, 0, 34); // a Friday in UTC, still Thursday in Martinique
    expect(calleeClock(at, 'America/Martinique', 'en')).toBe('Thu 20:34');
    expect(calleeClock(at, 'Europe/Paris', 'fr')).toBe('ven. 01:34');
    expect(calleeClock(at, 'Mars/Olympus', 'fr')).toBe('');
  });
});
