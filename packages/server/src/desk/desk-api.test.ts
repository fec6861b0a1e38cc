// The agent desktop's endpoints on a real server: the user's language, a contact's context
// (script, the customer's previous contacts, note), transfer and callback actions, and an
// agent's own figures for today; with bad input and other people's data refused.
import {
  AgentToday,
  ContactContext,
  ContactNoteView,
  LoginResult,
  MeView,
  TransferTargets,
} from '@relais/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, queue, seedNetwork, type Caller } from '../testing/harness.ts';

let h: Harness;
let admin: Caller & { tenantId: string };
let one: Caller;
let two: Caller;

const SCRIPT = 'Bonjour, {client} à votre écoute. Vérifiez l’identité avant tout changement.';

beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin);
  await h.ok(admin, 'PUT', '/api/v1/queues/support', queue('support', 'acme', { script: SCRIPT }));
  await h.ok(admin, 'POST', '/api/v1/queues', queue('sales', 'acme'));
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'other', name: 'Other' });
  await h.ok(admin, 'POST', '/api/v1/queues', queue('other-q', 'other', { skills: { fr: 9 } }));
  one = await h.user(admin, 'agent', { agentId: 'a1' }, 'agent.one');
  two = await h.user(admin, 'agent', { agentId: 'a2' }, 'agent.two');
});
afterEach(async () => h.stop());

const contact = (id: string, customerId: string, queueId = 'support') =>
  h.ok(admin, 'POST', '/api/v1/contacts', {
    id,
    queueId,
    attributes: { customerId, client: 'Mme Dupont' },
  });

/** a1 takes `id` (offered to it) through to the end of wrap-up with a disposition. */
async function handle(id: string): Promise<void> {
  await h.ok(one, 'POST', '/api/v1/agents/a1/accept', { contactId: id });
  await h.ok(one, 'POST', '/api/v1/agents/a1/complete', { contactId: id });
  await h.ok(one, 'POST', '/api/v1/agents/a1/disposition', {
    contactId: id,
    dispositionId: 'sold',
  });
  await h.ok(one, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: id });
}

const expectField = (reply: { status: number; body: unknown }, status: number, field: string) => {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({
    error: { details: [expect.objectContaining({ path: field })] },
  });
};

describe("a user's language", () => {
  it('is saved for the signed-in user and given back by /auth/me and at the next sign-in', async () => {
    expect(MeView.parse(await h.ok(one, 'GET', '/api/v1/auth/me')).locale).toBeUndefined();
    expect(await h.ok(one, 'PUT', '/api/v1/auth/me/preferences', { locale: 'en' })).toEqual({
      locale: 'en',
    });
    expect(MeView.parse(await h.ok(one, 'GET', '/api/v1/auth/me')).locale).toBe('en');
    const login = await h.call(undefined, 'POST', '/api/v1/auth/login', {
      username: 'agent.one',
      password: 'correct horse battery staple',
    });
    expect(LoginResult.parse(login.body).user.locale).toBe('en');
    // Someone else's choice is theirs.
    expect(MeView.parse(await h.ok(two, 'GET', '/api/v1/auth/me')).locale).toBeUndefined();
    await h.ok(one, 'PUT', '/api/v1/auth/me/preferences', { locale: null });
    expect(MeView.parse(await h.ok(one, 'GET', '/api/v1/auth/me')).locale).toBeUndefined();
  });

  it('refuses a language the app does not have, and an API key (no user to remember it for)', async () => {
    const bad = await h.call(one, 'PUT', '/api/v1/auth/me/preferences', { locale: 'de' });
    expectField(bad, 400, 'locale');
    expectField(await h.call(one, 'PUT', '/api/v1/auth/me/preferences', {}), 400, 'locale');
    const key = await h.apiKey(admin, 'planner');
    expect((await h.call(key, 'PUT', '/api/v1/auth/me/preferences', { locale: 'fr' })).status).toBe(
      403,
    );
  });
});

