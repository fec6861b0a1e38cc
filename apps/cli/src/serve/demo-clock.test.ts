import { describe, expect, it } from 'vitest';
import { dayAndSecond, DemoClock, speedProblem } from './demo-clock.ts';
import { DAY_START_S, expectedArrivals } from './demo-day-plan.ts';

const H = 3600 * 1000;
const DAY = 24 * H;

describe('the demo clock', () => {
  it('starts at 8:00 of day 0 and plays `speed` simulated seconds per real second', () => {
    const clock = new DemoClock(1_000_000, 10);
    expect(clock.now(1_000_000)).toBe(8 * H);
    expect(clock.now(1_001_000)).toBe(8 * H + 10_000);
    expect(new DemoClock(0, 1).now(60_000)).toBe(8 * H + 60_000);
    expect(new DemoClock(0, 60).now(60_000)).toBe(9 * H);
  });

  it('keeps simulated time continuous when the speed changes', () => {
    const clock = new DemoClock(0, 1);
    clock.setSpeed(10_000, 60); // 10 s at 1x
    expect(clock.now(10_000)).toBe(8 * H + 10_000);
    expect(clock.now(11_000)).toBe(8 * H + 10_000 + 60_000);
    clock.setSpeed(11_000, 5);
    expect(clock.now(13_000)).toBe(8 * H + 70_000 + 10_000);
    expect(clock.speed).toBe(5);
  });

  it('makes simulated durations `speed` times shorter in real time', () => {
    // A 3-minute call at 30x ends 6 real seconds after it starts.
    const clock = new DemoClock(0, 30);
    const start = clock.now(1000);
    expect(clock.now(7000) - start).toBe(180_000);
  });

  it('multiplies the arrivals per real second by the speed', () => {
    const rate = 0.5; // per simulated second at the busiest half-hour
    for (const speed of [1, 5, 60]) {
      const clock = new DemoClock(0, speed, 10 * H);
      const from = clock.now(0);
      const to = clock.now(1000);
      expect(expectedArrivals(rate, from, to)).toBeCloseTo(
        expectedArrivals(rate, from, from + 1000) * speed,
      );
    }
  });

  it('stands still while paused and goes on from there', () => {
    const clock = new DemoClock(0, 10);
    clock.setPaused(1000, true);
    expect(clock.paused).toBe(true);
    expect(clock.now(50_000)).toBe(8 * H + 10_000);
    clock.setSpeed(60_000, 60); // a change while paused keeps it paused
    expect(clock.now(70_000)).toBe(8 * H + 10_000);
    clock.setPaused(80_000, false);
    expect(clock.now(81_000)).toBe(8 * H + 10_000 + 60_000);
  });

  it('moves on to 8:00 of the next day once a day reaches 20:00', () => {
    const clock = new DemoClock(0, 60, 19 * H + 59 * 60_000);
    expect(dayAndSecond(clock.now(0))).toEqual({ day: 0, secondOfDay: 19 * 3600 + 59 * 60 });
    const next = clock.now(2000); // 2 real seconds = 2 simulated minutes: past 20:00
    expect(dayAndSecond(next)).toEqual({ day: 1, secondOfDay: DAY_START_S });
    expect(clock.now(3000)).toBe(DAY + 8 * H + 60_000);
  });

  it('refuses speeds outside 1 to 60', () => {
    for (const bad of [0, 0.5, 61, Number.NaN, Infinity, '5', undefined]) {
      expect(speedProblem(bad)).toMatch(/expected a number from 1 to 60/);
    }
    for (const good of [1, 2.5, 60]) expect(speedProblem(good)).toBeUndefined();
    expect(() => new DemoClock(0, 0)).toThrow(/speed: expected a number from 1 to 60/);
    expect(() => new DemoClock(0, 5).setSpeed(0, 100)).toThrow(RangeError);
  });
});
