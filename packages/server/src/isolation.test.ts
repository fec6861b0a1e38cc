// Nobody sees what is not theirs: every role of tenant A against everything of tenant B, and
// each scoped role against what lies outside its scope, over REST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, agent, queue, seedNetwork, site, type Caller } from './testing/harness.ts';

let h: Harness;
const A: Record<string, Caller> = {};
const as = (role: string): Caller => {
  const caller = A[role];
  if (caller === undefined) throw new Error(`no caller ${role}`);
  return caller;
};
let adminB: Caller;

/** Everything tenant B has, by URL: reads and writes. */
const B_READS = [
  '/api/v1/sites/B-rabat',
  '/api/v1/clients/B-acme',
  '/api/v1/queues/B-support',
  '/api/v1/agents/B-a1',
  '/api/v1/contacts/B-c1',
  '/api/v1/contacts/B-c1/why-waiting',
  '/api/v1/agents/B-a1/status',
  '/api/v1/queues/B-support/status',
  '/api/v1/sites/B-rabat/status',
];
const B_WRITES: [string, string, unknown][] = [
  ['POST', '/api/v1/agents/B-a1/login', {}],
  ['PUT', '/api/v1/agents/B-a1/state', { state: 'available' }],
  ['POST', '/api/v1/contacts', { queueId: 'B-support' }],
  ['POST', '/api/v1/contacts/B-c1/cancel', {}],
  // A's admin may create its own agent named B-a1, but not at B's site: A's engine has no B-rabat.
  ['PUT', '/api/v1/agents/B-a1', agent('B-a1', 'B-rabat')],
];

beforeAll(async () => {
  h = await Harness.start();
  const adminA = await h.tenantAdmin('tenant-a');
  adminB = await h.tenantAdmin('tenant-b');
  for (const [caller, prefix] of [
    [adminA, 'A-'],
    [adminB, 'B-'],
  ] as const) {
    await seedNetwork(h, caller, prefix);
    await h.ok(caller, 'POST', '/api/v1/sites', site(`${prefix}fes`));
    await h.ok(caller, 'POST', '/api/v1/agents', agent(`${prefix}f1`, `${prefix}fes`));
    await h.ok(caller, 'POST', '/api/v1/clients', { id: `${prefix}globex`, name: 'Globex' });
    await h.ok(
      caller,
      'POST',
      '/api/v1/queues',
      queue(`${prefix}sales`, `${prefix}globex`, { sites: [`${prefix}fes`] }),
    );
    await h.ok(caller, 'POST', '/api/v1/contacts', {
      id: `${prefix}c1`,
      queueId: `${prefix}support`,
    });
    await h.ok(caller, 'POST', '/api/v1/contacts', {
      id: `${prefix}c2`,
      queueId: `${prefix}sales`,
    });
  }
  A.admin = adminA;
  A.adminKey = await h.apiKey(adminA, 'admin');
  A.supervisor = await h.user(adminA, 'supervisor', { siteIds: ['A-rabat'] }, 'a-sup');
  A.planner = await h.user(adminA, 'planner', {}, 'a-plan');
  A.agent = await h.user(adminA, 'agent', { agentId: 'A-a1' }, 'a-agent');
  A.clientViewer = await h.user(adminA, 'clientViewer', { clientId: 'A-acme' }, 'a-client');
  A.clientKey = await h.apiKey(adminA, 'clientViewer', { clientId: 'A-acme' });
});
afterAll(async () => h.stop());

describe('tenant isolation (every role of tenant A against tenant B)', () => {
  for (const role of [
    'admin',
    'adminKey',
    'supervisor',
    'planner',
    'agent',
    'clientViewer',
    'clientKey',
  ]) {
    it(`${role}: every read of B is 403 or 404`, async () => {
      for (const url of B_READS) {
        const reply = await h.call(as(role), 'GET', url);
        expect([403, 404], `${role} GET ${url} → ${reply.status}`).toContain(reply.status);
      }
    });
    it(`${role}: every write to B is 403 or 404 and changes nothing`, async () => {
      for (const [method, url, body] of B_WRITES) {
        const reply = await h.call(as(role), method, url, body);
        expect([403, 404], `${role} ${method} ${url} → ${reply.status}`).toContain(reply.status);
      }
      expect((await h.call(adminB, 'GET', '/api/v1/agents/B-a1/status')).body).toMatchObject({
        state: 'loggedOut',
      });
      expect((await h.call(adminB, 'GET', '/api/v1/sites/B-rabat')).body).toMatchObject({
        positions: 50,
        version: 1,
      });
    });
    it(`${role}: lists and history hold nothing of B`, async () => {
      for (const url of [
        '/api/v1/sites',
        '/api/v1/agents',
        '/api/v1/queues',
        '/api/v1/clients',
        '/api/v1/events?limit=1000',
        '/api/v1/events?contactId=B-c1',
      ]) {
        const reply = await h.call(as(role), 'GET', url);
        expect(JSON.stringify(reply.body), `${role} GET ${url}`).not.toMatch(/B-/);
      }
    });
  }
});

