import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import {
  erlangC,
  erlangCAsaSeconds,
  erlangCMetrics,
  erlangCServiceLevel,
  occupancy,
} from './erlang-c.ts';
import { trafficErlangs } from './traffic.ts';

/** P(wait) from the M/M/N stationary distribution written out with factorial terms (small N). */
function pWaitByDefinition(agents: number, traffic: number): number {
  let term = 1;
  let below = 0;
  for (let k = 0; k < agents; k++) {
    below += term;
    term *= traffic / (k + 1);
  }
  const waiting = (term * agents) / (agents - traffic); // Σ_{k≥N} A^k/k! = A^N/N! · N/(N − A)
  return waiting / (below + waiting);
}

describe('Erlang C', () => {
  it('A = 10, N = 12: P(wait) = 0.449388 (mpmath; definition cross-check)', () => {
    expect(erlangC(12, 10)).toBeCloseTo(0.44938822429827086, 14);
    expect(erlangC(12, 10)).toBeCloseTo(pWaitByDefinition(12, 10), 14);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
  });

  it('matches the stationary distribution for a grid of small cases', () => {
    for (const agents of [1, 3, 8, 20, 40]) {
      for (const load of [0.1, 0.5, 0.8, 0.95, 0.999]) {
        const traffic = agents * load;
        expect(erlangC(agents, traffic)).toBeCloseTo(pWaitByDefinition(agents, traffic), 13);
      }
    }
  });

  it('ContactCenters/SSJ example: 4.2 calls/min, AHT 2 min, 12 agents', () => {
    // Exact (mpmath): C = 0.18388863039, SL(20 s) = 0.89907977989, ASA = 6.1296210131 s
    // = 0.10216 min; published ≈ 0.90, ≈ 0.10 min, occupancy 0.70.
    const queue = { agents: 12, trafficErlangs: trafficErlangs(4.2, 60, 120), ahtSeconds: 120 };
    expect(queue.trafficErlangs).toBeCloseTo(8.4, 14);
    const m = erlangCMetrics(queue, 20);
    expect(m.pWait).toBeCloseTo(0.18388863039349973, 13);
    expect(m.serviceLevel).toBeCloseTo(0.8990797798946537, 13);
    expect(m.asaSeconds).toBeCloseTo(6.129621013116658, 12);
    expect(m.occupancy).toBeCloseTo(0.7, 14);
    expect(m.serviceLevel).toBeCloseTo(0.9, 2);
    expect(m.asaSeconds / 60).toBeCloseTo(0.1, 2);
  });

  it('issue #5 example: 100 calls in 30 min, AHT 180 s, 14 agents, T = 20 s', () => {
    // CRAN ErlangC / pyworkforce: P(wait) 0.1741, SL 0.8884, ASA 7.84 s; exact from mpmath.
    const queue = { agents: 14, trafficErlangs: trafficErlangs(100, 1800, 180), ahtSeconds: 180 };
    expect(queue.trafficErlangs).toBe(10);
    expect(erlangC(14, 10)).toBeCloseTo(0.17413193359504983, 14);
    expect(erlangCServiceLevel(queue, 20)).toBeCloseTo(0.8883500191794669, 13);
    expect(erlangCAsaSeconds(queue)).toBeCloseTo(7.835937011777243, 12);
    expect(erlangCServiceLevel(queue, 20)).toBeCloseTo(0.8884, 4);
    expect(erlangCAsaSeconds(queue)).toBeCloseTo(7.84, 2);
  });

  it('overloaded (A ≥ N): everyone waits, nobody within the threshold, ASA infinite', () => {
    const m = erlangCMetrics({ agents: 10, trafficErlangs: 10, ahtSeconds: 180 }, 20);
    expect(m).toMatchObject({ pWait: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 1 });
    expect(erlangC(10, 25)).toBe(1);
    expect(occupancy(10, 25)).toBe(1);
  });

  it('no traffic: nobody waits', () => {
    const m = erlangCMetrics({ agents: 3, trafficErlangs: 0, ahtSeconds: 60 }, 20);
    expect(m).toMatchObject({ pWait: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 });
  });

  it('large N (50,000 agents, 45,000 Erlangs) gives finite values in [0, 1]', () => {
    const m = erlangCMetrics({ agents: 50_000, trafficErlangs: 45_000, ahtSeconds: 300 }, 20);
    expect(m.pWait).toBeGreaterThan(0);
    expect(m.pWait).toBeLessThan(1e-100); // ≈ e^−277: 5,000 spare agents at this scale is a lot
    expect(m.serviceLevel).toBe(1);
    expect(Number.isFinite(m.asaSeconds)).toBe(true);
    const tight = erlangCMetrics({ agents: 100_000, trafficErlangs: 99_800, ahtSeconds: 300 }, 20);
    expect(tight.pWait).toBeGreaterThan(0.1);
    expect(tight.pWait).toBeLessThan(1);
    expect(tight.serviceLevel).toBeGreaterThan(0);
    expect(tight.serviceLevel).toBeLessThan(1);
  });

  it('P(wait) falls with agents and rises with traffic; SL and ASA follow', () => {
    for (let agents = 5; agents < 40; agents++) {
      const q = { agents, trafficErlangs: 4.7, ahtSeconds: 200 };
      const next = { ...q, agents: agents + 1 };
      expect(erlangC(agents + 1, 4.7)).toBeLessThan(erlangC(agents, 4.7));
      expect(erlangCServiceLevel(next, 15)).toBeGreaterThanOrEqual(erlangCServiceLevel(q, 15));
      expect(erlangCAsaSeconds(next)).toBeLessThan(erlangCAsaSeconds(q));
    }
    for (let traffic = 0.5; traffic < 20; traffic += 0.5) {
      expect(erlangC(20, traffic + 0.5)).toBeGreaterThan(erlangC(20, traffic));
    }
  });

  it('rejects bad arguments with a typed error', () => {
    expect(() => erlangC(0, 1)).toThrowError(WfmError);
    expect(() => erlangCMetrics({ agents: 3, trafficErlangs: 1, ahtSeconds: 0 }, 20)).toThrowError(
      /^ahtSeconds: expected a finite number > 0, got 0$/,
    );
    expect(() => erlangCMetrics({ agents: 3, trafficErlangs: 1, ahtSeconds: 60 }, -1)).toThrowError(
      /^thresholdSeconds: expected a finite number ≥ 0, got -1$/,
    );
    expect(() => trafficErlangs(10, 0, 60)).toThrowError(
      /^periodSeconds: expected a finite number > 0/,
    );
    expect(() => occupancy(1.5, 1)).toThrowError(/^agents: expected an integer ≥ 1, got 1\.5$/);
  });
});
