import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_PROFILE,
  DAY_START_S,
  HALF_HOUR_S,
  peakArrivalRate,
  planShifts,
} from './demo-day-plan.ts';
import { demoHistoryDay, WEEKDAY_FACTOR } from './demo-history.ts';
import { buildLiveDemoNetwork } from './demo-network.ts';

const network = buildLiveDemoNetwork(1);
const peak = peakArrivalRate(planShifts(network.agents.length, 1));
const dayOf = (day: number, weekday: number) =>
  demoHistoryDay({ day, weekday }, peak, network.queueShares, 1);

describe('demo history', () => {
  it('is the same for the same seed and day, and differs from day to day', () => {
    expect(dayOf(20_000, 3)).toEqual(dayOf(20_000, 3));
    expect(dayOf(20_001, 3).length).not.toBe(dayOf(20_000, 3).length);
  });

  it('follows the live demo day: its profile per half-hour, its volume, its queues', () => {
    const calls = dayOf(20_000, 3); // a Wednesday: factor 1
    const perSlot = ARRIVAL_PROFILE.map(() => 0);
    for (const call of calls) {
      expect(call.day).toBe(20_000);
      expect(call.arrivalSeconds).toBeGreaterThanOrEqual(DAY_START_S);
      expect(network.queueShares[call.queue]).toBeGreaterThan(0);
      perSlot[Math.floor((call.arrivalSeconds - DAY_START_S) / HALF_HOUR_S)]! += 1;
    }
    const max = Math.max(...ARRIVAL_PROFILE);
    const expected = ARRIVAL_PROFILE.map((v) => (peak * HALF_HOUR_S * v) / max);
    const total = expected.reduce((a, b) => a + b, 0);
    // Within the ±5% day noise and Poisson spread of the whole day.
    expect(calls.length).toBeGreaterThan(total * 0.93);
    expect(calls.length).toBeLessThan(total * 1.07);
    // The busiest and quietest half-hours of the profile stay so.
    const busiest = ARRIVAL_PROFILE.indexOf(max);
    const quietest = ARRIVAL_PROFILE.indexOf(Math.min(...ARRIVAL_PROFILE));
    expect(perSlot[busiest]!).toBeGreaterThan(perSlot[quietest]! * 1.4);
  });

  it('gives answered calls a handle time and abandoned ones none, with a few abandons', () => {
    const calls = dayOf(20_002, 1);
    const abandoned = calls.filter((c) => c.outcome === 'abandoned');
    expect(abandoned.length / calls.length).toBeGreaterThan(0.01);
    expect(abandoned.length / calls.length).toBeLessThan(0.15);
    for (const call of calls) {
      if (call.outcome === 'answered') expect(call.handleSeconds).toBeGreaterThanOrEqual(20);
      else expect(call.handleSeconds).toBe(0);
      expect(call.waitSeconds).toBeGreaterThanOrEqual(0);
    }
  });

  it('has busier Mondays than Sundays', () => {
    expect(WEEKDAY_FACTOR[1]!).toBeGreaterThan(WEEKDAY_FACTOR[0]!);
    const sunday = dayOf(20_000, 0).length;
    const monday = dayOf(20_000, 1).length;
    expect(monday).toBeGreaterThan(sunday * 1.1);
  });
});
