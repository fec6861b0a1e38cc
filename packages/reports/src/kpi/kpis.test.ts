import { describe, expect, it } from 'vitest';
import { countersOf, newRow } from './counters.ts';
import { kpisOf, serviceLevel } from './kpis.ts';

const counters = (values: Partial<Record<string, number>>) => ({
  ...countersOf(newRow()),
  ...values,
});

describe('KPI formulas (KPI.md)', () => {
  // 8 answered, 6 within T; 4 abandoned: 1 short (≤ 5 s), 2 within T (the short one among them).
  const c = counters({
    offered: 12,
    answered: 8,
    answeredWithin: 6,
    abandoned: 4,
    abandonedShort: 1,
    abandonedWithin: 2,
    waitAnsweredMs: 8 * 12_000,
    waitAbandonedMs: 4 * 30_000,
    handled: 8,
    talkMs: 8 * 200_000,
    holdMs: 8 * 10_000,
    wrapMs: 8 * 30_000,
    loggedInMs: 3_600_000,
    availableMs: 600_000,
    reservedMs: 60_000,
    busyMs: 1_800_000,
    wrapUpMs: 240_000,
    pausedMs: 900_000,
  });

  it('computes the four service-level formulas by hand', () => {
    expect(serviceLevel(c, 'answered')).toBeCloseTo(6 / 8, 12);
    expect(serviceLevel(c, 'offered')).toBeCloseTo(6 / (8 + 4 - 1), 12);
    expect(serviceLevel(c, 'abandon-neutral')).toBeCloseTo(6 / (8 + 4 - 2), 12);
    expect(serviceLevel(c, 'abandon-positive')).toBeCloseTo((6 + 2) / (8 + 4), 12);
  });

  it('computes ASA, AHT, abandonment, occupancy and utilisation by hand', () => {
    const k = kpisOf(c, 'offered');
    expect(k.asaSeconds).toBe(12);
    expect(k.ahtSeconds).toBe(240); // 200 + 10 + 30
    expect(k.abandonRate).toBeCloseTo((4 - 1) / (12 - 1), 12);
    expect(k.averageAbandonWaitSeconds).toBe(30);
    // Handling (busy + wrap-up) 2,040 s over handling + available + ringing 2,700 s.
    expect(k.occupancy).toBeCloseTo(2040 / 2700, 12);
    expect(k.utilisation).toBeCloseTo(2700 / 3600, 12);
  });

  it('gives null, not 0 or 100%, when there is nothing to divide', () => {
    expect(kpisOf(counters({}), 'offered')).toEqual({
      serviceLevel: null,
      asaSeconds: null,
      ahtSeconds: null,
      abandonRate: null,
      averageAbandonWaitSeconds: null,
      occupancy: null,
      utilisation: null,
      ewtMaeSeconds: null,
      ewtBiasSeconds: null,
    });
    // Only short abandons: the offered formula has nothing left to judge.
    expect(serviceLevel(counters({ abandoned: 2, abandonedShort: 2 }), 'offered')).toBeNull();
  });
});
