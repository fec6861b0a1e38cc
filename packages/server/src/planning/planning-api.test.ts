// Planning over the API, on a real SQLite store: the Erlang calculator against @relais/wfm, a
// queue's forecast learnt from a stored history, entered schedules, what-if runs on the
// simulator's thread (progress, achieved beside predicted, cancel, the per-tenant limit), roles,
// and bad input refused with the field named.
import { historyRows, Zone } from '@relais/reports';
import { parseIsoDate, staffQueue, type ContactRecord } from '@relais/wfm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedNetwork, type Caller } from '../testing/harness.ts';

const DATE = '2026-04-06'; // a Monday
let h: Harness;
let admin: Caller & { tenantId: string };
let planner: Caller;

interface ErrorReply {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

/** Four weeks of a queue open 09:00–12:00: 20 contacts per half hour, 180 s each, all answered. */
async function storeHistory(queueId = 'support'): Promise<void> {
  const fromDay = parseIsoDate(DATE) as number;
  const records: ContactRecord[] = [];
  for (let day = fromDay - 28; day < fromDay; day++) {
    for (let k = 0; k < 120; k++) {
      records.push({
        row: records.length + 1,
        day,
        arrivalSeconds: 9 * 3600 + k * 90,
        queue: queueId,
        waitSeconds: 5,
        handleSeconds: 180,
        outcome: 'answered',
      });
    }
  }
  const { rows, fromMs, toMs } = historyRows(records, { zone: new Zone('Africa/Casablanca') });
  await h.store.replaceReportHistory(admin.tenantId, {
    entityIds: [queueId],
    fromMs: Math.floor(fromMs / 900_000) * 900_000,
    toMs: Math.ceil(toMs / 900_000) * 900_000,
    rows: rows.map((row) => ({
      dimension: row.dimension,
      entityId: row.id,
      bucketMs: row.bucket,
      values: row.values,
    })),
  });
}

beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('plan');
  await seedNetwork(h, admin);
  planner = await h.user(admin, 'planner', {}, 'plan-planner');
});
afterEach(async () => h.stop());

const erlang = {
  callsPerInterval: 100,
  ahtSeconds: 180,
  intervalMinutes: 30,
  serviceLevelTarget: 0.8,
  thresholdSeconds: 20,
  shrinkage: 0.3,
};

describe('Erlang calculator', () => {
  it('gives the least agents meeting the target, as @relais/wfm computes them', async () => {
    const reply = await h.call(planner, 'POST', '/api/v1/planning/erlang', erlang);
    expect(reply.status).toBe(200);
    const expected = staffQueue({
      model: 'erlang-c',
      load: { trafficErlangs: 10, ahtSeconds: 180 },
      targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 } },
      shrinkage: 0.3,
    });
    expect(reply.body).toMatchObject({
      model: 'erlang-c',
      trafficErlangs: 10,
      agents: expected.agents,
      positions: expected.positions,
      meetsTarget: true,
      pAbandon: 0,
    });
    expect(reply.body.serviceLevel).toBeCloseTo(expected.serviceLevel, 9);
    expect(reply.body.asaSeconds).toBeCloseTo(expected.asaSeconds, 9);
    expect(reply.body.occupancy).toBeCloseTo(10 / expected.agents, 9);
  });

  it('evaluates given agents, Erlang A with abandons, and a queue that cannot keep up', async () => {
    const a = await h.ok(planner, 'POST', '/api/v1/planning/erlang', {
      ...erlang,
      model: 'erlang-a',
      patienceSeconds: 120,
      agents: 11,
    });
    expect(a).toMatchObject({ model: 'erlang-a', agents: 11, positions: 16 });
    expect(a.pAbandon).toBeGreaterThan(0);
    const short = await h.ok(planner, 'POST', '/api/v1/planning/erlang', { ...erlang, agents: 9 });
    expect(short).toMatchObject({ agents: 9, asaSeconds: null, meetsTarget: false });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...erlang, serviceLevelTarget: 80 }, 'serviceLevelTarget'],
      [{ ...erlang, ahtSeconds: 0 }, 'ahtSeconds'],
      [{ ...erlang, intervalMinutes: 20 }, 'intervalMinutes'],
      [{ ...erlang, shrinkage: 1 }, 'shrinkage'],
      [{ ...erlang, model: 'erlang-a' }, 'patienceSeconds'],
      [{ ...erlang, callsPerInterval: 'many' }, 'callsPerInterval'],
    ];
    for (const [body, field] of cases) {
      const reply = await h.call<ErrorReply>(planner, 'POST', '/api/v1/planning/erlang', body);
      expect(reply.status, field).toBe(400);
      expect(reply.body.error.message).toContain(field);
      expect(reply.body.error.details?.[0]?.path).toBe(field);
    }
  });

  it('is closed to agents and client viewers, open to supervisors', async () => {
    const agent = await h.user(admin, 'agent', { agentId: 'a1' }, 'plan-agent');
    const viewer = await h.user(admin, 'clientViewer', { clientId: 'acme' }, 'plan-viewer');
    const supervisor = await h.user(admin, 'supervisor', { siteIds: ['rabat'] }, 'plan-sup');
    for (const caller of [agent, viewer]) {
      expect((await h.call(caller, 'POST', '/api/v1/planning/erlang', erlang)).status).toBe(403);
      const forecast = await h.call(
        caller,
        'GET',
        `/api/v1/planning/forecast?queueId=support&date=${DATE}`,
      );
      expect(forecast.status).toBe(403);
    }
    expect((await h.call(supervisor, 'POST', '/api/v1/planning/erlang', erlang)).status).toBe(200);
    const run = await h.call(supervisor, 'POST', '/api/v1/planning/what-if', {
      ...erlang,
      queueId: 'support',
      date: DATE,
    });
    expect(run.status).toBe(403);
  });
});