describe("a contact's context", () => {
  it("shows the queue's script and the customer's earlier contacts with this client only", async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c0', 'C-1');
    await handle('c0');
    await contact('elsewhere', 'C-1', 'other-q'); // another client: not this client's customer
    await contact('c1', 'C-1');
    await contact('stranger', 'C-2', 'sales'); // another customer (waits: a1 is busy)
    const context = ContactContext.parse(await h.ok(one, 'GET', '/api/v1/contacts/c1/context'));
    expect(context).toMatchObject({
      contactId: 'c1',
      queueId: 'support',
      script: SCRIPT,
      customerKey: 'id:C-1',
    });
    expect(context.history).toEqual([
      expect.objectContaining({
        contactId: 'c0',
        queueId: 'support',
        state: 'completed',
        agentId: 'a1',
        dispositionId: 'sold',
        channel: 'voice',
      }),
    ]);
    expect(context.history[0]?.talkMs).toBeGreaterThanOrEqual(0);
    expect(context.history[0]?.wrapUpMs).toBeGreaterThanOrEqual(0);
    expect(context.note).toBeUndefined();
    // The queue's row keeps the script; the engine does not need it.
    expect(await h.ok(admin, 'GET', '/api/v1/queues/support')).toMatchObject({ script: SCRIPT });
  });

  it('lists a contact created twice with one Idempotency-Key once, and by callback number', async () => {
    const create = () =>
      h.call(
        admin,
        'POST',
        '/api/v1/contacts',
        { queueId: 'support', callbackNumber: '+212611111111' },
        { 'idempotency-key': 'ivr-call-1' },
      );
    const first = await create();
    const replay = await create();
    expect(replay.body).toEqual(first.body);
    await h.ok(admin, 'POST', '/api/v1/contacts', {
      id: 'c1',
      queueId: 'support',
      callbackNumber: '+212611111111',
    });
    const context = ContactContext.parse(await h.ok(admin, 'GET', '/api/v1/contacts/c1/context'));
    expect(context.customerKey).toBe('tel:+212611111111');
    expect(context.history.map((c) => c.contactId)).toEqual([(first.body as { id: string }).id]);
  });

  it('is refused to an agent the contact was never offered to, and to client viewers', async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    expect((await h.call(two, 'GET', '/api/v1/contacts/c1/context')).status).toBe(404);
    const viewer = await h.user(admin, 'clientViewer', { clientId: 'acme' }, 'viewer.acme');
    expect((await h.call(viewer, 'GET', '/api/v1/contacts/c1/context')).status).toBe(403);
    expect((await h.call(one, 'GET', '/api/v1/contacts/nope/context')).status).toBe(404);
  });
});

describe("a contact's note", () => {
  it('is saved by the agent with its name, kept after a restart, and read in the context', async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    const saved = ContactNoteView.parse(
      await h.ok(one, 'PUT', '/api/v1/contacts/c1/note', { text: 'Conteste la facture de mars.' }),
    );
    expect(saved).toMatchObject({ contactId: 'c1', author: 'agent.one' });
    await h.restart();
    const context = ContactContext.parse(await h.ok(one, 'GET', '/api/v1/contacts/c1/context'));
    expect(context.note).toMatchObject({
      text: 'Conteste la facture de mars.',
      author: 'agent.one',
    });
  });

  it("refuses another agent's contact, a missing text and a text too long", async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    expect((await h.call(two, 'PUT', '/api/v1/contacts/c1/note', { text: 'x' })).status).toBe(404);
    expectField(await h.call(one, 'PUT', '/api/v1/contacts/c1/note', {}), 400, 'text');
    const long = await h.call(one, 'PUT', '/api/v1/contacts/c1/note', { text: 'x'.repeat(10_001) });
    expectField(long, 400, 'text');
  });
});

