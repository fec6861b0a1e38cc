import { describe, expect, it } from 'vitest';
import { instantOfWallTime, isTimeZone, wallTimeIn, zoneOffsetMs } from './zone-time.ts';

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
  });
});
