// What-if runs: each simulation runs on a worker thread of its own, so the server's event loop
// never waits for it. Runs live in the server's memory (a restart forgets them; README says so):
// at most MAX_RUNNING at once per tenant and MAX_RUNNING_TOTAL in all (each run takes a core),
// the last MAX_KEPT kept per tenant.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { WhatIfInterval, WhatIfRun } from '@relais/protocol';
import type { Scenario } from '@relais/sim';
import { ApiError } from '../http/errors.ts';
import type { WhatIfThreadData, WhatIfThreadMessage } from './what-if-thread.ts';
import type { PlannedInterval, Prediction } from './what-if-scenario.ts';

export const MAX_RUNNING = 2;
export const MAX_RUNNING_TOTAL = 4;
export const MAX_KEPT = 20;

interface Run {
  tenantId: string;
  view: WhatIfRun;
  worker?: Worker;
}

export interface StartRun {
  tenantId: string;
  queueId: string;
  date: string;
  staffing: 'required' | 'scheduled';
  replications: number;
  scenario: Scenario;
  /** Every interval of the day, with the scenario queue id of those with contacts. */
  intervals: readonly { planned: PlannedInterval; prediction: Prediction; queueId?: string }[];
}

export class WhatIfRuns {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly clock: () => number,
    private readonly limits = { perTenant: MAX_RUNNING, total: MAX_RUNNING_TOTAL },
  ) {}

  start(ask: StartRun): WhatIfRun {
    const all = [...this.runs.values()];
    const mine = all.filter((r) => r.tenantId === ask.tenantId);
    const running = mine.filter((r) => r.view.status === 'running').length;
    if (running >= this.limits.perTenant) {
      throw new ApiError(
        429,
        'TooManyRuns',
        `${running} what-if runs are already running for this tenant (at most ${this.limits.perTenant}); wait for one to finish or cancel it`,
      );
    }
    if (all.filter((r) => r.view.status === 'running').length >= this.limits.total) {
      throw new ApiError(
        429,
        'TooManyRuns',
        `the server is already running ${this.limits.total} what-if runs; try again in a moment`,
      );
    }
    const finished = mine.filter((r) => r.view.status !== 'running');
    for (const old of finished.slice(0, Math.max(0, mine.length + 1 - MAX_KEPT))) {
      this.runs.delete(old.view.id);
    }
    const view: WhatIfRun = {
      id: randomUUID(),
      queueId: ask.queueId,
      date: ask.date,
      status: 'running',
      progress: 0,
      startedAt: new Date(this.clock()).toISOString(),
      staffing: ask.staffing,
      replications: ask.replications,
    };
    const data: WhatIfThreadData = {
      module: new URL('./what-if-thread.ts', import.meta.url).href,
      scenario: ask.scenario,
    };
    const worker = new Worker(new URL('../runtime/worker-boot.mjs', import.meta.url), {
      workerData: data,
    });
    const run: Run = { tenantId: ask.tenantId, view, worker };
    this.runs.set(view.id, run);
    const finish = (status: WhatIfRun['status'], fields: Partial<WhatIfRun> = {}): void => {
      if (run.view.status !== 'running') return;
      run.view = {
        ...run.view,
        ...fields,
        status,
        finishedAt: new Date(this.clock()).toISOString(),
      };
      delete run.worker;
      void worker.terminate();
    };
    worker.on('message', (message: WhatIfThreadMessage) => {
      if (message.type === 'progress') {
        if (run.view.status === 'running') run.view = { ...run.view, progress: message.percent };
      } else if (message.type === 'failed') {
        finish('failed', { error: message.message });
      } else {
        finish('done', { progress: 100, ...results(ask, message) });
      }
    });
    worker.on('error', (error) => finish('failed', { error: error.message }));
    worker.on('exit', () => finish('failed', { error: 'the simulation thread stopped' }));
    // A run never keeps the process alive on its own.
    worker.unref();
    return view;
  }

  get(tenantId: string, id: string): WhatIfRun | undefined {
    const run = this.runs.get(id);
    return run?.tenantId === tenantId ? run.view : undefined;
  }

  /** Stops a running run; false when the tenant has no such run. */
  cancel(tenantId: string, id: string): WhatIfRun | undefined {
    const run = this.runs.get(id);
    if (run?.tenantId !== tenantId) return undefined;
    if (run.view.status === 'running') {
      run.view = {
        ...run.view,
        status: 'cancelled',
        finishedAt: new Date(this.clock()).toISOString(),
      };
      void run.worker?.terminate();
      delete run.worker;
    }
    return run.view;
  }

  /** Stops every run (server shutdown). */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.runs.values()].map(async (run) => {
        const worker = run.worker;
        delete run.worker;
        await worker?.terminate();
      }),
    );
  }
}

function results(
  ask: StartRun,
  message: Extract<WhatIfThreadMessage, { type: 'done' }>,
): Pick<WhatIfRun, 'intervals' | 'totals'> {
  const intervals: WhatIfInterval[] = [];
  let offered = 0;
  let predictedSum = 0;
  let achievedSum = 0;
  for (const { planned, prediction, queueId } of ask.intervals) {
    const figures = queueId === undefined ? undefined : message.queues[queueId];
    const ci = queueId === undefined ? undefined : message.ci95[queueId];
    // An interval without contacts meets any target, in the prediction and in the simulation.
    const achieved = figures === undefined || figures.offered === 0 ? 1 : figures.serviceLevel;
    intervals.push({
      start: planned.start,
      offered: planned.offered,
      agents: planned.agents,
      predictedServiceLevel: prediction.serviceLevel,
      achievedServiceLevel: achieved,
      achievedCi95: ci?.serviceLevel ?? 0,
      predictedAbandonRate: prediction.abandonRate,
      achievedAbandonRate: figures?.abandonRate ?? 0,
    });
    offered += planned.offered;
    predictedSum += planned.offered * prediction.serviceLevel;
    achievedSum += planned.offered * achieved;
  }
  return {
    intervals,
    totals: {
      predictedServiceLevel: offered > 0 ? predictedSum / offered : 1,
      achievedServiceLevel: offered > 0 ? achievedSum / offered : 1,
    },
  };
}
