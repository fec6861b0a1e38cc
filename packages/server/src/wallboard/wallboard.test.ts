// The wallboard feed over a real socket (scope, coalescing, a fresh snapshot on reconnect), and
// the routes its drill-down and actions use.
import type { WallboardMessage } from '@relais/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Harness, agent, queue, seedNetwork, site, type Caller } from '../testing/harness.ts';

type Message = Partial<Omit<WallboardMessage, 'type'>> & { type: string; error?: { code: string } };

let h: Harness;
let base: string;
let admin: Caller;
let supervisor: Caller;
let viewer: Caller;
let agentCaller: Caller;

class Client {
  readonly messages: Message[] = [];
  private waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Message;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) =>
        w.test(message) ? (w.resolve(message), false) : true,
      );
    });
  }
  static async watch(caller: Caller): Promise<Client> {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, {
      headers: caller.headers,
    });
    const client = new Client(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'watch' }));
    return client;
  }
  /** The first message (already received or to come) after `from` that matches. */
  until(test: (m: Message) => boolean, from = 0): Promise<Message> {
    const found = this.messages.slice(from).find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      this.waiters.push({ test, resolve });
      setTimeout(
        () => reject(new Error(`timed out; got ${JSON.stringify(this.messages.slice(-3))}`)),
        5000,
      ).unref();
    });
  }
  changes(): Message[] {
    return this.messages.filter((m) => m.type === 'wallboard' && m.full === false);
  }
  close(): void {
    this.socket.close();
  }
}

const agentIn = (m: Message, id: string) => m.agents?.find((a) => a.id === id);

beforeAll(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin);
  await h.ok(admin, 'POST', '/api/v1/sites', { ...site('fes'), city: 'Fès' });
  await h.ok(admin, 'POST', '/api/v1/agents', agent('f1', 'fes', { name: 'Fatima' }));
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'other', name: 'Other' });
  await h.ok(admin, 'POST', '/api/v1/queues', queue('fes-only', 'other', { sites: ['fes'] }));
  supervisor = await h.user(admin, 'supervisor', { siteIds: ['rabat'] }, 'sup-rabat');
  viewer = await h.user(admin, 'clientViewer', { clientId: 'acme' }, 'viewer-acme');
  agentCaller = await h.user(admin, 'agent', { agentId: 'a1' }, 'agent-a1');
  base = await h.server.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => h.stop());

describe('the wallboard feed', { timeout: 15_000 }, () => {
  it('sends a snapshot of what the caller may see: a supervisor its sites only', async () => {
    const client = await Client.watch(supervisor);
    const snapshot = await client.until((m) => m.type === 'wallboard');
    expect(snapshot.full).toBe(true);
    expect(snapshot.sites?.map((s) => s.id)).toEqual(['rabat']);
    expect(snapshot.agents?.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    // A queue restricted to another site is not theirs; the network-wide one is.
    expect(snapshot.queues?.map((q) => q.id)).toEqual(['support']);
    client.close();
  });

  it('gives a client viewer its queues and nothing of agents or sites', async () => {
    const client = await Client.watch(viewer);
    const snapshot = await client.until((m) => m.type === 'wallboard');
    expect(snapshot.agents).toEqual([]);
    expect(snapshot.sites).toEqual([]);
    expect(snapshot.queues?.map((q) => q.id)).toEqual(['support']);
    client.close();
  });

  it('refuses an agent', async () => {
    const client = await Client.watch(agentCaller);
    const error = await client.until((m) => m.type === 'error');
    expect(error.error?.code).toBe('Forbidden');
    client.close();
  });

  it('coalesces a burst of changes into at most two messages, the last with the latest state', async () => {
    const admins = await Client.watch(admin);
    const supervisors = await Client.watch(supervisor);
    await admins.until((m) => m.full === true);
    await supervisors.until((m) => m.full === true);
    // Nine changes in a row, well within one period: the first may go at once, the rest wait
    // for the end of the period and go together.
    await h.ok(admin, 'POST', '/api/v1/agents/a1/login', {});
    await h.ok(admin, 'POST', '/api/v1/agents/f1/login', {});
    for (let i = 0; i < 3; i++) {
      await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'paused', reason: 'lunch' });
      await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
    }
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'paused', reason: 'lunch' });
    const change = await admins.until(
      (m) => m.full === false && agentIn(m, 'a1')?.state === 'paused',
    );
    expect(agentIn(change, 'a1')).toMatchObject({ pauseCode: 'lunch' });
    expect(agentIn(change, 'a1')?.sinceMs).toEqual(expect.any(Number));
    const withF1 = admins.changes().find((m) => agentIn(m, 'f1') !== undefined);
    expect(withF1 === undefined ? undefined : agentIn(withF1, 'f1')).toMatchObject({
      name: 'Fatima',
      state: 'available',
    });
    expect(change.sites?.find((s) => s.id === 'rabat')?.agentsByState.paused).toBe(1);
    expect(admins.changes().length).toBeLessThanOrEqual(2);
    // The supervisor's messages never name Fès or its agent.
    await supervisors.until((m) => m.full === false && agentIn(m, 'a1')?.state === 'paused');
    for (const m of supervisors.changes()) {
      expect(m.agents?.map((a) => a.id)).not.toContain('f1');
      expect(m.sites?.map((s) => s.id) ?? []).not.toContain('fes');
    }
    admins.close();
    supervisors.close();
  });

  it('shows a waiting contact in its queue, then the agent who takes it', async () => {
    // Nobody free: Fatima (Fès) pauses too.
    await h.ok(admin, 'PUT', '/api/v1/agents/f1/state', { state: 'paused', reason: 'lunch' });
    const client = await Client.watch(supervisor);
    await client.until((m) => m.full === true);
    const from = client.messages.length;
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'w1', queueId: 'support' });
    const queued = await client.until(
      (m) => m.queues?.find((q) => q.id === 'support')?.waiting === 1,
      from,
    );
    expect(queued.queues?.[0]?.oldestSinceMs).toEqual(expect.any(Number));
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
    const busy = await client.until((m) => agentIn(m, 'a1')?.contactId === 'w1', from);
    expect(agentIn(busy, 'a1')).toMatchObject({ contactQueueId: 'support' });
    client.close();
  });

  it('sends a fresh snapshot to a client that reconnects, with what changed meanwhile', async () => {
    const first = await Client.watch(supervisor);
    const before = await first.until((m) => m.full === true);
    first.close();
    await h.ok(admin, 'POST', '/api/v1/agents/a2/login', {});
    const again = await Client.watch(supervisor);
    const after = await again.until((m) => m.full === true);
    expect(after.seq).toBeGreaterThan(before.seq ?? 0);
    expect(agentIn(after, 'a2')?.state).toBe('available');
    again.close();
  });
});

