import { describe, expect, it } from 'vitest';
import { parseIsoDate, weekdayOf } from '../calendar/civil-date.ts';
import { WfmError } from '../errors.ts';
import { makeContact, makeHistory } from '../testing/history-builders.ts';
import { accuracy } from './accuracy.ts';
import { forecastHistory, forecastIntervalHistory } from './forecast.ts';
import { bucketHistory } from './interval-history.ts';

const FEB_15 = parseIsoDate('1999-02-15') as number;

/** 14 days from Monday 1 February: open 08:00–12:00 (intervals 16–23), more on Mondays. */
const weekly = (day: number, interval: number): number =>
  interval >= 16 && interval < 24 ? (day % 7 === 0 ? 10 : 4) + (interval - 16) : 0;

describe('forecastHistory', () => {
  it('one entry per interval of the opening window and queue, plus "all" summing the queues', () => {
    const records = [
      ...makeHistory({ days: 14, queue: 'fr', count: weekly }),
      ...makeHistory({ days: 14, queue: 'en', count: () => 0 }),
      ...makeHistory({
        days: 14,
        queue: 'en',
        handleSeconds: 300,
        count: (_d, i) => (i === 20 ? 2 : 0),
      }),
    ];
    const f = forecastHistory(records, { intervalMinutes: 30, fromDay: FEB_15, days: 2 });
    expect(f.intervals).toHaveLength(2 * 8 * 3); // 2 days × 08:00–12:00 × (en, fr, all)
    expect(f.intervals[0]).toMatchObject({ day: FEB_15, startSeconds: 8 * 3600, queue: 'en' });
    const at10 = f.intervals.filter((x) => x.day === FEB_15 && x.startSeconds === 10 * 3600);
    const [en, fr, all] = at10;
    expect(all?.queue).toBe('all');
    expect(all?.offered).toBeCloseTo((en?.offered ?? 0) + (fr?.offered ?? 0), 12);
    expect(all?.ahtSeconds).toBeCloseTo(
      ((en?.offered ?? 0) * 300 + (fr?.offered ?? 0) * 180) / (all?.offered ?? 1),
      9,
    );
  });

  it('every method reproduces an exactly weekly history, and auto picks by backtest', () => {
    const records = makeHistory({ days: 14, count: weekly });
    for (const method of [
      'seasonal-naive',
      'weekday-profile',
      'poisson-regression',
      'auto',
    ] as const) {
      const f = forecastHistory(records, { intervalMinutes: 30, fromDay: FEB_15, days: 7, method });
      const fr = f.intervals.filter((x) => x.queue === 'fr');
      const expected = fr.map((x) => weekly(x.day - FEB_15, x.startSeconds / 1800));
      expect(
        accuracy(
          fr.map((x) => x.offered),
          expected,
        ).wape,
        method,
      ).toBeLessThan(
        method === 'poisson-regression' ? 0.1 : 1e-12, // the regression shares one shape: close
      );
      expect(fr.every((x) => x.ahtSeconds === 180)).toBe(true);
    }
    const auto = forecastHistory(records, { intervalMinutes: 30, fromDay: FEB_15, days: 7 });
    expect(auto.queues[0]?.backtest?.heldOutDays).toBe(7);
    expect(auto.queues[0]?.method).toBe('weekday-profile'); // a tie at 0 goes to the profile
  });

  it('the regression matches each weekday total exactly (its likelihood equations)', () => {
    const noisy = (d: number, i: number): number =>
      i >= 16 && i < 30 ? ((d * 7 + i * 3) % 5) + (d % 7) : 0;
    const records = makeHistory({ days: 14, count: noisy });
    const f = forecastHistory(records, {
      intervalMinutes: 30,
      fromDay: FEB_15,
      days: 7,
      method: 'poisson-regression',
    });
    for (let d = 0; d < 7; d++) {
      const forecast = f.intervals
        .filter((x) => x.queue === 'fr' && x.day === FEB_15 + d)
        .reduce((s, x) => s + x.offered, 0);
      let observed = 0;
      for (const past of [d, d + 7]) for (let i = 0; i < 48; i++) observed += noisy(past, i);
      expect(forecast).toBeCloseTo(observed / 2, 6);
    }
    expect(weekdayOf(FEB_15)).toBe(1);
  });

  it('uses only the history before the first forecast day', () => {
    const records = [
      ...makeHistory({ days: 14, count: weekly }),
      ...makeHistory({ firstDate: '1999-02-15', days: 7, count: () => 100 }),
    ];
    const f = forecastHistory(records, { intervalMinutes: 60, fromDay: FEB_15, days: 1 });
    expect(f.training).toEqual({ firstDay: FEB_15 - 14, days: 14 });
    expect(Math.max(...f.intervals.map((x) => x.offered))).toBeLessThan(100);
  });

  it('rejects bad options and an empty history with typed errors', () => {
    const records = [makeContact()];
    const bad: [() => unknown, RegExp][] = [
      [
        () => forecastHistory(records, { intervalMinutes: 20, fromDay: FEB_15, days: 7 }),
        /^intervalMinutes: expected one of 15, 30, 60/,
      ],
      [() => forecastHistory(records, { intervalMinutes: 30, fromDay: FEB_15, days: 0 }), /^days:/],
      [
        () => forecastHistory(records, { intervalMinutes: 30, fromDay: 0, days: 1 }),
        /no contact in the history before/,
      ],
    ];
    for (const [call, message] of bad) {
      expect(call).toThrowError(message);
      expect(call).toThrowError(WfmError);
    }
  });
});

describe('forecastIntervalHistory', () => {
  it('forecasts from counts bucketed elsewhere exactly as from the contact records', () => {
    const records = makeHistory({ days: 14, queue: 'fr', count: weekly });
    const first = Math.min(...records.map((r) => r.day));
    const fromRecords = forecastHistory(records, { intervalMinutes: 30, fromDay: FEB_15, days: 2 });
    const history = bucketHistory(records, 30, first, FEB_15 - first);
    const fromCounts = forecastIntervalHistory(history, {
      intervalMinutes: 30,
      fromDay: FEB_15,
      days: 2,
    });
    expect(fromCounts).toEqual(fromRecords);
  });

  it('refuses a history that does not end the day before the forecast', () => {
    const records = makeHistory({ days: 14, queue: 'fr', count: weekly });
    const first = Math.min(...records.map((r) => r.day));
    const history = bucketHistory(records, 30, first, 10);
    expect(() =>
      forecastIntervalHistory(history, { intervalMinutes: 30, fromDay: FEB_15, days: 1 }),
    ).toThrow(/fromDay/);
    expect(() =>
      forecastIntervalHistory(bucketHistory(records, 30, first, FEB_15 - first), {
        intervalMinutes: 60,
        fromDay: FEB_15,
        days: 1,
      }),
    ).toThrow(/intervalMinutes/);
  });
});
