// The desktop's Hold and Resume (TEL26): agent actions over REST, refused with the API's errors
// when the contact is not the agent's, not connected, or already in the state asked for.
import { ContactView } from '@relais/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedNetwork, type Caller } from '../testing/harness.ts';

let h: Harness;
let admin: Caller & { tenantId: string };
let agent: Caller;

beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin);
  agent = await h.user(admin, 'agent', { agentId: 'a1' }, 'agent.one');
  await h.ok(agent, 'POST', '/api/v1/agents/a1/login', {});
});
afterEach(async () => h.stop());

const stateOf = async (id: string): Promise<string> =>
  ContactView.parse(await h.ok(agent, 'GET', `/api/v1/contacts/${id}`)).state;

describe('the desktop’s hold and resume', () => {
  it('[TEL26] holds a connected contact and takes it off hold', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    await h.ok(agent, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
    const held = await h.ok<{ events: { type: string }[] }>(
      agent,
      'POST',
      '/api/v1/agents/a1/hold',
      { contactId: 'c1' },
    );
    expect(JSON.stringify(held)).toContain('contactHeld');
    expect(await stateOf('c1')).toBe('held');
    await h.ok(agent, 'POST', '/api/v1/agents/a1/resume', { contactId: 'c1' });
    expect(await stateOf('c1')).toBe('connected');
  });

  it('[TEL26] refuses a hold twice, a resume of a contact not held, and contacts not connected', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    // Offered, not yet accepted: nothing to hold.
    const early = await h.call(agent, 'POST', '/api/v1/agents/a1/hold', { contactId: 'c1' });
    expect(early.status).toBe(409);
    await h.ok(agent, 'POST', '/api/v1/agents/a1/accept', { contactId: 'c1' });
    const notHeld = await h.call(agent, 'POST', '/api/v1/agents/a1/resume', { contactId: 'c1' });
    expect(notHeld.status).toBe(409);
    expect(JSON.stringify(notHeld.body)).toContain('on hold');
    await h.ok(agent, 'POST', '/api/v1/agents/a1/hold', { contactId: 'c1' });
    const twice = await h.call(agent, 'POST', '/api/v1/agents/a1/hold', { contactId: 'c1' });
    expect(twice.status).toBe(409);
    expect(JSON.stringify(twice.body)).toContain('off hold');
    expect(await stateOf('c1')).toBe('held');
  });

  it('[TEL26] refuses a contact the agent does not have (409) and a body without a valid contactId (400)', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    const other = await h.call(admin, 'POST', '/api/v1/agents/a2/hold', { contactId: 'c1' });
    expect(other.status).toBe(409);
    expect((other.body as { error: { message: string } }).error.message).toBe(
      'agent "a2" does not hold contact "c1"',
    );
    for (const body of [{}, { contactId: '' }, { contactId: 'c1', extra: 1 }, { contactId: 7 }]) {
      const bad = await h.call(agent, 'POST', '/api/v1/agents/a1/resume', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect(await stateOf('c1')).toBe('offered');
  });
});
