// The WebSocket stream over a real socket: authentication, scoping, catch-up after reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Harness, seedNetwork, site, agent, type Caller } from './testing/harness.ts';

interface Message {
  type: string;
  seq?: number;
  event?: { seq: number; type: string; agentId?: string; contactId?: string };
  error?: { code: string; message?: string; details?: { path: string; message: string }[] };
  ref?: string;
  ok?: boolean;
  status?: number;
  events?: { type: string; agentId?: string; contactId?: string }[];
}

let h: Harness;
let refs = 0;
let base: string;
let admin: Caller;
let supervisor: Caller;
let otherTenant: Caller;

/** A stream client collecting every message; `until` waits for one matching a predicate. */
class Client {
  readonly messages: Message[] = [];
  private waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly closed: Promise<number>;
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Message;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) =>
        w.test(message) ? (w.resolve(message), false) : true,
      );
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }
  static open(caller: Caller | undefined): Promise<Client> {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, {
      headers: caller?.headers ?? {},
    });
    const client = new Client(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('error', reject);
    });
  }
  /** Sends an agent action and waits for its result. */
  act(agentId: string, action: string, body: unknown = {}): Promise<Message> {
    const ref = `r${++refs}`;
    this.socket.send(JSON.stringify({ type: 'action', ref, agentId, action, body }));
    return this.until((m) => m.type === 'actionResult' && m.ref === ref);
  }
  subscribe(afterSeq: number): void {
    this.socket.send(JSON.stringify({ type: 'subscribe', afterSeq }));
  }
  until(test: (m: Message) => boolean): Promise<Message> {
    const found = this.messages.find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      this.waiters.push({ test, resolve });
      setTimeout(
        () => reject(new Error(`timed out; got ${JSON.stringify(this.messages.slice(-5))}`)),
        5000,
      ).unref();
    });
  }
  events(): NonNullable<Message['event']>[] {
    return this.messages.flatMap((m) =>
      m.type === 'event' && m.event !== undefined ? [m.event] : [],
    );
  }
  close(): void {
    this.socket.close();
  }
}

beforeAll(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  otherTenant = await h.tenantAdmin('south');
  await seedNetwork(h, admin);
  await h.ok(admin, 'POST', '/api/v1/sites', site('fes'));
  await h.ok(admin, 'POST', '/api/v1/agents', agent('f1', 'fes'));
  supervisor = await h.user(admin, 'supervisor', { siteIds: ['fes'] }, 'sup-fes');
  base = await h.server.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => h.stop());

