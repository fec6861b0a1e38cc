import { erlangA, erlangCMetrics } from '@relais/wfm';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { TWO_LANGUAGES_YAML } from '../testing/two-languages.ts';
import { simulate } from './simulate.ts';

/** One queue, `agents` identical agents, Poisson arrivals all day: M/M/c, or M/M/c+M with patience. */
function oneQueue(options: {
  perHour: number;
  ahtSeconds: number;
  agents: number;
  patienceSeconds?: number;
  replications?: number;
  formula?: string;
  lines?: number;
  extra?: string;
}): string {
  return `
name: one-queue
seed: 11
replications: ${options.replications ?? 20}
day: { start: "08:00", end: "16:00" }
${options.lines === undefined ? '' : `lines: ${options.lines}`}
routing: { strategy: longest-idle }
queues:
  - id: q
    skills: { s: 1 }
    arrivals: [ { from: "08:00", to: "16:00", perHour: ${options.perHour} } ]
    handleSeconds: { dist: exponential, mean: ${options.ahtSeconds} }
    ${options.patienceSeconds === undefined ? '' : `patienceSeconds: { dist: exponential, mean: ${options.patienceSeconds} }`}
    serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: ${options.formula ?? 'answered'} }
agents:
  - { name: a, count: ${options.agents}, skills: { s: 1 }${options.extra ?? ''} }
`;
}

const run = (yaml: string, replications?: number) =>
  simulate(parseScenario(yaml, 'test.yaml'), replications === undefined ? {} : { replications });

/** |simulated − theory| within the run's 95% half-width plus a small allowance for the day's edges. */
function agrees(simulated: number, halfWidth: number, theory: number, allowance: number): void {
  expect(Math.abs(simulated - theory)).toBeLessThanOrEqual(halfWidth + allowance);
}

describe('simulate: correctness against queueing theory', () => {
  it('M/M/c agrees with Erlang C (ContactCenters example: λ 4.2/min, 2 min, 12 agents)', () => {
    const result = run(oneQueue({ perHour: 252, ahtSeconds: 120, agents: 12 }));
    const theory = erlangCMetrics({ agents: 12, trafficErlangs: 8.4, ahtSeconds: 120 }, 20);
    const q = result.queues.q;
    const ci = result.ci95.queues.q;
    if (!q || !ci) throw new Error('missing queue q');
    // Published: SL ≈ 0.90 within 20 s, ASA ≈ 0.10 min, occupancy ≈ 0.70.
    agrees(q.serviceLevel, ci.serviceLevel, theory.serviceLevel, 0.01);
    agrees(q.asaSeconds, ci.asaSeconds, theory.asaSeconds, 0.5);
    // The day starts empty and drains at the end, which lowers occupancy a little.
    agrees(q.occupancy, ci.occupancy, 0.7, 0.03);
    expect(q.abandoned).toBe(0);
    expect(q.answered).toBe(q.offered);
  });

  it('M/M/c+M agrees with Erlang A (same, with exponential patience of mean 1 min)', () => {
    const result = run(
      oneQueue({ perHour: 252, ahtSeconds: 120, agents: 12, patienceSeconds: 60 }),
    );
    const theory = erlangA(
      { agents: 12, trafficErlangs: 8.4, ahtSeconds: 120, patienceSeconds: 60 },
      20,
    );
    const q = result.queues.q;
    const ci = result.ci95.queues.q;
    if (!q || !ci) throw new Error('missing queue q');
    // Published: abandonment ≈ 2.9 %, occupancy ≈ 0.675.
    const abandonShare = q.abandoned / q.offered;
    agrees(abandonShare, ci.abandoned / q.offered, theory.pAbandon, 0.005);
    agrees(q.serviceLevel, ci.serviceLevel, theory.serviceLevel.answered, 0.015);
    agrees(q.occupancy, ci.occupancy, 0.675, 0.03);
  });
});

describe('simulate: behaviour', () => {
  it('same seed, same result; another seed, other samples', () => {
    const yaml = oneQueue({
      perHour: 120,
      ahtSeconds: 180,
      agents: 8,
      patienceSeconds: 90,
      replications: 3,
    });
    const a = run(yaml);
    const b = run(yaml);
    expect({ ...a, perf: undefined }).toEqual({ ...b, perf: undefined });
    const c = simulate(parseScenario(yaml, 'test.yaml'), { seed: 12 });
    expect(c.totals.offered).not.toBe(a.totals.offered);
    expect(c.seed).toBe(12);
  });

  it('blocks arrivals beyond the lines', () => {
    const free = run(oneQueue({ perHour: 300, ahtSeconds: 120, agents: 10, replications: 2 }));
    const limited = run(
      oneQueue({ perHour: 300, ahtSeconds: 120, agents: 10, replications: 2, lines: 11 }),
    );
    expect(free.totals.blocked).toBe(0);
    expect(limited.totals.blocked).toBeGreaterThan(0);
    expect(limited.totals.offered + limited.totals.blocked).toBeGreaterThan(limited.totals.offered);
  });

  it('plays the issue example: two agent groups, a shift, retrials, lines', () => {
    const result = simulate(parseScenario(TWO_LANGUAGES_YAML, 'two-languages.yaml'), {
      replications: 3,
    });
    const en = result.queues.en;
    if (!en) throw new Error('missing queue en');
    // 100 calls 08:00–09:00 and 50 an hour until 17:00: 500 expected, plus retrials.
    expect(en.offered).toBeGreaterThan(430);
    expect(en.offered).toBeLessThan(600);
    expect(en.answered + en.abandoned).toBeCloseTo(en.offered, 5);
    for (const value of [en.serviceLevel, en.abandonRate, en.occupancy]) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    expect(en.ahtSeconds).toBeGreaterThan(180);
    expect(en.ahtSeconds).toBeLessThan(420);
    expect(result.replications).toBe(3);
  });

  it('agents leave at the end of their shift: later callers are not answered by them', () => {
    const yaml = oneQueue({
      perHour: 60,
      ahtSeconds: 60,
      agents: 2,
      patienceSeconds: 120,
      replications: 2,
      extra: ', shifts: [ { start: "08:00", end: "09:00" } ]',
    });
    const result = run(yaml);
    // About 60 calls in the first hour can be answered; the 420 after 09:00 cannot.
    expect(result.totals.answered).toBeLessThan(100);
    expect(result.totals.offered).toBeGreaterThan(400);
  });

  it('refuses bad options and unresolved history arrivals', () => {
    const scenario = parseScenario(oneQueue({ perHour: 10, ahtSeconds: 60, agents: 1 }), 't.yaml');
    expect(() => simulate(scenario, { replications: 0 })).toThrow(
      /replications: expected an integer ≥ 1/,
    );
    expect(() => simulate(scenario, { days: 1.5 })).toThrow(/days: expected an integer ≥ 1/);
    const history = parseScenario(
      oneQueue({ perHour: 10, ahtSeconds: 60, agents: 1 }).replace(
        '[ { from: "08:00", to: "16:00", perHour: 10 } ]',
        '{ history: "calls.tsv" }',
      ),
      't.yaml',
    );
    expect(() => simulate(history)).toThrow(/history arrivals must be resolved/);
  });
});
