// In-process API tests: a real server on a real SQLite file, driven through HTTP requests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, queue, seedNetwork, site, type Caller } from './testing/harness.ts';

/** A matcher for a string holding `text`, typed as the string it stands for. */
const containing = (text: string): string => expect.stringContaining(text) as string;

let h: Harness;
let admin: Caller & { tenantId: string };

beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
});
afterEach(async () => h.stop());

interface Events {
  events: { type: string; contactId?: string; agentId?: string }[];
}

describe('configuration CRUD', () => {
  it('creates, reads, lists, replaces with If-Match, and refuses a stale version', async () => {
    const created = await h.call(admin, 'POST', '/api/v1/sites', site('rabat'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'rabat', version: 1 });
    expect((await h.call(admin, 'GET', '/api/v1/sites/rabat')).body).toMatchObject({
      city: 'Rabat',
      positions: 50,
    });
    const replaced = await h.call(
      admin,
      'PUT',
      '/api/v1/sites/rabat',
      { city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 80 },
      { 'if-match': '1' },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ positions: 80, version: 2 });
    const stale = await h.call(admin, 'PUT', '/api/v1/sites/rabat', site('rabat', 90), {
      'if-match': '1',
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'VersionConflict' } });
    expect((await h.call(admin, 'GET', '/api/v1/sites/rabat')).body).toMatchObject({
      positions: 80,
    });
    await h.ok(admin, 'POST', '/api/v1/sites', site('fes'));
    const list = await h.call<{ items: { id: string }[] }>(admin, 'GET', '/api/v1/sites?limit=1');
    expect(list.body.items.map((s) => s.id)).toEqual(['fes']);
    expect(list.body).toMatchObject({ next: 'fes' });
  });

  it('a duplicate POST is 409 and an unknown id is 404, in the one error shape', async () => {
    await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
    const again = await h.call(admin, 'POST', '/api/v1/sites', site('rabat'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'AlreadyExists', message: containing('PUT /api/v1/sites/rabat') },
    });
    const missing = await h.call(admin, 'GET', '/api/v1/agents/nobody');
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { code: 'NotFound', message: 'no agent with id "nobody"' } },
    });
  });

  it('validation errors name the field and why (400), and store nothing', async () => {
    const bad = await h.call(admin, 'POST', '/api/v1/sites', {
      id: 'x',
      city: 'Fès',
      timeZone: 'Africa/Casablanca',
      positions: -3,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: 'ValidationFailed', details: [{ path: 'positions' }] },
    });
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/^positions: /);
    const zone = await h.call(admin, 'POST', '/api/v1/sites', {
      id: 'x',
      city: 'Fès',
      timeZone: 'Mars/Olympus',
      positions: 3,
    });
    expect(zone).toMatchObject({
      status: 400,
      body: { error: { code: 'InvalidConfig', message: containing('site.timeZone') } },
    });
    expect((await h.call(admin, 'GET', '/api/v1/sites/x')).status).toBe(404);
    const extra = await h.call(admin, 'POST', '/api/v1/skills', { id: 'fr', colour: 'blue' });
    expect(extra.status).toBe(400);
    const mismatch = await h.call(admin, 'PUT', '/api/v1/skills/fr', { id: 'en' });
    expect(mismatch).toMatchObject({
      status: 400,
      body: { error: { message: containing('the URL says "fr"') } },
    });
  });

  it('a queue needs a known client and known skills; the engine refuses what the schema cannot see', async () => {
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr' });
    const noClient = await h.call(admin, 'POST', '/api/v1/queues', queue('q', 'ghost'));
    expect(noClient).toMatchObject({ status: 404, body: { error: { code: 'UnknownClient' } } });
    await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
    const noSkill = await h.call(
      admin,
      'POST',
      '/api/v1/queues',
      queue('q', 'acme', { skills: { es: 3 } }),
    );
    expect(noSkill).toMatchObject({ status: 404, body: { error: { code: 'UnknownSkill' } } });
    expect((await h.call(admin, 'GET', '/api/v1/queues/q')).status).toBe(404);
  });

  it('webhook secrets are write-only', async () => {
    const made = await h.call(admin, 'POST', '/api/v1/webhooks', {
      id: 'crm',
      url: 'https://crm.example/hook',
      events: ['contactCompleted'],
      secret: 'a-long-shared-secret',
    });
    expect(made.status).toBe(201);
    expect(made.body).not.toHaveProperty('secret');
    expect((await h.call(admin, 'GET', '/api/v1/webhooks/crm')).body).not.toHaveProperty('secret');
  });
});