describe('wallboard routes', () => {
  it('lists the contacts waiting in a queue, for those who may see it', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'w2', queueId: 'fes-only' });
    const list = await h.ok<{ contacts: { id: string; position: number }[] }>(
      admin,
      'GET',
      '/api/v1/queues/fes-only/contacts',
    );
    expect(list.contacts.map((c) => [c.id, c.position])).toEqual([['w2', 1]]);
    expect((await h.call(supervisor, 'GET', '/api/v1/queues/fes-only/contacts')).status).toBe(404);
    expect((await h.call(viewer, 'GET', '/api/v1/queues/support/contacts')).status).toBe(403);
  });

  it('raises a waiting contact in its line, for a supervisor who sees its queue', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'w3', queueId: 'fes-only' });
    const raised = await h.ok<{ events: { type: string; priority: number }[] }>(
      admin,
      'POST',
      '/api/v1/contacts/w3/raise-priority',
      { by: 5 },
    );
    expect(raised.events).toEqual([
      expect.objectContaining({ type: 'contactPriorityRaised', priority: 5 }),
    ]);
    const list = await h.ok<{ contacts: { id: string; priority: number }[] }>(
      admin,
      'GET',
      '/api/v1/queues/fes-only/contacts',
    );
    expect(list.contacts.find((c) => c.id === 'w3')?.priority).toBe(5);
    // Not this supervisor's queue; a bad raise names its field.
    const theirs = await h.call(supervisor, 'POST', '/api/v1/contacts/w3/raise-priority', {
      by: 1,
    });
    expect(theirs.status).toBe(404);
    const zero = await h.call<{ error: { message: string } }>(
      admin,
      'POST',
      '/api/v1/contacts/w3/raise-priority',
      { by: 0 },
    );
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toContain('by');
  });

  it("lets a supervisor change the skills of its sites' agents only, and stores them", async () => {
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'en', kind: 'language' });
    const done = await h.ok(supervisor, 'PUT', '/api/v1/agents/a2/skills', {
      skills: { fr: 7, en: 3 },
    });
    expect(done).toMatchObject({ id: 'a2', skills: { fr: 7, en: 3 } });
    const stored = await h.ok<{ skills: unknown }>(admin, 'GET', '/api/v1/agents/a2');
    expect(stored.skills).toEqual({ fr: 7, en: 3 });
    expect(
      (await h.call(supervisor, 'PUT', '/api/v1/agents/f1/skills', { skills: { fr: 1 } })).status,
    ).toBe(404);
    const bad = await h.call<{ error: { message: string } }>(
      supervisor,
      'PUT',
      '/api/v1/agents/a2/skills',
      { skills: { fr: 11 } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('skills');
    const unknownSkill = await h.call(supervisor, 'PUT', '/api/v1/agents/a2/skills', {
      skills: { klingon: 3 },
    });
    expect(unknownSkill.status).toBeGreaterThanOrEqual(400);
    expect(unknownSkill.status).toBeLessThan(500);
  });
});
