// The what-if runs' limits and lifecycle, on real simulation threads: a server-wide limit beside
// the per-tenant one, cancel, and a finished run's figures.
import { afterEach, describe, expect, it } from 'vitest';
import type { Queue } from '@relais/protocol';
import { whatIfScenario, predicted } from './what-if-scenario.ts';
import { WhatIfRuns, type StartRun } from './what-if-runs.ts';

const QUEUE: Queue = { id: 'support', clientId: 'acme', channel: 'voice', skills: { fr: 1 } };
const SETTINGS = {
  model: 'erlang-c' as const,
  serviceLevelTarget: 0.8,
  thresholdSeconds: 20,
  shrinkage: 0,
};
const planned = [
  { start: '09:00', offered: 30, ahtSeconds: 180, agents: 5 },
  { start: '09:30', offered: 0, ahtSeconds: 0, agents: 0 },
];

function ask(tenantId: string, replications: number): StartRun {
  const { scenario, ids } = whatIfScenario(QUEUE, planned, 30, SETTINGS, {
    seed: 7,
    replications,
    name: 'test',
  });
  return {
    tenantId,
    queueId: 'support',
    date: '2026-04-06',
    staffing: 'required',
    replications,
    scenario,
    intervals: planned.map((p) => {
      const queueId = ids.get(p.start);
      return {
        planned: p,
        prediction: predicted(p, 30, SETTINGS),
        ...(queueId === undefined ? {} : { queueId }),
      };
    }),
  };
}

let runs: WhatIfRuns;
afterEach(async () => runs.stop());

async function finished(tenantId: string, id: string) {
  for (;;) {
    const run = runs.get(tenantId, id);
    if (run?.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('what-if runs', () => {
  it('limits the runs of the whole server as well as each tenant’s', () => {
    runs = new WhatIfRuns(() => 0, { perTenant: 1, total: 2 });
    runs.start(ask('north', 20));
    expect(() => runs.start(ask('north', 20))).toThrow(/for this tenant/);
    runs.start(ask('south', 20));
    expect(() => runs.start(ask('east', 20))).toThrow(/the server is already running 2/);
  });

  it('finishes with the figures of each interval, an empty one meeting any target', async () => {
    runs = new WhatIfRuns(() => Date.UTC(2026, 3, 5));
    const started = runs.start(ask('north', 3));
    expect(runs.get('south', started.id)).toBeUndefined();
    const run = await finished('north', started.id);
    expect(run?.status).toBe('done');
    expect(run?.progress).toBe(100);
    const [busy, empty] = run?.intervals ?? [];
    expect(busy).toMatchObject({ start: '09:00', offered: 30, agents: 5 });
    expect(busy?.achievedServiceLevel).toBeGreaterThan(0);
    expect(empty).toMatchObject({
      start: '09:30',
      achievedServiceLevel: 1,
      predictedServiceLevel: 1,
    });
    // Contact-weighted: the empty interval weighs nothing.
    expect(run?.totals?.achievedServiceLevel).toBe(busy?.achievedServiceLevel);
  });

  it('cancels a running run and leaves a finished one as it is', async () => {
    runs = new WhatIfRuns(() => 0, { perTenant: 1, total: 1 });
    const first = runs.start(ask('north', 20));
    expect(runs.cancel('north', first.id)?.status).toBe('cancelled');
    expect(runs.cancel('south', first.id)).toBeUndefined();
    // Its place is free again.
    const second = runs.start(ask('north', 2));
    await finished('north', second.id);
    expect(runs.cancel('north', second.id)?.status).toBe('done');
  });
});
