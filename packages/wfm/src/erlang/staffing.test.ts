import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import { erlangA, type ServiceLevelConvention } from './erlang-a.ts';
import { erlangCMetrics } from './erlang-c.ts';
import {
  leastAgentsErlangA,
  leastAgentsErlangC,
  type ErlangATargets,
  type ErlangCTargets,
} from './staffing.ts';
import { trafficErlangs, type PatientLoad, type TrafficLoad } from './traffic.ts';

/** Whether `agents` meet the targets, checked by the public metrics functions. */
function meetsC(load: TrafficLoad, targets: ErlangCTargets, agents: number): boolean {
  const m = erlangCMetrics({ ...load, agents }, targets.serviceLevel?.thresholdSeconds ?? 0);
  return (
    (targets.serviceLevel === undefined || m.serviceLevel >= targets.serviceLevel.fraction) &&
    (targets.maxAsaSeconds === undefined || m.asaSeconds <= targets.maxAsaSeconds) &&
    (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy)
  );
}

function meetsA(load: PatientLoad, targets: ErlangATargets, agents: number): boolean {
  const m = erlangA({ ...load, agents }, targets.serviceLevel?.thresholdSeconds ?? 0);
  return (
    (targets.serviceLevel === undefined ||
      m.serviceLevel[targets.convention ?? 'offered'] >= targets.serviceLevel.fraction) &&
    (targets.maxAsaSeconds === undefined || m.asaSeconds <= targets.maxAsaSeconds) &&
    (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy) &&
    (targets.maxAbandonRate === undefined || m.pAbandon <= targets.maxAbandonRate)
  );
}

/** The least agent count by scanning up from 1, the slow obvious way. */
function scan(meets: (agents: number) => boolean): number {
  let agents = 1;
  while (!meets(agents)) agents++;
  return agents;
}

const SL_80_20 = { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 } } as const;

describe('staffing with Erlang C', () => {
  it('issue #5 example: 100 calls in 30 min, AHT 180 s, 80/20 → 14 agents', () => {
    const load = { trafficErlangs: trafficErlangs(100, 1800, 180), ahtSeconds: 180 };
    expect(leastAgentsErlangC(load, SL_80_20)).toBe(14); // SL(13) = 0.7956, SL(14) = 0.8884
  });

  it('matches a linear scan over a grid of loads and targets', () => {
    const targetSets: ErlangCTargets[] = [
      SL_80_20,
      { serviceLevel: { fraction: 0.95, thresholdSeconds: 0 } },
      { maxAsaSeconds: 15 },
      { maxOccupancy: 0.85 },
      {
        serviceLevel: { fraction: 0.7, thresholdSeconds: 60 },
        maxAsaSeconds: 30,
        maxOccupancy: 0.9,
      },
    ];
    for (const traffic of [0, 0.3, 1, 2.5, 10, 37.2, 120]) {
      for (const targets of targetSets) {
        const load = { trafficErlangs: traffic, ahtSeconds: 240 };
        const expected = scan((n) => meetsC(load, targets, n));
        expect(leastAgentsErlangC(load, targets), `A = ${traffic}`).toBe(expected);
      }
    }
  });

  it('large traffic: 45,000 Erlangs at 80/20 needs a few dozen agents more than A', () => {
    const load = { trafficErlangs: 45_000, ahtSeconds: 300 };
    const agents = leastAgentsErlangC(load, SL_80_20);
    expect(agents).toBeGreaterThan(45_000);
    expect(agents).toBeLessThan(45_200);
    expect(meetsC(load, SL_80_20, agents)).toBe(true);
    expect(meetsC(load, SL_80_20, agents - 1)).toBe(false);
  });
});

