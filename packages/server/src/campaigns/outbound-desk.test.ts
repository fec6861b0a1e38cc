// The outbound desk routes (packages/protocol/src/outbound-desk.ts; DESK1–DESK3 in
// packages/dialer/SPEC.md) on a live campaign: who may read and code a call, and every bad input.
import { OutboundContext } from '@relais/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';
import { OPEN, startLiveCampaign } from '../testing/live-campaign.ts';

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** A campaign with one call connected to agent a1 (and a2 free), and callers of each role. */
async function connectedCall() {
  const t = await startLiveCampaign({ agents: 2, leads: 1, mode: 'progressive' });
  h = t.h;
  await t.login('a1');
  await t.setState('running');
  await t.clock.advance(5_000);
  const held = await t.held('a1');
  expect(held?.state).toBe('connected');
  const contactId = held?.contactId ?? '';
  const lea = await t.h.user(t.admin, 'agent', { agentId: 'a1' }, 'lea');
  const sam = await t.h.user(t.admin, 'agent', { agentId: 'a2' }, 'sam');
  const supervisor = await t.h.user(t.admin, 'supervisor', { siteIds: ['rabat'] }, 'sup');
  const planner = await t.h.user(t.admin, 'planner', {}, 'plan');
  const url = `/api/v1/contacts/${contactId}/outbound`;
  return { ...t, contactId, lea, sam, supervisor, planner, url };
}

type ErrorBody = { error: { code: string; details?: { path: string }[] } };

describe('the outbound desk', () => {
  it('[DESK1] the agent holding the call, a supervisor or an admin reads it; others 403, unknown 404', async () => {
    const t = await connectedCall();
    const context = await t.h.ok(t.lea, 'GET', t.url);
    expect(OutboundContext.parse(context)).toMatchObject({
      contactId: t.contactId,
      mode: 'progressive',
      phase: 'connected',
      dispositions: [{ id: 'sale' }, { id: 'no' }, { id: 'later' }],
    });
    expect((await t.h.call(t.supervisor, 'GET', t.url)).status).toBe(200);
    expect((await t.h.call(t.admin, 'GET', t.url)).status).toBe(200);
    expect((await t.h.call(t.sam, 'GET', t.url)).status).toBe(403);
    expect((await t.h.call(t.planner, 'GET', t.url)).status).toBe(403);
    expect((await t.h.call(t.lea, 'GET', '/api/v1/contacts/nobody/outbound')).status).toBe(404);
    // An inbound contact is not a campaign's call.
    await t.h.ok(t.admin, 'POST', '/api/v1/contacts', { id: 'in-1', queueId: 'outbound' });
    const inbound = await t.h.call<ErrorBody>(t.admin, 'GET', '/api/v1/contacts/in-1/outbound');
    expect(inbound).toMatchObject({ status: 404, body: { error: { code: 'NotFound' } } });
  });

  it('[DESK2] bad bodies are 400 naming the field, and change nothing', async () => {
    const t = await connectedCall();
    const post = (body: unknown, caller = t.lea) =>
      t.h.call<ErrorBody>(caller, 'POST', `${t.url}/disposition`, body);
    const cases: [unknown, string][] = [
      [{}, 'dispositionId'],
      [{ dispositionId: 'ghost' }, 'dispositionId'],
      [{ dispositionId: 'later' }, 'callbackAt'],
      [{ dispositionId: 'later', callbackAt: 'tomorrow' }, 'callbackAt'],
      [{ dispositionId: 'later', callbackAt: new Date(OPEN - 60_000).toISOString() }, 'callbackAt'],
      [{ dispositionId: 'sale', ownCallback: 'yes' }, 'ownCallback'],
      [{ dispositionId: 'sale', extra: 1 }, '(root)'],
    ];
    for (const [body, path] of cases) {
      const reply = await post(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.details?.[0]?.path, JSON.stringify(body)).toBe(path);
    }
    expect(await t.h.ok<object>(t.lea, 'GET', t.url)).not.toHaveProperty('dispositionId');
    expect((await post({ dispositionId: 'sale' }, t.sam)).status).toBe(403);
    expect(
      (
        await t.h.call(t.lea, 'POST', '/api/v1/contacts/nobody/outbound/disposition', {
          dispositionId: 'sale',
        })
      ).status,
    ).toBe(404);
  });

  it('[DESK3] coding a call: once, in talk or wrap-up; wrap-up ends with it; a coded call is 409', async () => {
    const t = await connectedCall();
    const callbackAt = new Date(OPEN + 3 * 86_400_000).toISOString();
    const coded = await t.h.ok<Record<string, unknown>>(t.lea, 'POST', `${t.url}/disposition`, {
      dispositionId: 'later',
      callbackAt,
    });
    // Coded while talking: the call goes on, the agent is not in wrap-up yet.
    expect(coded).toMatchObject({ dispositionId: 'later', phase: 'connected' });
    const again = await t.h.call<ErrorBody>(t.lea, 'POST', `${t.url}/disposition`, {
      dispositionId: 'sale',
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CallNotCodable' } } });
    await t.clock.advance(60_000);
    // The callee hung up: wrap-up; the call keeps its disposition once it is over.
    expect(await t.held('a1')).toMatchObject({ state: 'wrapUp' });
    await t.h.ok(t.lea, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: t.contactId });
    await t.idle();
    const over = await t.h.ok<Record<string, unknown>>(t.lea, 'GET', t.url);
    expect(over).toMatchObject({ phase: 'ended', dispositionId: 'later' });
    const late = await t.h.call<ErrorBody>(t.lea, 'POST', `${t.url}/disposition`, {
      dispositionId: 'sale',
    });
    expect(late.status).toBe(409);
    const lead = await t.h.ok<{ state: string; nextAt: string }>(
      t.admin,
      'GET',
      `/api/v1/leads/${(over.lead as { id: string }).id}`,
    );
    expect(lead).toMatchObject({ lead: { state: 'callback', nextAt: callbackAt } });
  });

  it('[LIVE9] the figures and the desk say when calls are simulated, and not when lines are real', async () => {
    const t = await connectedCall();
    expect(await t.h.ok(t.lea, 'GET', t.url)).toMatchObject({ simulatedCalls: true });
    expect(await t.stats()).toMatchObject({ simulatedCalls: true });
    await t.h.stop();
    h = undefined;
    // Lines that place real calls (telephony's, here a stand-in): nothing says "simulated".
    const real = await startLiveCampaign({ agents: 1, leads: 1, callsSimulated: false });
    h = real.h;
    expect(await real.stats()).toMatchObject({ simulatedCalls: false });
  });

  it('[LIVE9] a server built without dialer lines uses the simulated called party and says so', async () => {
    h = await Harness.start({});
    const admin = await h.tenantAdmin('south');
    await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
    await h.ok(admin, 'POST', '/api/v1/queues', {
      id: 'out',
      clientId: 'acme',
      channel: 'voice',
      skills: { fr: 1 },
    });
    await h.ok(admin, 'PUT', '/api/v1/campaigns/c1', {
      id: 'c1',
      clientId: 'acme',
      name: 'C1',
      mode: 'progressive',
      queueId: 'out',
      callerId: '+33162000000',
      dispositions: [{ id: 'sale', label: 'Vente', flag: 'success' }],
    });
    expect(await h.ok(admin, 'GET', '/api/v1/campaigns/c1/stats')).toMatchObject({
      state: 'stopped',
      simulatedCalls: true,
    });
  });
});
