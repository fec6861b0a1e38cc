// Reports over the API: figures exact to the last event (before and after the projection is
// written, and after a restart), scoped by role, CSV with its audit entry, bad input refused.
import { ReportView } from '@relais/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, agent, queue, seedNetwork, site, type Caller } from '../testing/harness.ts';

const START = Date.UTC(2026, 3, 6, 9, 0); // Monday 6 April 2026, 10:00 in Casablanca (UTC+1)
let now = START;
const at = (seconds: number): void => {
  now = START + seconds * 1000;
};
let h: Harness;
let admin: Caller & { tenantId: string };

interface Report {
  zone: string;
  lines: {
    id: string;
    start: string;
    counters: Record<string, number>;
    kpis: Record<string, number | null>;
    pauseSeconds?: Record<string, number>;
  }[];
  totals: { id: string; counters: Record<string, number>; kpis: Record<string, number | null> }[];
  serviceLevel: Record<string, { formula: string; thresholdSeconds: number }>;
}

const DAY = 'from=2026-04-06&to=2026-04-07';
const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** a1 answers c1 after 10 s, talks 5 min, wraps up 30 s; c2 abandons after 25 s; a2 lunches 20 min. */
async function day(): Promise<void> {
  await seedNetwork(h, admin);
  for (const id of ['a1', 'a2']) {
    await h.ok(admin, 'POST', `/api/v1/agents/${id}/login`, {});
  }
  await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
  await h.ok(admin, 'PUT', '/api/v1/agents/a2/state', { state: 'paused', reason: 'lunch' });
  at(60);
  await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
  at(70);
  await h.ok(admin, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
  at(120);
  await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c2', queueId: 'support' });
  at(145);
  await h.ok(admin, 'POST', '/api/v1/contacts/c2/abandon', {});
  at(370);
  await h.ok(admin, 'POST', '/api/v1/agents/a1/complete', { contactId: 'c1' });
  at(400);
  await h.ok(admin, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: 'c1' });
  at(1200);
  await h.ok(admin, 'PUT', '/api/v1/agents/a2/state', { state: 'available' });
  at(1800);
}

beforeEach(async () => {
  now = START;
  h = await Harness.start({ clock: () => now });
  admin = await h.tenantAdmin('north');
});
afterEach(async () => h.stop());