describe('contacts and agents', () => {
  beforeEach(async () => seedNetwork(h, admin));

  it('runs a call from arrival to completion with a disposition', async () => {
    await h.ok(admin, 'POST', '/api/v1/agents/a1/login', {});
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
    const created = await h.call(admin, 'POST', '/api/v1/contacts', {
      id: 'c1',
      queueId: 'support',
      callbackNumber: '+212600000001',
    });
    expect(created).toMatchObject({
      status: 201,
      body: { id: 'c1', state: 'offered', agentId: 'a1' },
    });
    const accepted = await h.ok<Events>(admin, 'POST', '/api/v1/agents/a1/accept', {
      contactId: 'c1',
    });
    expect(accepted.events.map((e) => e.type)).toContain('contactConnected');
    await h.ok(admin, 'POST', '/api/v1/agents/a1/complete', { contactId: 'c1' });
    await h.ok(admin, 'POST', '/api/v1/agents/a1/disposition', {
      contactId: 'c1',
      dispositionId: 'sold',
    });
    await h.ok(admin, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: 'c1' });
    expect((await h.call(admin, 'GET', '/api/v1/contacts/c1')).body).toMatchObject({
      id: 'c1',
      state: 'completed',
      queueId: 'support',
      agentId: 'a1',
    });
    expect((await h.call(admin, 'GET', '/api/v1/agents/a1/status')).body).toMatchObject({
      state: 'available',
      contacts: [],
    });
  });

  it('removes an agent, a pause code and a disposition; refuses while in use (409)', async () => {
    await h.ok(admin, 'POST', '/api/v1/agents/a1/login', {});
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'paused', reason: 'lunch' });
    expect((await h.call(admin, 'DELETE', '/api/v1/agents/a1')).body).toMatchObject({
      error: { code: 'IllegalTransition' },
    });
    expect((await h.call(admin, 'DELETE', '/api/v1/pause-codes/lunch')).status).toBe(409);
    await h.ok(admin, 'POST', '/api/v1/agents/a1/logout', {});
    await h.ok(admin, 'DELETE', '/api/v1/agents/a1');
    await h.ok(admin, 'DELETE', '/api/v1/pause-codes/lunch');
    await h.ok(admin, 'DELETE', '/api/v1/dispositions/sold');
    expect((await h.call(admin, 'GET', '/api/v1/agents/a1')).status).toBe(404);
    expect((await h.call(admin, 'POST', '/api/v1/agents/a1/login', {})).status).toBe(404);
    expect((await h.call(admin, 'DELETE', '/api/v1/agents/a1')).status).toBe(404);
    expect((await h.call(admin, 'GET', '/api/v1/sites/rabat/status')).body).toMatchObject({
      agentsByState: { loggedOut: 1 },
    });
    // A site and a skill go once nothing uses them.
    expect((await h.call(admin, 'DELETE', '/api/v1/sites/rabat')).status).toBe(409);
    await h.ok(admin, 'POST', '/api/v1/sites', site('fes'));
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'es' });
    await h.ok(admin, 'DELETE', '/api/v1/sites/fes');
    await h.ok(admin, 'DELETE', '/api/v1/skills/es');
    expect((await h.call(admin, 'DELETE', '/api/v1/skills/fr')).status).toBe(409);
    expect((await h.call(admin, 'GET', '/api/v1/sites/fes')).status).toBe(404);
    // The removal is in the log: a rebuilt engine does not have the agent either.
    await h.server.context.tenants.closeAll();
    expect(
      (await h.server.context.tenants.get(admin.tenantId)).engine.inspect().agents.map((a) => a.id),
    ).toEqual(['a2']);
  });

  it('removes a queue once no contact is in it and no queue sends to it (409 before)', async () => {
    await h.ok(admin, 'POST', '/api/v1/queues', {
      id: 'front',
      clientId: 'acme',
      channel: 'voice',
      skills: { fr: 1 },
      maxWaitSeconds: 30,
      overflow: { kind: 'queue', queueId: 'support' },
    });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'front' });
    const sends = await h.call(admin, 'DELETE', '/api/v1/queues/support');
    expect(sends.status).toBe(409);
    expect(sends.body).toMatchObject({
      error: { message: expect.stringContaining('queue "front" sends contacts to it') as string },
    });
    expect((await h.call(admin, 'DELETE', '/api/v1/queues/front')).status).toBe(409);
    await h.ok(admin, 'POST', '/api/v1/contacts/c1/cancel', {});
    await h.ok(admin, 'DELETE', '/api/v1/queues/front');
    expect((await h.call(admin, 'GET', '/api/v1/queues/front')).status).toBe(404);
    expect((await h.call(admin, 'GET', '/api/v1/queues/front/status')).status).toBe(404);
    expect((await h.call(admin, 'DELETE', '/api/v1/queues/front')).status).toBe(404);
    const created = await h.call(admin, 'POST', '/api/v1/contacts', { id: 'c2', queueId: 'front' });
    expect(created.status).toBe(404);
    // Gone after a restart too, and the queue can be created again.
    await h.server.context.tenants.closeAll();
    const engine = (await h.server.context.tenants.get(admin.tenantId)).engine;
    expect(engine.inspect().queues.map((q) => q.id)).toEqual(['support']);
    await h.ok(admin, 'POST', '/api/v1/queues', {
      id: 'front',
      clientId: 'acme',
      channel: 'voice',
      skills: { fr: 1 },
    });
  });

  it('illegal transitions are 409 and change nothing', async () => {
    const accept = await h.call(admin, 'POST', '/api/v1/agents/a1/accept', { contactId: 'nope' });
    expect(accept.status).toBe(404);
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    const wrong = await h.call(admin, 'POST', '/api/v1/agents/a1/complete', { contactId: 'c1' });
    expect(wrong).toMatchObject({ status: 409, body: { error: { code: 'IllegalTransition' } } });
    const dup = await h.call(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'DuplicateContact' } } });
    const pause = await h.call(admin, 'PUT', '/api/v1/agents/a1/state', {
      state: 'paused',
      reason: 'coffee',
    });
    expect(pause.status).toBe(404);
    expect((await h.call(admin, 'GET', '/api/v1/contacts/c1')).body).toMatchObject({
      state: 'queued',
    });
  });

  it('why-waiting explains a queued contact; queue and site status are live', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    const why = await h.call<{ reason: string; message: string }>(
      admin,
      'GET',
      '/api/v1/contacts/c1/why-waiting',
    );
    expect(why.status).toBe(200);
    expect(why.body.reason).toBe('no-eligible-agent-logged-in');
    expect((await h.call(admin, 'GET', '/api/v1/queues/support/status')).body).toMatchObject({
      waiting: 1,
      eligibleAgents: 0,
    });
    expect((await h.call(admin, 'GET', '/api/v1/sites/rabat/status')).body).toMatchObject({
      positions: 50,
      agentsByState: { loggedOut: 2 },
    });
  });

  it('cancel, transfer out and callback act on waiting contacts', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c2', queueId: 'support' });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c3', queueId: 'support' });
    await h.ok(admin, 'POST', '/api/v1/contacts/c1/cancel', { reason: 'ivr-error' });
    await h.ok(admin, 'POST', '/api/v1/contacts/c2/abandon', {});
    const callback = await h.ok<Events>(admin, 'POST', '/api/v1/contacts/c3/callback', {
      number: '0612345678',
    });
    expect(callback.events.map((e) => e.type)).toContain('callbackRequested');
    expect((await h.call(admin, 'GET', '/api/v1/contacts/c1')).body).toMatchObject({
      state: 'cancelled',
    });
    expect((await h.call(admin, 'GET', '/api/v1/contacts/c2')).body).toMatchObject({
      state: 'abandoned',
    });
    const badNumber = await h.call(admin, 'POST', '/api/v1/contacts/c3/callback', {
      number: 'call me',
    });
    expect(badNumber).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'number' }] } },
    });
  });

  it('an Idempotency-Key makes a retried create return the first answer and create one contact', async () => {
    const headers = { 'idempotency-key': 'ivr-call-42' };
    const first = await h.call(admin, 'POST', '/api/v1/contacts', { queueId: 'support' }, headers);
    const again = await h.call(admin, 'POST', '/api/v1/contacts', { queueId: 'support' }, headers);
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    const arrivals = await h.call<{ events: unknown[] }>(
      admin,
      'GET',
      '/api/v1/events?type=contactArrived',
    );
    expect(arrivals.body.events).toHaveLength(1);
    const reused = await h.call(
      admin,
      'POST',
      '/api/v1/contacts',
      { queueId: 'support', priority: 5 },
      headers,
    );
    expect(reused).toMatchObject({
      status: 400,
      body: { error: { message: containing('different request body') } },
    });
  });

  it('concurrent creates with one key still create one contact', async () => {
    const headers = { 'idempotency-key': 'same' };
    const replies = await Promise.all(
      [1, 2, 3].map(() =>
        h.call(admin, 'POST', '/api/v1/contacts', { queueId: 'support' }, headers),
      ),
    );
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const arrivals = await h.call<{ events: unknown[] }>(
      admin,
      'GET',
      '/api/v1/events?type=contactArrived',
    );
    expect(arrivals.body.events).toHaveLength(1);
  });

  it('event history pages by sequence number', async () => {
    for (let i = 1; i <= 3; i++)
      await h.ok(admin, 'POST', '/api/v1/contacts', { id: `c${i}`, queueId: 'support' });
    const page1 = await h.call<{ events: { seq: number }[]; nextAfterSeq: number }>(
      admin,
      'GET',
      '/api/v1/events?limit=4',
    );
    expect(page1.body.events).toHaveLength(4);
    const page2 = await h.call<{ events: { seq: number }[] }>(
      admin,
      'GET',
      `/api/v1/events?limit=1000&afterSeq=${page1.body.nextAfterSeq}`,
    );
    const seqs = [...page1.body.events, ...page2.body.events].map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((await h.call(admin, 'GET', '/api/v1/events?limit=5000')).status).toBe(400);
  });

  it('offer timeouts fire from the server timer and are logged', async () => {
    await h.ok(
      admin,
      'PUT',
      '/api/v1/queues/support',
      queue('support', 'acme', { offerTimeoutSeconds: 1 }),
    );
    await h.ok(admin, 'POST', '/api/v1/agents/a1/login', {});
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    let revoked: unknown[] = [];
    for (let i = 0; i < 40 && revoked.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      revoked = (
        await h.call<{ events: unknown[] }>(admin, 'GET', '/api/v1/events?type=offerRevoked')
      ).body.events;
    }
    expect(revoked).toMatchObject([{ contactId: 'c1', reason: 'timeout' }]);
  });
});