interface Forecast {
  zone: string;
  method: string;
  scheduleSource: string;
  history: { from: string; to: string; days: number; offered: number };
  intervals: {
    start: string;
    offered: number;
    ahtSeconds: number;
    agents: number;
    requiredPositions: number;
    scheduledPositions: number | null;
    predictedServiceLevel: number;
    scheduledServiceLevel: number | null;
  }[];
}

const FORECAST = `/api/v1/planning/forecast?queueId=support&date=${DATE}&weeks=4&shrinkage=0.2`;

describe('forecast and schedules', () => {
  it('forecasts each interval from the stored history and staffs it', async () => {
    await storeHistory();
    const forecast = await h.ok<Forecast>(planner, 'GET', FORECAST);
    expect(forecast.zone).toBe('Africa/Casablanca');
    expect(forecast.history).toEqual({
      from: '2026-03-09',
      to: '2026-04-05',
      days: 28,
      offered: 3360,
    });
    expect(forecast.intervals.map((i) => i.start)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
    for (const interval of forecast.intervals) {
      expect(interval.offered).toBeCloseTo(20, 0);
      expect(interval.ahtSeconds).toBeCloseTo(180, 0);
      const expected = staffQueue({
        model: 'erlang-c',
        load: {
          trafficErlangs: (interval.offered / 1800) * interval.ahtSeconds,
          ahtSeconds: interval.ahtSeconds,
        },
        targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 } },
        shrinkage: 0.2,
      });
      expect(interval.agents).toBe(expected.agents);
      expect(interval.requiredPositions).toBe(expected.positions);
      expect(interval.predictedServiceLevel).toBeGreaterThanOrEqual(0.8);
    }
    // Asked for 8 weeks, the history starts on its first day with a contact, as in relais forecast.
    const longer = await h.ok<Forecast>(planner, 'GET', FORECAST.replace('weeks=4', 'weeks=8'));
    expect(longer.history).toEqual(forecast.history);
    expect(longer.intervals).toEqual(forecast.intervals);
    // No schedule entered: the two agents configured with the queue's skill, all day.
    expect(forecast.scheduleSource).toBe('configured-agents');
    expect(forecast.intervals.every((i) => i.scheduledPositions === 2)).toBe(true);
  });

  it('uses the schedule a planner entered, kept across a restart, and forgets it on DELETE', async () => {
    await storeHistory();
    const url = `/api/v1/planning/schedules/support/${DATE}`;
    expect((await h.call(planner, 'GET', url)).status).toBe(404);
    await h.ok(planner, 'PUT', url, {
      intervalMinutes: 15,
      intervals: ['09:00', '09:15', '09:30', '09:45'].map((start, i) => ({
        start,
        positions: 5 + (i % 2),
      })),
    });
    // Stored, not kept in memory: a restart keeps it.
    await h.restart();
    const forecast = await h.ok<Forecast>(planner, 'GET', FORECAST);
    expect(forecast.scheduleSource).toBe('entered');
    expect(await h.ok(planner, 'GET', url)).toEqual({
      intervalMinutes: 15,
      intervals: ['09:00', '09:15', '09:30', '09:45'].map((start, i) => ({
        start,
        positions: 5 + (i % 2),
      })),
    });
    // 30-minute intervals take the fewest positions of their quarters; 10:00 has none.
    expect(forecast.intervals.slice(0, 3).map((i) => i.scheduledPositions)).toEqual([5, 5, null]);
    expect(forecast.intervals[0]?.scheduledServiceLevel).toBeGreaterThan(0);
    expect((await h.call(planner, 'DELETE', url)).status).toBe(204);
    expect((await h.ok<Forecast>(planner, 'GET', FORECAST)).scheduleSource).toBe(
      'configured-agents',
    );
  });

  it('refuses bad input, unknown queues and a queue without history', async () => {
    const bad: [string, string][] = [
      ['queueId=support&date=2026-02-30', 'date'],
      ['queueId=support&date=06/04/2026', 'date'],
      [`queueId=support&date=${DATE}&intervalMinutes=45`, 'intervalMinutes'],
      [`queueId=support&date=${DATE}&weeks=0`, 'weeks'],
      [`queueId=support&date=${DATE}&model=erlang-a`, 'patienceSeconds'],
      [`date=${DATE}`, 'queueId'],
    ];
    for (const [query, field] of bad) {
      const reply = await h.call<ErrorReply>(planner, 'GET', `/api/v1/planning/forecast?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.details?.[0]?.path).toBe(field);
    }
    const unknown = await h.call(
      planner,
      'GET',
      `/api/v1/planning/forecast?queueId=nope&date=${DATE}`,
    );
    expect(unknown.status).toBe(404);
    const none = await h.call<ErrorReply>(planner, 'GET', FORECAST);
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('NoHistory');
    const schedule = await h.call<ErrorReply>(
      planner,
      'PUT',
      `/api/v1/planning/schedules/support/${DATE}`,
      {
        intervalMinutes: 30,
        intervals: [{ start: '09:15', positions: 3 }],
      },
    );
    expect(schedule.status).toBe(400);
    expect(schedule.body.error.details?.[0]?.path).toBe('intervals.0.start');
  });
});

interface Run {
  id: string;
  status: string;
  progress: number;
  intervals?: {
    start: string;
    agents: number;
    predictedServiceLevel: number;
    achievedServiceLevel: number;
    achievedCi95: number;
  }[];
  totals?: { predictedServiceLevel: number; achievedServiceLevel: number };
}

const whatIf = {
  queueId: 'support',
  date: DATE,
  weeks: 4,
  serviceLevelTarget: 0.8,
  thresholdSeconds: 20,
};

async function finished(caller: Caller, id: string): Promise<Run> {
  for (;;) {
    const run = await h.ok<Run>(caller, 'GET', `/api/v1/planning/what-if/${id}`);
    expect(run.progress).toBeGreaterThanOrEqual(0);
    expect(run.progress).toBeLessThanOrEqual(100);
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('what-if runs', () => {
  it('plays the day on the simulator and sets the achieved service level beside the predicted', async () => {
    await storeHistory();
    const started = await h.call<Run>(planner, 'POST', '/api/v1/planning/what-if', {
      ...whatIf,
      replications: 4,
    });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', progress: 0 });
    const run = await finished(planner, started.body.id);
    expect(run.status).toBe('done');
    expect(run.progress).toBe(100);
    expect(run.intervals?.map((i) => i.start)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
    ]);
    for (const interval of run.intervals ?? []) {
      expect(interval.agents).toBeGreaterThan(0);
      expect(interval.predictedServiceLevel).toBeGreaterThanOrEqual(0.8);
      expect(interval.achievedServiceLevel).toBeGreaterThan(0);
      expect(interval.achievedServiceLevel).toBeLessThanOrEqual(1);
    }
    expect(run.totals?.achievedServiceLevel).toBeGreaterThan(0.5);
    // Another tenant does not see the run.
    const other = await h.tenantAdmin('other');
    expect((await h.call(other, 'GET', `/api/v1/planning/what-if/${run.id}`)).status).toBe(404);
  });

  it('runs the scheduled staffing, cancels, and limits the runs of a tenant', async () => {
    await storeHistory();
    const body = { ...whatIf, staffing: 'scheduled', replications: 20 };
    const first = await h.ok<Run>(planner, 'POST', '/api/v1/planning/what-if', body);
    const second = await h.ok<Run>(planner, 'POST', '/api/v1/planning/what-if', body);
    const third = await h.call<ErrorReply>(planner, 'POST', '/api/v1/planning/what-if', body);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('TooManyRuns');
    const cancelled = await h.ok<Run>(planner, 'DELETE', `/api/v1/planning/what-if/${first.id}`);
    expect(cancelled.status).toBe('cancelled');
    const run = await finished(planner, second.id);
    expect(run.status).toBe('done');
    // Two agents scheduled (the configured ones) for 20 contacts of 3 minutes per half hour.
    expect(run.intervals?.every((i) => i.agents === 2)).toBe(true);
    expect(run.totals?.predictedServiceLevel).toBeLessThan(0.8);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...whatIf, replications: 0 }, 'replications'],
      [{ ...whatIf, staffing: 'all' }, 'staffing'],
      [{ ...whatIf, date: 'tomorrow' }, 'date'],
      [{ ...whatIf, extra: 1 }, '(root)'],
    ];
    for (const [body, field] of cases) {
      const reply = await h.call<ErrorReply>(planner, 'POST', '/api/v1/planning/what-if', body);
      expect(reply.status, field).toBe(400);
      expect(reply.body.error.details?.[0]?.path).toBe(field);
    }
    expect((await h.call(planner, 'GET', '/api/v1/planning/what-if/nope')).status).toBe(404);
  });
});
