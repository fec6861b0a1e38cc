// Ground truth for @relais/reports (issue 6): a simulated day runs the real engine, and the report
// built from its events must give, queue by queue, what the simulator measured contact by
// contact (packages/sim kpi-tally). Here because only the CLI may import both packages.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildReport, mergeRow, newRow, Projection } from '@relais/reports';
import { parseScenario, simulate } from '@relais/sim';
import { describe, expect, it } from 'vitest';

const example = fileURLToPath(new URL('../../../../examples/two-languages.yaml', import.meta.url));

describe('reports against the simulator', () => {
  it.each([7, 8, 9])(
    'seed %i: the day report equals the simulator’s own tally, queue by queue',
    (seed) => {
      const scenario = parseScenario(readFileSync(example, 'utf8'), 'two-languages.yaml');
      const projection = new Projection();
      const result = simulate(scenario, {
        seed,
        replications: 1,
        onEvents: (events) => {
          for (const event of events) projection.apply(event);
        },
      });
      // The simulated day starts at engine time 0: 1970-01-01 UTC.
      const report = buildReport(
        { dimension: 'queue', fromMs: 0, toMs: 2 * 86_400_000, intervalMinutes: 60, zone: 'UTC' },
        projection.rows(),
        projection.pauseRows(),
        (id) => projection.ruleOf(id),
      );
      expect(report.totals.map((t) => t.id).sort()).toEqual(Object.keys(result.queues).sort());
      for (const total of report.totals) {
        const sim = result.queues[total.id];
        expect(sim, total.id).toBeDefined();
        if (sim === undefined) continue;
        expect(total.counters.offered, total.id).toBe(sim.offered);
        expect(total.counters.answered, total.id).toBe(sim.answered);
        expect(total.counters.abandoned, total.id).toBe(sim.abandoned);
        expect(total.kpis.serviceLevel ?? 1, total.id).toBeCloseTo(sim.serviceLevel, 12);
        expect(total.kpis.asaSeconds ?? 0, total.id).toBeCloseTo(sim.asaSeconds, 9);
        expect(total.kpis.ahtSeconds ?? 0, total.id).toBeCloseTo(sim.ahtSeconds, 9);
        expect(total.kpis.abandonRate ?? 0, total.id).toBeCloseTo(sim.abandonRate, 12);
        // The hourly lines add up to the day.
        const lines = report.lines.filter((l) => l.id === total.id);
        expect(lines.reduce((n, l) => n + l.counters.offered, 0)).toBe(total.counters.offered);
      }
      expect(report.total.counters.offered).toBeGreaterThan(300);
    },
  );

  it('a day projected with flushes and restarts at random points adds up to one pass', () => {
    const scenario = parseScenario(readFileSync(example, 'utf8'), 'two-languages.yaml');
    const whole = new Projection();
    let live = new Projection();
    const stored = new Map<string, Float64Array>();
    const store = (
      rows: readonly { dimension: string; id: string; bucket: number; values: Float64Array }[],
    ) => {
      for (const row of rows) {
        const key = `${row.dimension}/${row.id}/${row.bucket}`;
        const into = stored.get(key) ?? newRow();
        mergeRow(into, row.values);
        stored.set(key, into);
      }
    };
    let n = 0;
    let restarts = 0;
    simulate(scenario, {
      seed: 11,
      replications: 1,
      onEvents: (events) => {
        for (const event of events) {
          whole.apply(event);
          live.apply(event);
          // A pseudo-random restart every few hundred events, seeded by the count.
          if ((++n * 2654435761) % 997 < 3) {
            restarts++;
            store(live.flush().rows);
            live = Projection.load(JSON.parse(JSON.stringify(live.save())));
          }
        }
      },
    });
    store(live.flush().rows);
    expect(n).toBeGreaterThan(3000);
    expect(restarts).toBeGreaterThan(5);
    const expected = new Map(
      whole.rows().map((r) => [`${r.dimension}/${r.id}/${r.bucket}`, [...r.values]]),
    );
    expect(new Map([...stored].map(([k, v]) => [k, [...v]]))).toEqual(expected);
  });
});