describe('the same id in two tenants', () => {
  it("names two rows: writing A's B-rabat leaves B's untouched", async () => {
    const mine = await h.call(as('admin'), 'PUT', '/api/v1/sites/B-rabat', site('B-rabat', 7));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ positions: 7, version: 1 });
    expect((await h.call(adminB, 'GET', '/api/v1/sites/B-rabat')).body).toMatchObject({
      positions: 50,
      version: 1,
    });
  });
});

describe('scopes inside a tenant', () => {
  const ids = async (caller: Caller | undefined, url: string): Promise<string[]> =>
    (await h.call<{ items: { id: string }[] }>(caller, 'GET', url)).body.items
      .map((item) => item.id)
      .sort();

  it('a supervisor sees the agents, queues and events of their sites only', async () => {
    expect(await ids(A.supervisor, '/api/v1/agents')).toEqual(['A-a1', 'A-a2']);
    expect(await ids(A.supervisor, '/api/v1/sites')).toEqual(['A-rabat']);
    expect(await ids(A.supervisor, '/api/v1/queues')).toEqual(['A-support']);
    expect((await h.call(A.supervisor, 'GET', '/api/v1/agents/A-f1')).status).toBe(404);
    expect((await h.call(A.supervisor, 'POST', '/api/v1/agents/A-f1/login', {})).status).toBe(404);
    expect((await h.call(A.supervisor, 'GET', '/api/v1/contacts/A-c2')).status).toBe(404);
    const events = await h.call<{ events: { agentId?: string; queueId?: string }[] }>(
      A.supervisor,
      'GET',
      '/api/v1/events?limit=1000',
    );
    expect(events.body.events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events.body)).not.toMatch(/A-f1|A-sales|A-fes/);
    expect((await h.call(A.supervisor, 'POST', '/api/v1/sites', site('A-new'))).status).toBe(403);
  });

  it('an agent sees and acts as itself only', async () => {
    expect(await ids(A.agent, '/api/v1/agents')).toEqual(['A-a1']);
    expect((await h.call(A.agent, 'GET', '/api/v1/agents/A-a2')).status).toBe(404);
    expect((await h.call(A.agent, 'POST', '/api/v1/agents/A-a2/login', {})).status).toBe(404);
    expect((await h.call(A.agent, 'POST', '/api/v1/agents/A-a1/login', {})).status).toBe(200);
    expect((await h.call(A.agent, 'GET', '/api/v1/queues/A-support/status')).status).toBe(403);
    expect(
      (await h.call(A.agent, 'POST', '/api/v1/contacts', { queueId: 'A-support' })).status,
    ).toBe(403);
    expect((await h.call(A.agent, 'GET', '/api/v1/users')).status).toBe(403);
    await h.ok(as('admin'), 'POST', '/api/v1/agents/A-a1/logout', {});
  });

  it('a client viewer reads its client only, and writes nothing', async () => {
    for (const viewer of [A.clientViewer, A.clientKey]) {
      expect(await ids(viewer, '/api/v1/queues')).toEqual(['A-support']);
      expect(await ids(viewer, '/api/v1/clients')).toEqual(['A-acme']);
      expect(await ids(viewer, '/api/v1/agents')).toEqual([]);
      expect((await h.call(viewer, 'GET', '/api/v1/queues/A-support/status')).status).toBe(200);
      expect((await h.call(viewer, 'GET', '/api/v1/queues/A-sales/status')).status).toBe(404);
      expect((await h.call(viewer, 'GET', '/api/v1/contacts/A-c1')).status).toBe(200);
      expect((await h.call(viewer, 'GET', '/api/v1/contacts/A-c2')).status).toBe(404);
      expect(
        (await h.call(viewer, 'POST', '/api/v1/contacts', { queueId: 'A-support' })).status,
      ).toBe(403);
      expect(
        (await h.call(viewer, 'PUT', '/api/v1/queues/A-support', queue('A-support', 'A-acme')))
          .status,
      ).toBe(403);
      const events = await h.call(viewer, 'GET', '/api/v1/events?limit=1000');
      expect(JSON.stringify(events.body)).toContain('A-c1');
      expect(JSON.stringify(events.body)).not.toMatch(/A-c2|A-sales|A-fes|A-f1/);
    }
  });
});
