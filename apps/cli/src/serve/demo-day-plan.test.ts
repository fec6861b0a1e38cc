import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Random } from '../workload/random.ts';
import {
  agentDay,
  ARRIVAL_PROFILE,
  clockText,
  coverage,
  DAY_END_S,
  DAY_START_S,
  expectedArrivals,
  FULL_TIME_SLOTS,
  HALF_HOUR_S,
  MEAN_HANDLE_S,
  pausedShare,
  peakArrivalRate,
  planShifts,
  poisson,
  profileAt,
  SLOTS,
  TARGET_OCCUPANCY,
} from './demo-day-plan.ts';

describe('the day profile', () => {
  it('is the mean of the weekdays in the bank records, per half-hour from 8:00', () => {
    const file = join(import.meta.dirname, '../../../../data/anonymous-bank-1999-02-days01-21.tsv');
    const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
    const column = Object.fromEntries(
      (header ?? '').split('\t').map((name, i) => [name.trim(), i]),
    );
    const counts = new Array<number>(SLOTS).fill(0);
    const days = new Set<string>();
    for (const row of rows) {
      const cells = row.split('\t').map((cell) => cell.trim());
      const get = (name: string): string => cells[column[name] as number] ?? '';
      // Offered to the agents (data/README.md): waited or served; PHANTOM records are not calls.
      if (get('outcome') === 'PHANTOM') continue;
      if (Number(get('q_time')) <= 0 && Number(get('ser_time')) <= 0) continue;
      const date = get('date'); // yymmdd, 1999
      const weekday = new Date(
        Date.UTC(1999, Number(date.slice(2, 4)) - 1, Number(date.slice(4, 6))),
      ).getUTCDay();
      if (weekday === 5 || weekday === 6) continue; // Friday and Saturday: the Israeli weekend
      days.add(date);
      const [h, m] = get('vru_exit').split(':').map(Number);
      const slot = Math.floor(((h ?? 0) * 60 + (m ?? 0) - 8 * 60) / 30);
      if (slot >= 0 && slot < SLOTS) counts[slot] = (counts[slot] as number) + 1;
    }
    expect(days.size).toBe(15);
    counts.forEach((count, slot) => {
      expect(count / days.size, `slot ${slot}`).toBeCloseTo(ARRIVAL_PROFILE[slot] as number, 1);
    });
  });

  it('covers 8:00 to 20:00 in half-hours, relative to the busiest one', () => {
    expect(ARRIVAL_PROFILE).toHaveLength(SLOTS);
    expect(SLOTS).toBe(24);
    expect(profileAt(DAY_START_S - 1)).toBe(0);
    expect(profileAt(DAY_END_S)).toBe(0);
    const values = Array.from({ length: SLOTS }, (_, s) =>
      profileAt(DAY_START_S + s * HALF_HOUR_S),
    );
    expect(Math.max(...values)).toBe(1);
    // The shape of the records: quieter at 8:00 and in the evening than late morning.
    expect(profileAt(8 * 3600)).toBeLessThan(0.7);
    expect(profileAt(10 * 3600)).toBeGreaterThan(0.95);
    expect(profileAt(19.5 * 3600)).toBeLessThan(0.6);
    expect(profileAt(10 * 3600 + 1799)).toBe(profileAt(10 * 3600));
  });

  it('gives the expected arrivals of a stretch of simulated time from the half-hour it is in', () => {
    const at = (h: number): number => h * 3600 * 1000;
    expect(expectedArrivals(2, at(10), at(10) + 60_000)).toBeCloseTo(2 * profileAt(10 * 3600) * 60);
    expect(expectedArrivals(2, at(21), at(21) + 60_000)).toBe(0);
    expect(expectedArrivals(2, at(10), at(10))).toBe(0);
    // Day 3 at 10:00 is 10:00 too.
    const day3 = 3 * 24 * 3600 * 1000;
    expect(expectedArrivals(2, day3 + at(10), day3 + at(10) + 1000)).toBeCloseTo(
      expectedArrivals(2, at(10), at(10) + 1000),
    );
  });
});