describe('auth', () => {
  it('refuses requests without credentials (401) and cookie writes without the CSRF token (403)', async () => {
    expect((await h.call(undefined, 'GET', '/api/v1/sites')).status).toBe(401);
    const noCsrf = await h.call(
      { headers: { cookie: admin.headers.cookie ?? '' } },
      'POST',
      '/api/v1/sites',
      site('rabat'),
    );
    expect(noCsrf).toMatchObject({ status: 403, body: { error: { code: 'CsrfFailed' } } });
    expect(
      (await h.call({ headers: { cookie: admin.headers.cookie ?? '' } }, 'GET', '/api/v1/sites'))
        .status,
    ).toBe(200);
  });

  it('sets an httpOnly SameSite=Strict cookie and locks an account after repeated failures', async () => {
    const login = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin-north', password: 'wrong' },
    });
    expect(login.statusCode).toBe(401);
    for (let i = 0; i < 5; i++)
      await h.server.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin-north', password: 'wrong' },
      });
    const locked = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin-north', password: 'anything' },
    });
    expect(locked.statusCode).toBe(423);
    const user = await h.user(admin, 'planner', {}, 'plan');
    expect(user.headers.cookie).toMatch(/^relais_session=/);
    const fresh = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'plan', password: 'correct horse battery staple' },
    });
    const cookie = fresh.cookies[0];
    expect(cookie).toMatchObject({
      name: 'relais_session',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
  });

  it('API keys are shown once, stored hashed, and stop working when revoked', async () => {
    const made = await h.call<{ id: string; key: string }>(admin, 'POST', '/api/v1/api-keys', {
      name: 'ivr',
      role: 'admin',
    });
    expect(made.body.key).toMatch(/^rk_/);
    const stored = await h.store.getApiKey(made.body.id);
    // The secret is what follows `rk_<id>_`; it may itself hold '_' (base64url), so no split.
    const secret = made.body.key.slice(`rk_${made.body.id}_`.length);
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const ivr = { headers: { authorization: `Bearer ${made.body.key}` } };
    expect((await h.call(ivr, 'GET', '/api/v1/sites')).status).toBe(200);
    expect((await h.call(admin, 'GET', '/api/v1/api-keys')).body).not.toHaveProperty('items.0.key');
    await h.ok(admin, 'DELETE', `/api/v1/api-keys/${made.body.id}`);
    expect((await h.call(ivr, 'GET', '/api/v1/sites')).status).toBe(401);
    expect(
      (await h.call({ headers: { authorization: 'Bearer nonsense' } }, 'GET', '/api/v1/sites'))
        .status,
    ).toBe(401);
  });

  it('an admin resets a password: the old one and every session stop working', async () => {
    const planner = await h.user(admin, 'planner', {}, 'Plan.Ner');
    const me = await h.call<{ items: { id: string; username: string }[] }>(
      admin,
      'GET',
      '/api/v1/users',
    );
    const id = me.body.items.find((u) => u.username === 'plan.ner')?.id ?? '';
    expect((await h.call(planner, 'GET', '/api/v1/sites')).status).toBe(200);
    await h.ok(admin, 'PUT', `/api/v1/users/${id}/password`, {
      password: 'a brand new passphrase',
    });
    expect((await h.call(planner, 'GET', '/api/v1/sites')).status).toBe(401);
    await expect(h.signIn('plan.ner', 'correct horse battery staple')).rejects.toThrow(/401/);
    // Usernames are case-insensitive.
    const again = await h.signIn('PLAN.NER', 'a brand new passphrase');
    expect((await h.call(again, 'GET', '/api/v1/sites')).status).toBe(200);
  });

  it('users change their own password with the current one; admins remove users but not themselves', async () => {
    const planner = await h.user(admin, 'planner', {}, 'chg');
    const wrong = await h.call(planner, 'PUT', '/api/v1/auth/password', {
      current: 'nope',
      password: 'another long passphrase',
    });
    expect(wrong.status).toBe(403);
    await h.ok(planner, 'PUT', '/api/v1/auth/password', {
      current: 'correct horse battery staple',
      password: 'another long passphrase',
    });
    const fresh = await h.signIn('chg', 'another long passphrase');
    const users = await h.call<{ items: { id: string; username: string }[] }>(
      admin,
      'GET',
      '/api/v1/users',
    );
    const id = users.body.items.find((u) => u.username === 'chg')?.id ?? '';
    const self = users.body.items.find((u) => u.username === 'admin-north')?.id ?? '';
    expect((await h.call(admin, 'DELETE', `/api/v1/users/${self}`)).status).toBe(409);
    await h.ok(admin, 'DELETE', `/api/v1/users/${id}`);
    expect((await h.call(fresh, 'GET', '/api/v1/sites')).status).toBe(401);
    expect((await h.call(admin, 'DELETE', `/api/v1/users/${id}`)).status).toBe(404);
  });

  it("an admin changes a user's role and scope; the user's next request has them", async () => {
    const user = await h.user(admin, 'planner', {}, 'role.change');
    const users = await h.call<{ items: { id: string; username: string }[] }>(
      admin,
      'GET',
      '/api/v1/users',
    );
    const id = users.body.items.find((u) => u.username === 'role.change')?.id ?? '';
    const self = users.body.items.find((u) => u.username === 'admin-north')?.id ?? '';
    expect((await h.call(user, 'GET', '/api/v1/audit')).status).toBe(403);
    const changed = await h.ok<{ role: string; scope: object }>(
      admin,
      'PUT',
      `/api/v1/users/${id}`,
      {
        role: 'admin',
      },
    );
    expect(changed).toMatchObject({ role: 'admin', scope: {} });
    expect((await h.call(user, 'GET', '/api/v1/audit')).status).toBe(200);
    // A role that needs a scope is refused without it, naming what is missing.
    const bare = await h.call<{ error: { message: string } }>(admin, 'PUT', `/api/v1/users/${id}`, {
      role: 'agent',
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toMatch(/agentId/);
    const wrong = await h.call<{ error: { details: { path: string }[] } }>(
      admin,
      'PUT',
      `/api/v1/users/${id}`,
      { role: 'boss' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.map((d) => d.path)).toContain('role');
    expect((await h.call(admin, 'PUT', `/api/v1/users/${self}`, { role: 'planner' })).status).toBe(
      409,
    );
    expect((await h.call(admin, 'PUT', '/api/v1/users/nobody', { role: 'planner' })).status).toBe(
      404,
    );
    // Now an admin, the user cannot demote themselves either.
    expect((await h.call(user, 'PUT', `/api/v1/users/${id}`, { role: 'planner' })).status).toBe(
      409,
    );
  });

  it('records admin actions in the audit log', async () => {
    await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
    const log = await h.call<{ items: { action: string; target: string }[] }>(
      admin,
      'GET',
      '/api/v1/audit',
    );
    expect(log.body.items).toContainEqual(
      expect.objectContaining({ action: 'create', target: 'site:rabat' }),
    );
  });

  it('a scoped role needs its scope', async () => {
    const made = await h.call(admin, 'POST', '/api/v1/users', {
      username: 'sup',
      password: 'correct horse battery staple',
      role: 'supervisor',
    });
    expect(made).toMatchObject({
      status: 400,
      body: { error: { message: containing('scope.siteIds') } },
    });
    const short = await h.call(admin, 'POST', '/api/v1/users', {
      username: 'sup',
      password: 'short',
      role: 'planner',
    });
    expect(short).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'password' }] } },
    });
  });
});

