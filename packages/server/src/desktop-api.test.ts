// What the web app's agent desktop reads from the API, checked against @relais/protocol's
// schemas on a real server: if the engine or a route changes a shape, this fails, not a browser.
import {
  AGENT_EVENT_TYPES,
  AgentEvent,
  AgentStatusView,
  ContactView,
  DispositionList,
  MeView,
  PauseCodeList,
  RealtimeQueues,
} from '@relais/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedNetwork, type Caller } from './testing/harness.ts';

let h: Harness;
let admin: Caller & { tenantId: string };
let agent: Caller;

beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin);
  agent = await h.user(admin, 'agent', { agentId: 'a1' }, 'agent.one');
});
afterEach(async () => h.stop());

describe('the agent desktop’s reads', () => {
  it('gives a session its username and CSRF token back on /auth/me, and an API key neither', async () => {
    const me = MeView.parse(await h.ok(agent, 'GET', '/api/v1/auth/me'));
    expect(me).toMatchObject({ username: 'agent.one', role: 'agent', scope: { agentId: 'a1' } });
    expect(me.csrfToken).toBe(agent.headers['x-csrf-token']);
    const key = await h.apiKey(admin, 'planner');
    const keyMe = MeView.parse(await h.ok(key, 'GET', '/api/v1/auth/me'));
    expect(keyMe.csrfToken).toBeUndefined();
    expect(keyMe.via).toBe('apiKey');
  });

  it('follows a contact from offer to completion in the shapes the protocol says', async () => {
    await h.ok(agent, 'POST', '/api/v1/agents/a1/login', {});
    const before = AgentStatusView.parse(await h.ok(agent, 'GET', '/api/v1/agents/a1/status'));
    expect(before.state).toBe('available');
    expect(before.seq).toBeGreaterThan(0);
    expect(typeof before.nowMs).toBe('number');

    await h.ok(admin, 'POST', '/api/v1/contacts', {
      id: 'c1',
      queueId: 'support',
      attributes: { client: 'Mme Dupont', motif: 'Facture' },
    });
    const status = AgentStatusView.parse(await h.ok(agent, 'GET', '/api/v1/agents/a1/status'));
    expect(status.seq).toBeGreaterThan(before.seq);
    expect(status.contacts).toEqual([{ contactId: 'c1', state: 'offered', channel: 'voice' }]);
    const offered = ContactView.parse(await h.ok(agent, 'GET', '/api/v1/contacts/c1'));
    expect(offered).toMatchObject({
      state: 'offered',
      attributes: { client: 'Mme Dupont', motif: 'Facture' },
      priority: 0,
    });
    expect(offered.offerExpiresAtMs).toBeGreaterThan(offered.arrivedAtMs);

    await h.ok(agent, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
    expect(ContactView.parse(await h.ok(agent, 'GET', '/api/v1/contacts/c1'))).not.toHaveProperty(
      'offerExpiresAtMs',
    );
    await h.ok(agent, 'POST', '/api/v1/agents/a1/hold', { contactId: 'c1' });
    expect(ContactView.parse(await h.ok(agent, 'GET', '/api/v1/contacts/c1'))).toMatchObject({
      state: 'held',
      lastEvent: 'contactHeld',
    });
    await h.ok(agent, 'POST', '/api/v1/agents/a1/resume', { contactId: 'c1' });
    await h.ok(agent, 'PUT', '/api/v1/agents/a1/state', { state: 'paused', reason: 'lunch' });
    await h.ok(agent, 'POST', '/api/v1/agents/a1/complete', { contactId: 'c1' });
    await h.ok(agent, 'POST', '/api/v1/agents/a1/disposition', {
      contactId: 'c1',
      dispositionId: 'sold',
    });
    expect(ContactView.parse(await h.ok(agent, 'GET', '/api/v1/contacts/c1'))).toMatchObject({
      state: 'wrapUp',
      dispositionId: 'sold',
    });
    await h.ok(agent, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: 'c1' });

    // Every event the agent may read that the desktop acts on parses with the protocol's schema.
    const { events } = await h.ok<{ events: { type: string }[] }>(
      agent,
      'GET',
      '/api/v1/events?limit=1000',
    );
    const forDesktop = events.filter((e) => (AGENT_EVENT_TYPES as string[]).includes(e.type));
    expect(forDesktop.map((e) => AgentEvent.parse(e).type)).toEqual([
      'agentStateChanged',
      'contactOffered',
      'agentStateChanged',
      'contactConnected',
      'agentStateChanged',
      'contactHeld',
      'contactRetrieved',
      'agentPauseRequested',
      'contactEnded',
      'agentStateChanged',
      'dispositionSet',
      'contactCompleted',
      'agentStateChanged',
    ]);
  });

  it('lists pause codes and dispositions, and the queues for the other roles’ home page', async () => {
    const codes = PauseCodeList.parse(await h.ok(agent, 'GET', '/api/v1/pause-codes?limit=1000'));
    expect(codes.items.map((c) => c.id)).toEqual(['lunch']);
    const outcomes = DispositionList.parse(await h.ok(agent, 'GET', '/api/v1/dispositions'));
    expect(outcomes.items.map((d) => d.label)).toEqual(['Sale']);
    const queues = RealtimeQueues.parse(await h.ok(admin, 'GET', '/api/v1/realtime/queues'));
    expect(queues.queues.map((q) => q.queueId)).toEqual(['support']);
  });
});
