import { describe, expect, it } from 'vitest';
import { solveChain, type ChainCase } from '../testing/birth-death-chain.ts';
import { erlangA, type ErlangAQueue } from './erlang-a.ts';
import { erlangCMetrics } from './erlang-c.ts';

/** The Erlang A queue of a chain case (traffic = λ·AHT). */
function queueOf(c: ChainCase): ErlangAQueue {
  return {
    agents: c.agents,
    trafficErlangs: c.arrivalsPerSecond * c.ahtSeconds,
    ahtSeconds: c.ahtSeconds,
    patienceSeconds: c.patienceSeconds,
  };
}

const perMinute = (calls: number): number => calls / 60;

// Small cases across regimes: light, critical, overloaded, impatient, patient.
const CHAIN_CASES: ChainCase[] = [
  {
    agents: 5,
    arrivalsPerSecond: perMinute(4),
    ahtSeconds: 60,
    patienceSeconds: 120,
    thresholdSeconds: 20,
  },
  {
    agents: 8,
    arrivalsPerSecond: perMinute(1.8),
    ahtSeconds: 100,
    patienceSeconds: 20,
    thresholdSeconds: 10,
  },
  {
    agents: 12,
    arrivalsPerSecond: perMinute(14 / 3),
    ahtSeconds: 180,
    patienceSeconds: 60,
    thresholdSeconds: 20,
  },
  {
    agents: 20,
    arrivalsPerSecond: perMinute(3.6),
    ahtSeconds: 300,
    patienceSeconds: 600,
    thresholdSeconds: 30,
  },
  {
    agents: 30,
    arrivalsPerSecond: perMinute(12),
    ahtSeconds: 200,
    patienceSeconds: 400,
    thresholdSeconds: 60,
  },
  {
    agents: 50,
    arrivalsPerSecond: perMinute(11.25),
    ahtSeconds: 240,
    patienceSeconds: 90,
    thresholdSeconds: 15,
  },
  {
    agents: 50,
    arrivalsPerSecond: perMinute(12.4),
    ahtSeconds: 240,
    patienceSeconds: 900,
    thresholdSeconds: 0,
  },
];

describe('Erlang A against the birth–death chain (exact for M/M/N+M)', () => {
  it.each(CHAIN_CASES)(
    'N = $agents, λ = $arrivalsPerSecond/s, AHT $ahtSeconds s, patience $patienceSeconds s, T = $thresholdSeconds s',
    (c) => {
      const chain = solveChain(c);
      const m = erlangA(queueOf(c), c.thresholdSeconds);
      const tolerance = 1e-12;
      expect(m.pWait).toBeCloseTo(chain.pWait, 12);
      expect(m.pAbandon).toBeCloseTo(chain.pAbandon, 12);
      expect(m.serviceLevel.offered).toBeCloseTo(chain.pAnsweredWithin, 12);
      expect(m.pAbandonWithinThreshold).toBeCloseTo(chain.pAbandonedWithin, 12);
      expect(m.serviceLevel.answered).toBeCloseTo(chain.pAnsweredWithin / (1 - chain.pAbandon), 12);
      expect(m.serviceLevel['abandon-positive']).toBeCloseTo(
        chain.pAnsweredWithin + chain.pAbandonedWithin,
        12,
      );
      expect(m.serviceLevel['abandon-neutral']).toBeCloseTo(
        chain.pAnsweredWithin / (1 - chain.pAbandonedWithin),
        12,
      );
      expect(Math.abs(m.asaSeconds - chain.asaSeconds)).toBeLessThan(tolerance * c.patienceSeconds);
      expect(
        Math.abs(m.averageAbandonedWaitSeconds - chain.averageAbandonedWaitSeconds),
      ).toBeLessThan(tolerance * c.patienceSeconds);
    },
  );
});