describe('/api/v1/stream', () => {
  it('refuses a socket without credentials', async () => {
    const client = await Client.open(undefined);
    const error = await client.until((m) => m.type === 'error');
    expect(error.error?.code).toBe('Unauthorized');
    expect(await client.closed).toBe(4401);
  });

  it('replays what was missed, then sends live events, with no gap and no duplicate', async () => {
    const first = await Client.open(admin);
    first.subscribe(0);
    const caughtUp = await first.until((m) => m.type === 'caughtUp');
    const seen = first.events();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    first.close();
    // While disconnected, more happens.
    await h.ok(admin, 'POST', '/api/v1/agents/a1/login', {});
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    const again = await Client.open(admin);
    again.subscribe(caughtUp.seq ?? 0);
    await again.until((m) => m.type === 'caughtUp');
    // And live, after catching up.
    await h.ok(admin, 'POST', '/api/v1/contacts/c1/cancel', {});
    await again.until((m) => m.event?.type === 'contactCancelled');
    const seqs = again.events().map((e) => e.seq);
    expect(seqs[0]).toBe((caughtUp.seq ?? 0) + 1);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(again.events().map((e) => e.type)).toEqual(
      expect.arrayContaining(['agentStateChanged', 'contactArrived', 'contactCancelled']),
    );
    again.close();
  });

  it('a supervisor hears only their sites; another tenant hears nothing of this one', async () => {
    const sup = await Client.open(supervisor);
    const other = await Client.open(otherTenant);
    sup.subscribe(0);
    other.subscribe(0);
    await Promise.all([
      sup.until((m) => m.type === 'caughtUp'),
      other.until((m) => m.type === 'caughtUp'),
    ]);
    await h.ok(admin, 'POST', '/api/v1/agents/a2/login', {});
    await h.ok(admin, 'POST', '/api/v1/agents/f1/login', {});
    await sup.until((m) => m.event?.type === 'agentStateChanged' && m.event.agentId === 'f1');
    expect(
      sup
        .events()
        .filter((e) => e.agentId !== undefined)
        .map((e) => e.agentId),
    ).not.toContain('a2');
    expect(sup.events().some((e) => e.agentId === 'a1' || e.agentId === 'a2')).toBe(false);
    expect(JSON.stringify(other.messages)).not.toMatch(/rabat|fes|support|"a1"|"f1"/);
    sup.close();
    other.close();
  });

  it('an agent hears its own events only, replayed and live', async () => {
    const me = await h.user(admin, 'agent', { agentId: 'a2' }, 'agent-a2');
    const client = await Client.open(me);
    client.subscribe(0);
    await client.until((m) => m.type === 'caughtUp');
    await h.ok(admin, 'POST', '/api/v1/agents/a2/logout', {});
    await h.ok(admin, 'POST', '/api/v1/agents/f1/logout', {});
    await client.until(
      (m) =>
        m.event?.type === 'agentStateChanged' &&
        m.event.agentId === 'a2' &&
        (m.event as { to?: string }).to === 'loggedOut',
    );
    expect(client.events().length).toBeGreaterThan(1);
    const about = (e: { agentId?: string; agent?: { id: string } }): string | undefined =>
      e.agentId ?? e.agent?.id;
    expect(
      client
        .events()
        .map(about)
        .every((id) => id === 'a2'),
    ).toBe(true);
    client.close();
  });

  it('no role of another tenant hears anything of this one', async () => {
    await h.ok(otherTenant, 'POST', '/api/v1/sites', site('south-site'));
    await h.ok(otherTenant, 'POST', '/api/v1/clients', { id: 'south-client', name: 'South' });
    await h.ok(otherTenant, 'POST', '/api/v1/agents', {
      id: 'south-agent',
      siteId: 'south-site',
      skills: {},
    });
    const callers = [
      otherTenant,
      await h.apiKey(otherTenant, 'admin'),
      await h.user(otherTenant, 'planner', {}, 'south-plan'),
      await h.user(otherTenant, 'supervisor', { siteIds: ['south-site', 'rabat'] }, 'south-sup'),
      await h.user(otherTenant, 'agent', { agentId: 'a1' }, 'south-agent-a1'),
      await h.user(otherTenant, 'clientViewer', { clientId: 'acme' }, 'south-client-acme'),
    ];
    const clients = await Promise.all(callers.map((caller) => Client.open(caller)));
    for (const client of clients) client.subscribe(0);
    await Promise.all(clients.map((client) => client.until((m) => m.type === 'caughtUp')));
    // North moves: its agent a1 (an id the south agent user names) takes a call in queue support.
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'north-call', queueId: 'support' });
    const north = await Client.open(admin);
    north.subscribe(0);
    await north.until(
      (m) => m.event?.type === 'contactOffered' && m.event.contactId === 'north-call',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const client of clients) {
      expect(JSON.stringify(client.messages)).not.toMatch(/north-call|rabat|"support"|"acme"/);
      client.close();
    }
    north.close();
  });

  it('answers a malformed message with an error and keeps the socket', async () => {
    const client = await Client.open(admin);
    client.socket.send('not json');
    expect((await client.until((m) => m.type === 'error')).error?.code).toBe('ValidationFailed');
    client.subscribe(0);
    await client.until((m) => m.type === 'caughtUp');
    client.close();
  });
});

