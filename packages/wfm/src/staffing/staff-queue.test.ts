import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import { erlangA } from '../erlang/erlang-a.ts';
import { erlangCMetrics } from '../erlang/erlang-c.ts';
import { trafficErlangs } from '../erlang/traffic.ts';
import { fractionalPositions, positionsFor } from './positions.ts';
import { staffQueue, type StaffingRequest } from './staff-queue.ts';

/** The issue #5 example: 100 calls in 30 min, AHT 180 s (10 Erlangs), 80/20; overrides on top. */
function makeRequest(overrides: Partial<StaffingRequest> = {}): StaffingRequest {
  return {
    model: 'erlang-c',
    load: { trafficErlangs: trafficErlangs(100, 1800, 180), ahtSeconds: 180 },
    targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 } },
    ...overrides,
  };
}

describe('positions', () => {
  it('issue #5: 14 agents with 30% shrinkage → 20 positions (CRAN ErlangC, pyworkforce)', () => {
    expect(positionsFor(14, 0.3)).toBe(20);
    expect(staffQueue(makeRequest({ shrinkage: 0.3 })).positions).toBe(20);
  });

  it('rounds up, but not a floating-point hair: 21 / 0.7 is 30.000000000000004 → 30', () => {
    expect(positionsFor(21, 0.3)).toBe(30);
    expect(positionsFor(22, 0.3)).toBe(32); // 31.43
    expect(positionsFor(7, 0)).toBe(7);
    expect(fractionalPositions(22, 0.3)).toBeCloseTo(31.428571, 6);
  });

  it('rejects a shrinkage outside [0, 1)', () => {
    expect(() => positionsFor(10, 1)).toThrowError(/^shrinkage: expected a number in \[0, 1\)/);
    expect(() => positionsFor(10, -0.1)).toThrowError(WfmError);
  });
});

describe('staffQueue', () => {
  it('issue #5 example under Erlang C: 14 agents, P(wait) 0.1741, SL 0.8884, ASA 7.84 s', () => {
    const r = staffQueue(makeRequest());
    expect(r.agents).toBe(14);
    expect(r.positions).toBe(14);
    expect(r.pWait).toBeCloseTo(0.1741, 4);
    expect(r.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(r.asaSeconds).toBeCloseTo(7.84, 2);
    expect(r.pAbandon).toBe(0);
    expect(r.occupancy).toBeCloseTo(10 / 14, 12);
  });

  it('Erlang A reports the target convention and P(abandon) at the answer', () => {
    const request = makeRequest({
      model: 'erlang-a',
      load: { trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: 300 },
      targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 }, maxAbandonRate: 0.02 },
    });
    const r = staffQueue(request);
    const m = erlangA(
      { trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: 300, agents: r.agents },
      20,
    );
    expect(r.serviceLevel).toBe(m.serviceLevel.offered);
    expect(r.pAbandon).toBe(m.pAbandon);
    expect(r.pAbandon).toBeLessThanOrEqual(0.02);
    expect(r.agents).toBeLessThanOrEqual(14);
  });

  it('fractional staffing lies in (n − 1, n] and interpolates the service level linearly', () => {
    const r = staffQueue(makeRequest({ fractional: true, shrinkage: 0.3 }));
    const sl13 = erlangCMetrics(
      { trafficErlangs: 10, ahtSeconds: 180, agents: 13 },
      20,
    ).serviceLevel;
    const sl14 = erlangCMetrics(
      { trafficErlangs: 10, ahtSeconds: 180, agents: 14 },
      20,
    ).serviceLevel;
    expect(r.fractionalAgents).toBeCloseTo(13 + (0.8 - sl13) / (sl14 - sl13), 12);
    expect(r.fractionalAgents).toBeGreaterThan(13);
    expect(r.fractionalAgents).toBeLessThanOrEqual(14);
    expect(r.fractionalPositions).toBeCloseTo((r.fractionalAgents ?? 0) / 0.7, 12);
  });

  it('fractional staffing: an occupancy cap gives A / cap; several targets take the largest', () => {
    const cap = staffQueue(makeRequest({ targets: { maxOccupancy: 0.85 }, fractional: true }));
    expect(cap.fractionalAgents).toBeCloseTo(10 / 0.85, 12);
    expect(cap.agents).toBe(12);
    const both = staffQueue(
      makeRequest({
        targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 }, maxOccupancy: 0.5 },
        fractional: true,
      }),
    );
    expect(both.fractionalAgents).toBe(20);
  });

  it('fractional staffing below one agent for a tiny load', () => {
    const r = staffQueue(
      makeRequest({ load: { trafficErlangs: 0.01, ahtSeconds: 180 }, fractional: true }),
    );
    expect(r.agents).toBe(1);
    expect(r.fractionalAgents).toBeGreaterThan(0);
    expect(r.fractionalAgents).toBeLessThanOrEqual(1);
  });

  it('no traffic needs no agent', () => {
    const r = staffQueue(makeRequest({ load: { trafficErlangs: 0, ahtSeconds: 180 } }));
    expect(r).toMatchObject({ agents: 0, positions: 0, serviceLevel: 1 });
  });

  it('rejects Erlang A without a patience, and bad loads, with typed errors', () => {
    expect(() => staffQueue(makeRequest({ model: 'erlang-a' }))).toThrowError(/^patienceSeconds:/);
    expect(() =>
      staffQueue(makeRequest({ load: { trafficErlangs: 10, ahtSeconds: 0 } })),
    ).toThrowError(/^ahtSeconds: expected a finite number > 0/);
  });
});