describe('staffing with Erlang A', () => {
  const load: PatientLoad = { trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: 300 };

  it('needs no more agents than Erlang C for the same service level', () => {
    const a = leastAgentsErlangA(load, { ...SL_80_20, convention: 'answered' });
    expect(a).toBeLessThanOrEqual(leastAgentsErlangC(load, SL_80_20));
    expect(meetsA(load, { ...SL_80_20, convention: 'answered' }, a)).toBe(true);
    expect(meetsA(load, { ...SL_80_20, convention: 'answered' }, a - 1)).toBe(false);
  });

  it('matches a linear scan for each service-level convention and the other targets', () => {
    const conventions: ServiceLevelConvention[] = [
      'answered',
      'offered',
      'abandon-neutral',
      'abandon-positive',
    ];
    const targetSets: ErlangATargets[] = [
      ...conventions.map((convention) => ({ ...SL_80_20, convention })),
      { maxAbandonRate: 0.03 },
      { maxAbandonRate: 0.001 },
      { maxAsaSeconds: 5 },
      { maxOccupancy: 0.8 },
      {
        serviceLevel: { fraction: 0.9, thresholdSeconds: 30 },
        maxAbandonRate: 0.02,
        maxAsaSeconds: 20,
      },
    ];
    const loads: PatientLoad[] = [
      load,
      { trafficErlangs: 0.4, ahtSeconds: 600, patienceSeconds: 60 },
      { trafficErlangs: 55, ahtSeconds: 240, patienceSeconds: 30 }, // impatient callers
      { trafficErlangs: 25, ahtSeconds: 120, patienceSeconds: 3600 },
    ];
    for (const l of loads) {
      for (const targets of targetSets) {
        const expected = scan((n) => meetsA(l, targets, n));
        expect(leastAgentsErlangA(l, targets), JSON.stringify({ l, targets })).toBe(expected);
      }
    }
  });

  it('an abandon target alone can be met below the traffic when patience is short', () => {
    const impatient = { trafficErlangs: 50, ahtSeconds: 300, patienceSeconds: 10 };
    const agents = leastAgentsErlangA(impatient, { maxAbandonRate: 0.2 });
    expect(agents).toBeLessThan(50);
    expect(meetsA(impatient, { maxAbandonRate: 0.2 }, agents)).toBe(true);
    expect(meetsA(impatient, { maxAbandonRate: 0.2 }, agents - 1)).toBe(false);
  });

  it('large traffic: 9,999 Erlangs at 80/20 with 5 min patience', () => {
    const big = { trafficErlangs: 9_999, ahtSeconds: 300, patienceSeconds: 300 };
    const agents = leastAgentsErlangA(big, SL_80_20);
    expect(meetsA(big, SL_80_20, agents)).toBe(true);
    expect(meetsA(big, SL_80_20, agents - 1)).toBe(false);
    expect(agents).toBeLessThanOrEqual(leastAgentsErlangC(big, SL_80_20));
  });
});

describe('a hint only moves where the search starts', () => {
  it('gives the same answer from any starting guess', () => {
    const load = { trafficErlangs: 37.2, ahtSeconds: 240, patienceSeconds: 180 };
    const targets = { ...SL_80_20, maxAbandonRate: 0.03 };
    const a = leastAgentsErlangA(load, targets);
    const c = leastAgentsErlangC(load, SL_80_20);
    for (const hint of [0, 1, a - 1, a, a + 1, 500, 1e9, Number.NaN]) {
      expect(leastAgentsErlangA(load, targets, hint), `hint ${hint}`).toBe(a);
      expect(leastAgentsErlangC(load, SL_80_20, hint), `hint ${hint}`).toBe(c);
    }
  });
});

describe('staffing targets are checked', () => {
  it('rejects missing or out-of-range targets with a typed error', () => {
    const load = { trafficErlangs: 10, ahtSeconds: 180, patienceSeconds: 300 };
    const cases: [() => unknown, RegExp][] = [
      [() => leastAgentsErlangC(load, {}), /^targets: expected at least one target/],
      [
        () => leastAgentsErlangC(load, { serviceLevel: { fraction: 1, thresholdSeconds: 20 } }),
        /^serviceLevel\.fraction: expected a number in \(0, 1\), got 1$/,
      ],
      [
        () => leastAgentsErlangC(load, { serviceLevel: { fraction: 0.8, thresholdSeconds: -5 } }),
        /^serviceLevel\.thresholdSeconds: expected a finite number ≥ 0, got -5$/,
      ],
      [
        () => leastAgentsErlangC(load, { maxAsaSeconds: 0 }),
        /^maxAsaSeconds: expected a finite number > 0/,
      ],
      [
        () => leastAgentsErlangC(load, { maxOccupancy: 1.2 }),
        /^maxOccupancy: expected a number in \(0, 1\]/,
      ],
      [
        () => leastAgentsErlangA(load, { maxAbandonRate: 0 }),
        /^maxAbandonRate: expected a number in \(0, 1\)/,
      ],
      [() => leastAgentsErlangA({ ...load, patienceSeconds: -1 }, SL_80_20), /^patienceSeconds:/],
      [
        () => leastAgentsErlangC({ ...load, trafficErlangs: Number.NaN }, SL_80_20),
        /^trafficErlangs:/,
      ],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrowError(message);
      expect(call).toThrowError(WfmError);
    }
  });
});