describe('reports API', () => {
  it('gives exact figures before the projection is written, after, and after a restart', async () => {
    await day();
    const expectQueue = (report: Report) => {
      expect(report.zone).toBe('Africa/Casablanca');
      expect(report.totals).toHaveLength(1);
      expect(report.totals[0]?.counters).toMatchObject({
        offered: 2,
        answered: 1,
        answeredWithin: 1,
        abandoned: 1,
        abandonedWithin: 0,
        waitAnsweredMs: 10_000,
        handled: 1,
        talkMs: 300_000,
        wrapMs: 30_000,
      });
      // offered formula: 1 / (1 + 1 − 0); ASA 10 s; AHT 330 s.
      expect(report.totals[0]?.kpis).toMatchObject({
        serviceLevel: 0.5,
        asaSeconds: 10,
        ahtSeconds: 330,
      });
      expect(report.lines.map((l) => l.start)).toEqual(['2026-04-06T10:00']);
    };
    const first = await h.ok<Report>(admin, 'GET', `/api/v1/reports?${DAY}`);
    expectQueue(first);
    await settle();
    expectQueue(await h.ok<Report>(admin, 'GET', `/api/v1/reports?${DAY}`));
    await h.restart();
    expectQueue(await h.ok<Report>(admin, 'GET', `/api/v1/reports?${DAY}`));
    // Rebuilt from the whole log: the same.
    await h.ok(admin, 'POST', '/api/v1/reports/rebuild', {});
    expectQueue(await h.ok<Report>(admin, 'GET', `/api/v1/reports?${DAY}`));
  });

  it('agents: time by state up to now, pause time by code, per quarter hour in local time', async () => {
    await day();
    const report = await h.ok<Report>(
      admin,
      'GET',
      `/api/v1/reports?${DAY}&dimension=agent&interval=15&ids=a2`,
    );
    expect(
      report.lines.map((l) => [
        l.start,
        (l.counters.loggedInMs ?? 0) / 1000,
        l.pauseSeconds?.lunch,
      ]),
    ).toEqual([
      ['2026-04-06T10:00', 900, 900],
      ['2026-04-06T10:15', 900, 300],
    ]);
    const a1 = await h.ok<Report>(
      admin,
      'GET',
      `/api/v1/reports?${DAY}&dimension=agent&interval=60&ids=a1`,
    );
    // Up to now (30 min): ringing 10 s, busy 300 s, wrap-up 30 s, the rest available.
    expect(a1.totals[0]?.counters).toMatchObject({
      loggedInMs: 1_800_000,
      busyMs: 300_000,
      wrapUpMs: 30_000,
    });
    expect(a1.totals[0]?.kpis.occupancy).toBeCloseTo(330 / 1800, 9);
  });

  it('keeps each role to its scope', async () => {
    await day();
    await h.ok(admin, 'POST', '/api/v1/sites', site('fes'));
    await h.ok(admin, 'POST', '/api/v1/clients', { id: 'other', name: 'Other' });
    await h.ok(
      admin,
      'POST',
      '/api/v1/queues',
      queue('other-q', 'other', { homeSiteId: 'fes', sites: ['fes'] }),
    );
    await h.ok(admin, 'POST', '/api/v1/agents', agent('f1', 'fes'));
    const viewer = await h.user(admin, 'clientViewer', { clientId: 'other' }, 'viewer');
    const fes = await h.user(admin, 'supervisor', { siteIds: ['fes'] }, 'fes-sup');
    const me = await h.user(admin, 'agent', { agentId: 'a1' }, 'agent-a1');
    expect((await h.ok<Report>(viewer, 'GET', `/api/v1/reports?${DAY}`)).totals).toEqual([]);
    // Another client's queue asked for by name: refused, like a queue that does not exist.
    for (const ids of ['support', 'support,other-q', 'no-such-queue']) {
      const refused = await h.call<{ error: { details: { path: string }[] } }>(
        viewer,
        'GET',
        `/api/v1/reports?${DAY}&ids=${ids}`,
      );
      expect(refused.status, ids).toBe(403);
      expect(refused.body.error.details[0]?.path).toBe('ids');
      expect(
        (await h.call(viewer, 'GET', `/api/v1/reports?${DAY}&ids=${ids}&format=csv`)).status,
      ).toBe(403);
    }
    expect(
      (await h.ok<Report>(viewer, 'GET', `/api/v1/reports?${DAY}&ids=other-q`)).totals,
    ).toEqual([]);
    expect((await h.call(viewer, 'GET', `/api/v1/reports?${DAY}&dimension=agent`)).status).toBe(
      403,
    );
    expect(
      (await h.ok<Report>(fes, 'GET', `/api/v1/reports?${DAY}&dimension=agent`)).totals,
    ).toEqual([]);
    expect(
      (await h.ok<Report>(fes, 'GET', `/api/v1/reports?${DAY}&dimension=site`)).totals,
    ).toEqual([]);
    const mine = await h.ok<Report>(me, 'GET', `/api/v1/reports?${DAY}&dimension=agent`);
    expect(mine.totals.map((t) => t.id)).toEqual(['a1']);
    expect((await h.call(me, 'GET', `/api/v1/reports?${DAY}`)).status).toBe(403);
    // Another tenant sees nothing of this one.
    const south = await h.tenantAdmin('south');
    expect((await h.ok<Report>(south, 'GET', `/api/v1/reports?${DAY}`)).totals).toEqual([]);
  });

  it('exports CSV for Excel (BOM, `;`, decimal comma) and records the export in the audit log', async () => {
    await day();
    const response = await h.server.app.inject({
      method: 'GET',
      url: `/api/v1/reports?${DAY}&format=csv&separator=%3B`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body.startsWith('\uFEFFqueue;start;start_utc;sl_formula;')).toBe(true);
    expect(response.body).toContain(
      'support;2026-04-06T10:00;2026-04-06T09:00:00.000Z;offered;20;2;1;',
    );
    expect(response.body).toContain(';0,5;');
    const audit = await h.ok<{ items: { action: string }[] }>(admin, 'GET', '/api/v1/audit');
    expect(audit.items.map((e) => e.action)).toContain('report.export');
  });

  it('cuts whole local days (interval=day) and gives the selection merged per interval', async () => {
    await day();
    const daily = await h.ok<
      Report & { intervals: { start: string; counters: { offered: number } }[] }
    >(admin, 'GET', `/api/v1/reports?from=2026-04-05&to=2026-04-08&interval=day`);
    expect(daily.lines.map((l) => [l.id, l.start])).toEqual([['support', '2026-04-06T00:00']]);
    expect(daily.intervals.map((i) => [i.start, i.counters.offered])).toEqual([
      ['2026-04-06T00:00', 2],
    ]);
    const hourly = await h.ok<Report & { intervals: { start: string }[]; intervalFormula: string }>(
      admin,
      'GET',
      `/api/v1/reports?${DAY}&interval=60`,
    );
    expect(hourly.intervals.map((i) => i.start)).toEqual(['2026-04-06T10:00']);
    expect(hourly.intervalFormula).toBe('offered');
    // What the web app reads: the protocol's schema of the answer.
    expect(ReportView.safeParse(hourly).error).toBeUndefined();
    expect(ReportView.safeParse(daily).error).toBeUndefined();
  });

  it('refuses bad input with the field and the reason (400)', async () => {
    const bad: [string, string][] = [
      ['from=2026-04-07&to=2026-04-06', 'to'],
      ['from=2026-01-01&to=2026-06-01', 'to'],
      [`${DAY}&interval=20`, 'interval'],
      [`${DAY}&interval=week`, 'interval'],
      [`${DAY}&interval=`, 'interval'],
      [`${DAY}&zone=Mars%2FOlympus`, 'zone'],
      [`${DAY}&dimension=planet`, 'dimension'],
      [`${DAY}&format=xlsx`, 'format'],
      ['from=yesterday&to=2026-04-07', 'from'],
      ['from=2026-02-30&to=2026-04-07', 'from'],
      ['to=2026-04-07', 'from'],
    ];
    for (const [query, path] of bad) {
      const reply = await h.call<{ error: { code: string; details: { path: string }[] } }>(
        admin,
        'GET',
        `/api/v1/reports?${query}`,
      );
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.code, query).toBe('ValidationFailed');
      expect(reply.body.error.details[0]?.path, query).toBe(path);
    }
  });

  it('exports a period as Asterisk queue_log lines (admins and planners), audited', async () => {
    await day();
    const get = (query: string, caller: Caller = admin) =>
      h.server.app.inject({
        method: 'GET',
        url: `/api/v1/exports/queue-log?${query}`,
        headers: caller.headers,
      });
    const all = await get('from=2026-04-06T09:00Z&to=2026-04-06T10:00Z');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = all.body.trimEnd().split('\n');
    const verbs = lines.map((l) => l.split('|')[4]);
    expect(verbs).toEqual(
      expect.arrayContaining([
        'AGENTLOGIN',
        'PAUSE',
        'ENTERQUEUE',
        'CONNECT',
        'ABANDON',
        'COMPLETEAGENT',
        'UNPAUSE',
      ]),
    );
    const epoch = START / 1000;
    expect(lines).toContain(`${epoch + 60}|c1|support|NONE|ENTERQUEUE|||1`);
    expect(lines).toContain(`${epoch + 70}|c1|support|a1|CONNECT|10|c1|10`);
    // A period: only the lines of its events.
    const later = await get('from=2026-04-06T09:02:10Z&to=2026-04-06T09:03Z');
    expect(
      later.body
        .trimEnd()
        .split('\n')
        .map((l) => l.split('|')[4]),
    ).toEqual(['ABANDON']);
    expect((await get('from=2026-04-07&to=2026-04-06')).statusCode).toBe(400);
    const supervisor = await h.user(admin, 'supervisor', { siteIds: ['rabat'] }, 'sup');
    expect((await get('from=2026-04-06&to=2026-04-07', supervisor)).statusCode).toBe(403);
    const audit = await h.ok<{ items: { action: string }[] }>(admin, 'GET', '/api/v1/audit');
    expect(audit.items.map((e) => e.action)).toContain('export.queue-log');
  });

  it('realtime queues: live figures and today so far, for the queues the caller may see', async () => {
    await day();
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c3', queueId: 'support' });
    const board = await h.ok<{
      day: string;
      zone: string;
      queues: { queueId: string; waiting: number; today: Record<string, number | null> }[];
    }>(admin, 'GET', '/api/v1/realtime/queues');
    expect(board).toMatchObject({ day: '2026-04-06', zone: 'Africa/Casablanca' });
    expect(board.queues).toHaveLength(1);
    expect(board.queues[0]).toMatchObject({
      queueId: 'support',
      // c3 is ringing at a1: offered today, not answered yet.
      today: {
        offered: 3,
        answered: 1,
        abandoned: 1,
        serviceLevel: 0.5,
        asaSeconds: 10,
        maxWaitSeconds: 25,
      },
    });
    const viewer = await h.user(admin, 'clientViewer', { clientId: 'nobody' }, 'viewer2');
    expect(
      (await h.ok<{ queues: unknown[] }>(viewer, 'GET', '/api/v1/realtime/queues')).queues,
    ).toEqual([]);
    expect((await h.call(admin, 'GET', '/api/v1/realtime/queues?zone=Nowhere%2FCity')).status).toBe(
      400,
    );
  });
});