describe('operations', () => {
  it('serves health, readiness, metrics, an OpenAPI 3.1 document and a reference page', async () => {
    expect((await h.call(undefined, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await h.call(undefined, 'GET', '/readyz')).body).toEqual({
      status: 'ready',
      database: 'sqlite',
    });
    const metrics = await h.server.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('relais_http_requests_total');
    const doc = await h.call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      undefined,
      'GET',
      '/api/openapi.json',
    );
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/agents',
        '/api/v1/contacts',
        '/api/v1/agents/{id}/accept',
        '/api/v1/events',
      ]),
    );
    expect(doc.body.paths['/api/v1/contacts']?.post).toMatchObject({
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
    });
    const page = await h.server.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/api/v1/contacts');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('unknown routes and oversized bodies get the error shape', async () => {
    expect((await h.call(admin, 'GET', '/api/v1/nothing')).body).toMatchObject({
      error: { code: 'NotFound' },
    });
    const huge = await h.call(admin, 'POST', '/api/v1/clients', {
      id: 'x',
      name: 'y'.repeat(2_000_000),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toHaveProperty('error.code');
  });

  it('agents and a new queue survive a restart: the engine is rebuilt from the log', async () => {
    await seedNetwork(h, admin);
    await h.ok(admin, 'POST', '/api/v1/agents/a1/login', {});
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    const before = (await h.server.context.tenants.get(admin.tenantId)).engine.inspect();
    await h.server.context.tenants.closeAll();
    const after = (await h.server.context.tenants.get(admin.tenantId)).engine.inspect();
    expect(after).toEqual(before);
  });
});
