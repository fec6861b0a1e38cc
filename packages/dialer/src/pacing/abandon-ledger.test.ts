import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { AbandonLedger, abandonWindowHoursFor } from './abandon-ledger.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

describe('AbandonLedger', () => {
  it('[PACE1] counts answers and drops in the window and since the start', () => {
    const ledger = new AbandonLedger(24);
    ledger.recordAnswer(0, false);
    ledger.recordAnswer(10 * MINUTE, true);
    ledger.recordAnswer(20 * HOUR, false);
    expect(ledger.window(20 * HOUR)).toEqual({ answered: 3, dropped: 1, rate: 1 / 3 });
    // 24 h later the first two minutes have left the window.
    expect(ledger.window(24 * HOUR + 11 * MINUTE)).toEqual({ answered: 1, dropped: 0, rate: 0 });
    expect(ledger.sinceStart()).toEqual({ answered: 3, dropped: 1, rate: 1 / 3 });
  });

  it('[PACE1] uses the regulator window of the pack: 30 days US, 24 hours UK and France', () => {
    expect(abandonWindowHoursFor('US')).toBe(720);
    expect(abandonWindowHoursFor('UK')).toBe(24);
    expect(abandonWindowHoursFor('FR')).toBe(24);
  });

  it('[PACE1] refuses a bad window or instant, naming the field', () => {
    expect(() => new AbandonLedger(0)).toThrow(DialerInputError);
    expect(() => new AbandonLedger(1.5)).toThrow(/abandonWindowHours/);
    const ledger = new AbandonLedger(1);
    expect(() => ledger.recordAnswer(Number.NaN, false)).toThrow(/atMs/);
    ledger.window(5 * HOUR);
    expect(() => ledger.recordAnswer(HOUR, true)).toThrow(/older than the window/);
  });

  it('[PACE1] matches a brute-force count over random events, late ones included (seeded)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed);
      const windowHours = random.pick([1, 24, 720]);
      const ledger = new AbandonLedger(windowHours);
      const events: { atMs: number; dropped: boolean }[] = [];
      let now = random.int(0, 10) * HOUR;
      for (let step = 0; step < 3000; step++) {
        now += random.int(0, 4 * MINUTE);
        if (random.chance(0.3)) now += random.int(0, 3 * HOUR);
        // Some events arrive a little late (a minute or two back), as a host may report them.
        const atMs = Math.max(0, now - (random.chance(0.1) ? random.int(0, 2 * MINUTE) : 0));
        const dropped = random.chance(0.05);
        ledger.recordAnswer(atMs, dropped);
        events.push({ atMs, dropped });
        if (random.chance(0.2)) {
          const nowMinute = Math.floor(now / MINUTE);
          const inWindow = events.filter(
            (e) => Math.floor(e.atMs / MINUTE) > nowMinute - windowHours * 60,
          );
          const expected = {
            answered: inWindow.length,
            dropped: inWindow.filter((e) => e.dropped).length,
          };
          expect(ledger.window(now)).toMatchObject(expected);
        }
      }
      expect(ledger.sinceStart()).toMatchObject({
        answered: events.length,
        dropped: events.filter((e) => e.dropped).length,
      });
    }
  });
});