describe('transfer and callback from the desktop', () => {
  it("lists the client's other queues and the site's logged-in agents, and transfers to one", async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    await h.ok(one, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
    const before = TransferTargets.parse(
      await h.ok(one, 'GET', '/api/v1/contacts/c1/transfer-targets'),
    );
    expect(before).toEqual({ queues: [{ id: 'sales' }], agents: [] });
    await h
      .ok(two, 'PUT', '/api/v1/agents/a2/state', { state: 'paused', reason: 'lunch' })
      .catch(() => undefined);
    await h.ok(two, 'POST', '/api/v1/agents/a2/login', {});
    await h.ok(two, 'PUT', '/api/v1/agents/a2/state', { state: 'paused', reason: 'lunch' });
    const targets = TransferTargets.parse(
      await h.ok(one, 'GET', '/api/v1/contacts/c1/transfer-targets'),
    );
    expect(targets.agents).toEqual([{ id: 'a2', state: 'paused' }]);
    expect((await h.call(two, 'GET', '/api/v1/contacts/c1/transfer-targets')).status).toBe(404);

    const other = await h.call(one, 'POST', '/api/v1/agents/a1/transfer', {
      contactId: 'c1',
      queueId: 'other-q',
    });
    expectField(other, 400, 'queueId');
    const self = await h.call(one, 'POST', '/api/v1/agents/a1/transfer', {
      contactId: 'c1',
      agentId: 'a1',
    });
    expectField(self, 400, 'agentId');
    const { events } = await h.ok<{ events: { type: string }[] }>(
      one,
      'POST',
      '/api/v1/agents/a1/transfer',
      { contactId: 'c1', queueId: 'sales' },
    );
    expect(events.find((e) => e.type === 'contactTransferred')).toMatchObject({
      type: 'contactTransferred',
      fromQueueId: 'support',
      toQueueId: 'sales',
      byAgentId: 'a1',
    });
    // No longer a1's to transfer.
    const again = await h.call(one, 'POST', '/api/v1/agents/a1/transfer', {
      contactId: 'c1',
      queueId: 'support',
    });
    expect(again.status).toBe(409);
  });

  it('transfers to another agent of the site, who gets it as preferred agent', async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    await h.ok(one, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
    await h.ok(two, 'POST', '/api/v1/agents/a2/login', {});
    await h.ok(one, 'POST', '/api/v1/agents/a1/transfer', { contactId: 'c1', agentId: 'a2' });
    const status = await h.ok<{ contacts: { contactId: string }[] }>(
      two,
      'GET',
      '/api/v1/agents/a2/status',
    );
    expect(status.contacts).toEqual([expect.objectContaining({ contactId: 'c1' })]);
    expect(
      (await h.call(one, 'POST', '/api/v1/agents/a1/transfer', { contactId: 'c1', agentId: 'x' }))
        .status,
    ).toBe(409);
  });

  it("schedules a callback with the customer's number, listed in the customer's history", async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    await h.ok(one, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const past = await h.call(one, 'POST', '/api/v1/agents/a1/callback', {
      contactId: 'c1',
      number: '+212600000001',
      at: new Date(Date.now() - 60_000).toISOString(),
    });
    expectField(past, 400, 'at');
    const badNumber = await h.call(one, 'POST', '/api/v1/agents/a1/callback', {
      contactId: 'c1',
      number: 'call me',
      at,
    });
    expectField(badNumber, 400, 'number');
    const otherClient = await h.call(one, 'POST', '/api/v1/agents/a1/callback', {
      contactId: 'c1',
      number: '+212600000001',
      at,
      queueId: 'other-q',
    });
    expectField(otherClient, 400, 'queueId');
    const notHeld = await h.call(two, 'POST', '/api/v1/agents/a2/callback', {
      contactId: 'c1',
      number: '+212600000001',
      at,
    });
    expect(notHeld.status).toBe(409);

    const { events } = await h.ok<{ events: { type: string; contactId: string }[] }>(
      one,
      'POST',
      '/api/v1/agents/a1/callback',
      { contactId: 'c1', number: '+212600000001', at, mine: true },
    );
    expect(events.map((e) => e.type)).toEqual(['contactArrived', 'callbackRequested']);
    expect(events[0]).toMatchObject({
      queueId: 'support',
      callbackNumber: '+212600000001',
      preferredAgentId: 'a1',
      attributes: { customerId: 'C-1', callbackOf: 'c1' },
    });
    expect(events[1]).toMatchObject({ dueAtMs: Date.parse(at) });
    const context = ContactContext.parse(await h.ok(one, 'GET', '/api/v1/contacts/c1/context'));
    expect(context.history).toEqual([
      expect.objectContaining({ contactId: events[0]?.contactId, state: 'scheduled' }),
    ]);
  });
});

describe("an agent's day", () => {
  it('counts what the agent handled today, for itself and its supervisor only', async () => {
    await h.ok(one, 'POST', '/api/v1/agents/a1/login', {});
    await contact('c1', 'C-1');
    await handle('c1');
    await h.ok(one, 'PUT', '/api/v1/agents/a1/state', { state: 'paused', reason: 'lunch' });
    const today = AgentToday.parse(await h.ok(one, 'GET', '/api/v1/agents/a1/today'));
    expect(today).toMatchObject({ agentId: 'a1', zone: 'Africa/Casablanca', handled: 1 });
    expect(today.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(today.ahtSeconds).not.toBeNull();
    expect(today.missedOffers).toBe(0);
    expect((await h.call(two, 'GET', '/api/v1/agents/a1/today')).status).toBe(404);
    const mine = await h.user(admin, 'supervisor', { siteIds: ['rabat'] }, 'sup.rabat');
    expect(AgentToday.parse(await h.ok(mine, 'GET', '/api/v1/agents/a1/today')).handled).toBe(1);
    const elsewhere = await h.user(admin, 'supervisor', { siteIds: ['casa'] }, 'sup.casa');
    expect((await h.call(elsewhere, 'GET', '/api/v1/agents/a1/today')).status).toBe(404);
  });
});