describe('Erlang A', () => {
  it('pyworkforce example: λ = 10/3 per min, AHT 3 min, patience 5 min, 14 agents', () => {
    // pyworkforce tests: P(wait) 0.1453, P(abandon) 0.0140; exact (mpmath, chain at 40 digits):
    // 0.14526011429636120, 0.013983744122408938.
    const m = erlangA(
      { agents: 14, trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: 300 },
      20,
    );
    expect(m.pWait).toBeCloseTo(0.1452601142963612, 13);
    expect(m.pAbandon).toBeCloseTo(0.013983744122408938, 14);
    expect(m.pWait).toBeCloseTo(0.1453, 4);
    expect(m.pAbandon).toBeCloseTo(0.014, 4);
  });

  it('mean wait of all callers = P(abandon) × mean patience (Little’s law on the queue)', () => {
    for (const c of CHAIN_CASES) {
      const m = erlangA(queueOf(c), c.thresholdSeconds);
      expect(m.averageWaitSeconds).toBeCloseTo(m.pAbandon * c.patienceSeconds, 10);
      const split = m.asaSeconds * (1 - m.pAbandon) + m.averageAbandonedWaitSeconds * m.pAbandon;
      expect(split).toBeCloseTo(m.averageWaitSeconds, 10);
    }
  });

  it('ASA equals the integral of the answered-wait tail from the service-level formula', () => {
    // E[W; answered] = ∫ P(answered, W > t) dt, by Simpson's rule on the gamma-based curve.
    const queue: ErlangAQueue = {
      agents: 9,
      trafficErlangs: 8.5,
      ahtSeconds: 120,
      patienceSeconds: 150,
    };
    const answeredLater = (t: number): number => {
      const m = erlangA(queue, t);
      return 1 - m.pAbandon - m.serviceLevel.offered;
    };
    const end = 3000;
    const steps = 3000;
    const h = end / steps;
    let integral = answeredLater(0) + answeredLater(end);
    for (let i = 1; i < steps; i++) integral += (i % 2 === 1 ? 4 : 2) * answeredLater(i * h);
    integral *= h / 3;
    const m = erlangA(queue, 0);
    expect(integral / (1 - m.pAbandon)).toBeCloseTo(m.asaSeconds, 6);
  });

  it('tends to Erlang C as patience grows', () => {
    const c = erlangCMetrics({ agents: 14, trafficErlangs: 10, ahtSeconds: 180 }, 20);
    const a = erlangA(
      { agents: 14, trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: 1.8e9 },
      20,
    );
    expect(a.pWait).toBeCloseTo(c.pWait, 7);
    expect(a.pAbandon).toBeLessThan(1e-7);
    for (const sl of Object.values(a.serviceLevel)) expect(sl).toBeCloseTo(c.serviceLevel, 7);
    expect(a.asaSeconds).toBeCloseTo(c.asaSeconds, 5);
    const patiences = [60, 600, 6000, 60_000];
    const pWaits = patiences.map(
      (p) =>
        erlangA({ agents: 14, trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: p }, 20).pWait,
    );
    for (let i = 1; i < pWaits.length; i++) {
      expect(pWaits[i]).toBeGreaterThan(pWaits[i - 1] as number);
    }
    expect(pWaits.at(-1)).toBeLessThan(c.pWait);
  });

  it('falls with agents and rises with traffic', () => {
    const base = { trafficErlangs: 20, ahtSeconds: 240, patienceSeconds: 120 };
    let previous = erlangA({ ...base, agents: 10 }, 20);
    for (let agents = 11; agents <= 40; agents++) {
      const m = erlangA({ ...base, agents }, 20);
      expect(m.pWait).toBeLessThan(previous.pWait);
      expect(m.pAbandon).toBeLessThan(previous.pAbandon);
      expect(m.asaSeconds).toBeLessThan(previous.asaSeconds);
      for (const key of ['answered', 'offered', 'abandon-neutral', 'abandon-positive'] as const) {
        expect(m.serviceLevel[key]).toBeGreaterThanOrEqual(previous.serviceLevel[key]);
      }
      previous = m;
    }
    let before = erlangA({ ...base, agents: 20, trafficErlangs: 1 }, 20);
    for (let traffic = 2; traffic <= 40; traffic++) {
      const m = erlangA({ ...base, agents: 20, trafficErlangs: traffic }, 20);
      expect(m.pAbandon).toBeGreaterThan(before.pAbandon);
      before = m;
    }
  });

  it('stays finite and in [0, 1] for large N, under- and overloaded', () => {
    const cases: ErlangAQueue[] = [
      { agents: 50_000, trafficErlangs: 45_000, ahtSeconds: 180, patienceSeconds: 300 },
      { agents: 45_000, trafficErlangs: 50_000, ahtSeconds: 180, patienceSeconds: 300 },
      { agents: 10_000, trafficErlangs: 9_990, ahtSeconds: 300, patienceSeconds: 60 },
      { agents: 10_000, trafficErlangs: 10, ahtSeconds: 300, patienceSeconds: 60 },
      { agents: 100_000, trafficErlangs: 100_000, ahtSeconds: 180, patienceSeconds: 3600 },
    ];
    for (const queue of cases) {
      const m = erlangA(queue, 20);
      const fractions = [m.pWait, m.pAbandon, m.pAbandonWithinThreshold, m.occupancy];
      for (const value of [...fractions, ...Object.values(m.serviceLevel)]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      for (const seconds of [m.asaSeconds, m.averageWaitSeconds, m.averageAbandonedWaitSeconds]) {
        expect(Number.isFinite(seconds)).toBe(true);
        expect(seconds).toBeGreaterThanOrEqual(0);
      }
    }
    // 45,000 agents for 50,000 Erlangs: the excess 5,000 Erlangs must abandon (fluid limit).
    const overloaded = erlangA(cases[1] as ErlangAQueue, 20);
    expect(overloaded.pAbandon).toBeCloseTo(0.1, 6);
    expect(overloaded.occupancy).toBeCloseTo(1, 6);
  });

  it('no traffic: nobody waits', () => {
    const m = erlangA({ agents: 3, trafficErlangs: 0, ahtSeconds: 60, patienceSeconds: 30 }, 20);
    expect(m).toMatchObject({ pWait: 0, pAbandon: 0, asaSeconds: 0, occupancy: 0 });
    expect(m.serviceLevel.offered).toBe(1);
  });

  it('rejects bad arguments with a typed error naming the argument', () => {
    const queue: ErlangAQueue = {
      agents: 3,
      trafficErlangs: 2,
      ahtSeconds: 60,
      patienceSeconds: 30,
    };
    expect(() => erlangA({ ...queue, patienceSeconds: 0 }, 20)).toThrowError(
      /^patienceSeconds: expected a finite number > 0, got 0$/,
    );
    expect(() => erlangA({ ...queue, patienceSeconds: Infinity }, 20)).toThrowError(
      /^patienceSeconds: expected a finite number > 0, got Infinity$/,
    );
    expect(() => erlangA({ ...queue, agents: 0 }, 20)).toThrowError(
      /^agents: expected an integer ≥ 1/,
    );
    expect(() => erlangA({ ...queue, trafficErlangs: -2 }, 20)).toThrowError(/^trafficErlangs:/);
    expect(() => erlangA(queue, Number.NaN)).toThrowError(/^thresholdSeconds:/);
  });
});