describe('/api/v1/stream: agent actions on the socket', () => {
  let me: Caller;
  beforeAll(async () => {
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'desk', kind: 'skill' });
    await h.ok(admin, 'POST', '/api/v1/queues', {
      id: 'desk',
      clientId: 'acme',
      channel: 'voice',
      skills: { desk: 1 },
      wrapUp: { mode: 'manual' },
    });
    await h.ok(admin, 'POST', '/api/v1/agents', agent('d1', 'rabat', { skills: { desk: 5 } }));
    await h.ok(admin, 'POST', '/api/v1/agents', agent('d2', 'rabat', { skills: { desk: 5 } }));
    me = await h.user(admin, 'agent', { agentId: 'd1' }, 'agent-d1');
  });

  it('logs in, answers, ends and wraps up a call as REST would, events first, then the result', async () => {
    const client = await Client.open(me);
    client.subscribe(0);
    await client.until((m) => m.type === 'caughtUp');
    const login = await client.act('d1', 'login');
    expect(login).toMatchObject({
      ok: true,
      events: [{ type: 'agentStateChanged', to: 'available' }],
    });
    // Already available: done, nothing changed.
    expect(await client.act('d1', 'state', { state: 'available' })).toMatchObject({
      ok: true,
      events: [],
    });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'desk-1', queueId: 'desk' });
    await client.until((m) => m.event?.type === 'contactOffered');
    const accepted = await client.act('d1', 'accept', { contactId: 'desk-1' });
    expect(accepted.events?.map((e) => e.type)).toContain('contactConnected');
    // The result comes after the events it reports, on the same socket.
    const at = (test: (m: Message) => boolean): number => client.messages.findIndex(test);
    expect(at((m) => m.event?.type === 'contactConnected')).toBeLessThan(
      at((m) => m.ref === accepted.ref),
    );
    // Hold and resume (TEL26), as on REST.
    expect(await client.act('d1', 'hold', { contactId: 'desk-1' })).toMatchObject({
      ok: true,
      events: [{ type: 'contactHeld', contactId: 'desk-1' }],
    });
    expect(await client.act('d1', 'resume', { contactId: 'desk-1' })).toMatchObject({
      ok: true,
      events: [{ type: 'contactRetrieved', contactId: 'desk-1' }],
    });
    expect(await client.act('d1', 'complete', { contactId: 'desk-1' })).toMatchObject({
      ok: true,
    });
    expect(await client.act('d1', 'end-wrap-up', { contactId: 'desk-1' })).toMatchObject({
      ok: true,
    });
    const status = await h.ok<{ state: string; contacts: unknown[] }>(
      admin,
      'GET',
      '/api/v1/agents/d1/status',
    );
    expect(status).toMatchObject({ state: 'available', contacts: [] });
    client.close();
  });

  it("refuses another agent's actions with 404 and changes nothing", async () => {
    const client = await Client.open(me);
    const before = await h.ok(admin, 'GET', '/api/v1/agents/d2/status');
    expect(await client.act('d2', 'login')).toMatchObject({
      ok: false,
      status: 404,
      error: { code: 'NotFound' },
    });
    // Everything the same but the server time the status is read at.
    expect(await h.ok(admin, 'GET', '/api/v1/agents/d2/status')).toEqual({
      ...before,
      nowMs: expect.any(Number) as number,
    });
    client.close();
  });

  it('names the bad field of a body (400), and refuses what the state does not allow (409)', async () => {
    const client = await Client.open(me);
    const bad = await client.act('d1', 'accept', { contactId: 7 });
    expect(bad).toMatchObject({ ok: false, status: 400, error: { code: 'ValidationFailed' } });
    expect(bad.error?.details?.[0]?.path).toBe('contactId');
    const noContact = await client.act('d1', 'hold', {});
    expect(noContact).toMatchObject({
      ok: false,
      status: 400,
      error: { code: 'ValidationFailed' },
    });
    expect(noContact.error?.details?.[0]?.path).toBe('contactId');
    const extra = await client.act('d1', 'login', { surprise: true });
    expect(extra).toMatchObject({ ok: false, status: 400 });
    const notHeld = await client.act('d1', 'complete', { contactId: 'nobody' });
    expect(notHeld).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'IllegalTransition' },
    });
    client.close();
  });

  it('answers a malformed action with an error naming what is wrong, and keeps the socket', async () => {
    const client = await Client.open(me);
    client.socket.send(JSON.stringify({ type: 'action', ref: 'x', agentId: 'd1', action: 'fly' }));
    const error = await client.until((m) => m.type === 'error');
    expect(error.error?.code).toBe('ValidationFailed');
    expect(error.error?.details?.map((d) => d.path)).toContain('action');
    client.socket.send(JSON.stringify({ type: 'action', agentId: 'd1', action: 'login' }));
    await client.until(
      (m) => m.type === 'error' && (m.error?.details ?? []).some((d) => d.path === 'ref'),
    );
    expect((await client.act('d1', 'state', { state: 'available' })).ok).toBeDefined();
    client.close();
  });

  it('keeps roles that may not act from acting (403), and other tenants from these agents (404)', async () => {
    const viewer = await h.user(admin, 'clientViewer', { clientId: 'acme' }, 'viewer-acme');
    const planner = await h.user(admin, 'planner', {}, 'planner-north');
    for (const caller of [viewer, planner]) {
      const client = await Client.open(caller);
      expect(await client.act('d1', 'logout')).toMatchObject({ ok: false, status: 403 });
      client.close();
    }
    const south = await Client.open(otherTenant);
    expect(await south.act('d1', 'logout')).toMatchObject({ ok: false, status: 404 });
    south.close();
  });

  it('limits the actions of one socket per minute (429)', async () => {
    const client = await Client.open(me);
    const results = await Promise.all(
      Array.from({ length: 610 }, () => client.act('nobody', 'login')),
    );
    expect(results.filter((m) => m.status === 404)).toHaveLength(600);
    expect(results.filter((m) => m.status === 429)).toHaveLength(10);
    expect(results.at(-1)?.error?.message).toMatch(/more than 600 actions a minute/);
    client.close();
  });

  it('transfers and schedules a callback from the socket, refusing a bad body by field', async () => {
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'de', kind: 'language' });
    for (const id of ['tq', 'tq2'])
      await h.ok(admin, 'POST', '/api/v1/queues', {
        id,
        clientId: 'acme',
        channel: 'voice',
        skills: { de: 1 },
        wrapUp: { mode: 'manual' },
      });
    await h.ok(admin, 'POST', '/api/v1/agents', agent('t1', 'rabat', { skills: { de: 5 } }));
    const client = await Client.open(admin);
    expect(await client.act('t1', 'login')).toMatchObject({ ok: true });
    await h.ok(admin, 'POST', '/api/v1/contacts', {
      id: 'tc1',
      queueId: 'tq',
      attributes: { customerId: 'K-1' },
    });
    expect(await client.act('t1', 'accept', { contactId: 'tc1' })).toMatchObject({ ok: true });
    const bad = await client.act('t1', 'callback', { contactId: 'tc1', number: '+2126' });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const callback = await client.act('t1', 'callback', {
      contactId: 'tc1',
      number: '+212600000007',
      at,
      queueId: 'tq2',
    });
    expect(callback.ok).toBe(true);
    expect(callback.events?.map((e) => e.type)).toEqual(['contactArrived', 'callbackRequested']);
    const transfer = await client.act('t1', 'transfer', { contactId: 'tc1', queueId: 'tq2' });
    expect(transfer.events?.map((e) => e.type)).toContain('contactTransferred');
    client.close();
  });
});