describe('shifts', () => {
  it('are the same for the same seed and stay inside the day', () => {
    const shifts = planShifts(465, 1);
    expect(planShifts(465, 1)).toEqual(shifts);
    expect(planShifts(465, 2)).not.toEqual(shifts);
    for (const shift of shifts) {
      expect(shift.startSlot).toBeGreaterThanOrEqual(0);
      expect(shift.startSlot + shift.slots).toBeLessThanOrEqual(SLOTS);
    }
  });

  it('put agents on shift in proportion to the arrival profile', () => {
    const shifts = planShifts(465, 1);
    const covered = coverage(shifts);
    const worked = covered.reduce((a, b) => a + b, 0);
    const total = ARRIVAL_PROFILE.reduce((a, b) => a + b, 0);
    // Past the first half-hour, every half-hour within a quarter of its share of the profile.
    for (let s = 1; s < SLOTS; s++) {
      const share = ((ARRIVAL_PROFILE[s] as number) / total) * worked;
      expect(Math.abs((covered[s] as number) - share) / share, `slot ${s}`).toBeLessThan(0.25);
    }
  });
});

describe("an agent's day", () => {
  it('logs in, takes breaks (and lunch on a full shift), each followed by availability, and logs out', () => {
    const random = new Random(7);
    for (const shift of [
      { startSlot: 0, slots: FULL_TIME_SLOTS },
      { startSlot: 10, slots: FULL_TIME_SLOTS },
      { startSlot: 16, slots: 8 },
    ]) {
      const steps = agentDay(shift, random);
      expect(steps[0]?.kind).toBe('login');
      expect(steps.at(-1)?.kind).toBe('logout');
      for (let i = 1; i < steps.length; i++) {
        expect((steps[i] as { atS: number }).atS).toBeGreaterThanOrEqual(steps[i - 1]!.atS);
      }
      for (const step of steps) {
        expect(step.atS).toBeGreaterThanOrEqual(DAY_START_S);
        expect(step.atS).toBeLessThan(DAY_END_S);
      }
      const pauses = steps.filter((s) => s.kind === 'pause');
      expect(pauses.filter((s) => s.code === 'break')).toHaveLength(2);
      expect(pauses.some((s) => s.code === 'lunch')).toBe(shift.slots === FULL_TIME_SLOTS);
      expect(steps.filter((s) => s.kind === 'available')).toHaveLength(pauses.length);
      // Every pause ends before the next one starts.
      const sequence = steps.slice(1, -1).map((s) => s.kind);
      for (let i = 0; i < sequence.length; i += 2) {
        expect(sequence.slice(i, i + 2)).toEqual(['pause', 'available']);
      }
    }
  });

  it('some full-time agents spend an hour in training', () => {
    const random = new Random(3);
    const days = Array.from({ length: 400 }, () =>
      agentDay({ startSlot: 2, slots: FULL_TIME_SLOTS }, random),
    );
    const trained = days.filter((d) => d.some((s) => s.kind === 'pause' && s.code === 'training'));
    expect(trained.length / days.length).toBeGreaterThan(0.08);
    expect(trained.length / days.length).toBeLessThan(0.25);
  });
});

describe('the arrival rate', () => {
  it('keeps the agents on shift and not paused busy TARGET_OCCUPANCY of the day', () => {
    const shifts = planShifts(300, 4);
    const peak = peakArrivalRate(shifts);
    let handled = 0;
    for (let s = 0; s < SLOTS; s++) {
      handled += peak * profileAt(DAY_START_S + s * HALF_HOUR_S) * HALF_HOUR_S * MEAN_HANDLE_S;
    }
    let productive = 0;
    for (const shift of shifts) productive += shift.slots * HALF_HOUR_S * (1 - pausedShare(shift));
    expect(handled / productive).toBeCloseTo(TARGET_OCCUPANCY);
    // Twice the agents, twice the calls.
    expect(peakArrivalRate([...shifts, ...shifts])).toBeCloseTo(2 * peak);
  });

  it('draws Poisson counts with the right mean, small and large', () => {
    const random = new Random(11);
    for (const mean of [0.3, 4, 80]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += poisson(mean, random);
      expect(sum / 20_000).toBeCloseTo(mean, mean > 10 ? 0 : 1);
    }
    expect(poisson(0, random)).toBe(0);
  });
});

it('writes a second of the day as hh:mm', () => {
  expect(clockText(DAY_START_S)).toBe('08:00');
  expect(clockText(10 * 3600 + 42 * 60 + 59)).toBe('10:42');
  expect(clockText(DAY_END_S)).toBe('20:00');
});
