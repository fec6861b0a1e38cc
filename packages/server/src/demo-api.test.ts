// GET/PUT /api/v1/demo: only on a server that runs the demo, for the demo's tenant, and PUT only
// for admins and supervisors. The control here stands in for the CLI's simulated day.
import { DemoStatus, type DemoUpdate } from '@relais/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoControl } from './routes/demo-routes.ts';
import { Harness, type Caller } from './testing/harness.ts';

const status = (change: Partial<DemoStatus> = {}): DemoStatus => ({
  speed: 1,
  paused: false,
  day: 1,
  simulatedTime: '10:42',
  dayStart: '08:00',
  dayEnd: '20:00',
  agentsSimulated: 465,
  agentsOnShift: 230,
  arrivalsPerHour: 3600,
  arrivalsToday: 1200,
  ...change,
});

describe('the demo control, on a server running the demo', () => {
  let h: Harness;
  let admin: Caller & { tenantId: string };
  let current = status();
  let started = true;
  const updates: DemoUpdate[] = [];
  const control: DemoControl = {
    tenantId: '',
    status: () => (started ? current : undefined),
    update(change) {
      if (!started) return undefined;
      updates.push(change);
      current = {
        ...current,
        speed: change.speed ?? current.speed,
        paused: change.paused ?? current.paused,
      };
      return current;
    },
  };

  beforeAll(async () => {
    h = await Harness.start({ demo: control });
    admin = await h.tenantAdmin('demo');
    control.tenantId = admin.tenantId;
    await h.ok(admin, 'POST', '/api/v1/sites', {
      id: 'casa',
      city: 'Casablanca',
      timeZone: 'Africa/Casablanca',
      positions: 150,
    });
  });
  afterAll(() => h.stop());

  it('shows the simulated time and speed to every signed-in role', async () => {
    const reply = await h.call(admin, 'GET', '/api/v1/demo');
    expect(reply.status).toBe(200);
    expect(DemoStatus.parse(reply.body)).toEqual(current);
    const agent = await h.user(admin, 'agent', { agentId: 'casa-001' }, 'demo-get-agent');
    expect((await h.call(agent, 'GET', '/api/v1/demo')).status).toBe(200);
    expect((await h.call(undefined, 'GET', '/api/v1/demo')).status).toBe(401);
  });

  it('lets an admin or a supervisor change the speed and pause it', async () => {
    const supervisor = await h.user(admin, 'supervisor', { siteIds: ['casa'] }, 'demo-sup');
    const faster = await h.call(supervisor, 'PUT', '/api/v1/demo', { speed: 30 });
    expect(faster).toMatchObject({ status: 200, body: { speed: 30, paused: false } });
    const paused = await h.call(admin, 'PUT', '/api/v1/demo', { paused: true, speed: 2.5 });
    expect(paused).toMatchObject({ status: 200, body: { speed: 2.5, paused: true } });
    expect(updates.slice(-2)).toEqual([{ speed: 30 }, { paused: true, speed: 2.5 }]);
  });

  it.each([
    [{ speed: 0 }, 'speed: at least 1'],
    [{ speed: 61 }, 'speed: at most 60'],
    [{ speed: 'fast' }, 'speed: '],
    [{}, 'give speed, paused or both'],
    [{ speed: 5, colour: 'red' }, 'colour'],
    [{ paused: 'yes' }, 'paused: '],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const before = updates.length;
    const reply = await h.call<{ error: { code: string; message: string } }>(
      admin,
      'PUT',
      '/api/v1/demo',
      body,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ValidationFailed');
    expect(JSON.stringify(reply.body.error)).toContain(message);
    expect(updates).toHaveLength(before);
  });

  it('refuses the change to planners, agents and client viewers', async () => {
    for (const [role, scope] of [
      ['planner', {}],
      ['agent', { agentId: 'casa-001' }],
      ['clientViewer', { clientId: 'orbitel' }],
    ] as const) {
      const caller = await h.user(admin, role, scope, `demo-put-${role}`);
      const reply = await h.call(caller, 'PUT', '/api/v1/demo', { speed: 60 });
      expect(reply.status, role).toBe(403);
    }
    expect(current.speed).not.toBe(60);
  });

  it("tells the demo tenant's users at sign-in and in /auth/me, so the app asks for it", async () => {
    const me = await h.call<{ demo?: boolean }>(admin, 'GET', '/api/v1/auth/me');
    expect(me.body.demo).toBe(true);
    await h.user(admin, 'planner', {}, 'demo-me-planner');
    const login = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'demo-me-planner', password: 'correct horse battery staple' },
    });
    expect((JSON.parse(login.body) as { demo?: boolean }).demo).toBe(true);
    const other = await h.tenantAdmin('other-me');
    expect((await h.call<{ demo?: boolean }>(other, 'GET', '/api/v1/auth/me')).body.demo).toBe(
      undefined,
    );
  });

  it("is not there for another tenant's users", async () => {
    const other = await h.tenantAdmin('other');
    expect((await h.call(other, 'GET', '/api/v1/demo')).status).toBe(404);
    expect((await h.call(other, 'PUT', '/api/v1/demo', { speed: 5 })).status).toBe(404);
  });

  it('answers 503 while the traffic has not started yet', async () => {
    started = false;
    try {
      expect((await h.call(admin, 'GET', '/api/v1/demo')).status).toBe(503);
    } finally {
      started = true;
    }
  });
});

describe('a server without the demo', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('has no demo endpoint: 404 for GET and PUT, even for an admin', async () => {
    const admin = await h.tenantAdmin('plain');
    expect((await h.call<{ demo?: boolean }>(admin, 'GET', '/api/v1/auth/me')).body.demo).toBe(
      undefined,
    );
    expect((await h.call(admin, 'GET', '/api/v1/demo')).status).toBe(404);
    expect((await h.call(admin, 'PUT', '/api/v1/demo', { speed: 5 })).status).toBe(404);
    const document = await h.call<{ paths: Record<string, unknown> }>(
      undefined,
      'GET',
      '/api/openapi.json',
    );
    expect(Object.keys(document.body.paths)).not.toContain('/api/v1/demo');
  });
});
