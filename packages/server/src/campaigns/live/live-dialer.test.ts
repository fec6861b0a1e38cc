// The live dialing loop on a real server and a real SQLite store, on a manual clock (LIVE1–LIVE6
// in packages/dialer/SPEC.md): running campaigns place (simulated) calls, agents get them, their
// dispositions land in the lead's history; pause, stop, no agents, drops, restarts.
import { describe, expect, it } from 'vitest';
import { RECONCILED_NOTE } from './reconcile.ts';
import {
  CSV,
  dialTwoLeads,
  leadsCsv,
  liveCampaignPerTest,
  OPEN,
  PEOPLE,
  spoilFirstLeadState,
} from '../../testing/live-campaign.ts';

const start = liveCampaignPerTest();

describe('the live dialer', () => {
  it('[LIVE1] a running predictive campaign places calls, agents get them, dispositions land in the history', async () => {
    const t = await start({ agents: 2, leads: 6 });
    await t.login('a1');
    await t.login('a2');
    await t.setState('running');
    await t.clock.advance(0);
    let stats = await t.stats();
    // Predictive warms up at progressive's count: one call per available agent.
    expect(stats).toMatchObject({ state: 'running', linesInUse: 2, today: { placed: 2 } });
    expect(stats.dialLevel).toBeGreaterThan(0);
    expect(stats.agents).toMatchObject({ loggedIn: 2, available: 2 });
    await t.clock.advance(5_000);
    const call = await t.held('a1');
    expect(call).toMatchObject({ state: 'connected' });
    stats = await t.stats();
    expect(stats).toMatchObject({ agents: { onCall: 2 }, today: { answeredHuman: 2 } });
    const lea = await t.h.user(t.admin, 'agent', { agentId: 'a1' }, 'lea');
    const contactId = call?.contactId ?? '';
    const context = await t.h.ok<Record<string, unknown>>(
      lea,
      'GET',
      `/api/v1/contacts/${contactId}/outbound`,
    );
    expect(context).toMatchObject({
      contactId,
      campaignId: 'winter',
      campaignName: 'Relance hiver',
      mode: 'predictive',
      preview: false,
      phase: 'connected',
      callerId: '+33162000000',
      script: 'Bonjour, je vous appelle de la part d’Acme…',
      lead: { state: 'connected', firstName: 'P0' },
      history: [],
    });
    // The callee hangs up after 60 s: the agent is in wrap-up, the desk codes the call.
    await t.clock.advance(60_000);
    expect(await t.held('a1')).toMatchObject({ contactId, state: 'wrapUp' });
    const coded = await t.h.ok<Record<string, unknown>>(
      lea,
      'POST',
      `/api/v1/contacts/${contactId}/outbound/disposition`,
      { dispositionId: 'sale' },
    );
    expect(coded).toMatchObject({ dispositionId: 'sale', phase: 'ended' });
    // The wrap-up ended with the disposition: a1 is free and gets the next call.
    expect(await t.held('a1')).toBeUndefined();
    const leadId = (coded.lead as { id: string }).id;
    const detail = await t.h.ok<{ lead: Record<string, unknown>; history: unknown[] }>(
      t.admin,
      'GET',
      `/api/v1/leads/${leadId}`,
    );
    expect(detail.lead).toMatchObject({ state: 'done', attempts: 1, lastOutcome: 'success' });
    expect(detail.history).toMatchObject([
      { outcome: 'answered', dispositionId: 'sale', agentId: 'a1', ringSeconds: 5 },
    ]);
    // a2 promises a callback tomorrow: the lead waits for it.
    const other = await t.held('a2');
    const otherId = other?.contactId ?? '';
    const callbackAt = new Date(OPEN + 86_400_000).toISOString();
    await t.h.ok(t.admin, 'POST', `/api/v1/contacts/${otherId}/outbound/disposition`, {
      dispositionId: 'later',
      callbackAt,
      ownCallback: true,
    });
    await t.idle();
    expect(
      await t.h.ok<unknown[]>(t.admin, 'GET', '/api/v1/campaigns/winter/callbacks'),
    ).toMatchObject([{ at: callbackAt, agentId: 'a2' }]);
    await t.clock.advance(1_000);
    stats = await t.stats();
    expect(stats.today).toMatchObject({ placed: 4, success: 1 });
    expect(stats.leadsByState).toMatchObject({ done: 1, callback: 1 });
  });

  it('[LIVE2] pause places no new call and lets the calls out finish; stop takes it off the loop', async () => {
    const t = await start({ agents: 1, leads: 4 });
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(5_000);
    const call = await t.held('a1');
    await t.setState('paused');
    await t.clock.advance(60_000);
    await t.h.ok(
      t.admin,
      'POST',
      `/api/v1/contacts/${call?.contactId ?? ''}/outbound/disposition`,
      {
        dispositionId: 'no',
      },
    );
    await t.clock.advance(30_000);
    let stats = await t.stats();
    // a1 is free again, but a paused campaign dials no one.
    expect(stats).toMatchObject({
      state: 'paused',
      linesInUse: 0,
      agents: { available: 1 },
      today: { placed: 1 },
    });
    await t.setState('running');
    await t.clock.advance(0);
    expect((await t.stats()).today.placed).toBe(2);
    await t.setState('stopped');
    await t.clock.advance(5_000);
    // Stopped with a call out: the call goes on to its end, nothing new is placed.
    expect(await t.held('a1')).toMatchObject({ state: 'connected' });
    await t.clock.advance(60_000);
    const last = await t.held('a1');
    await t.h.ok(
      t.admin,
      'POST',
      `/api/v1/contacts/${last?.contactId ?? ''}/outbound/disposition`,
      {
        dispositionId: 'sale',
      },
    );
    await t.clock.advance(10_000);
    stats = await t.stats();
    expect(stats).toMatchObject({
      state: 'stopped',
      dialLevel: 0,
      today: { placed: 2, success: 1 },
    });
    expect(t.h.server.context.dialer.figures(t.admin.tenantId, 'winter')).toBeUndefined();
  });

  it('[LIVE3] no agent logged in: no call at all, until one logs in', async () => {
    const t = await start({ agents: 1, leads: 3 });
    await t.setState('running');
    await t.clock.advance(30_000);
    let stats = await t.stats();
    expect(stats).toMatchObject({ linesInUse: 0, dialLevel: 0, today: { placed: 0 } });
    expect(stats.agents.loggedIn).toBe(0);
    await t.login('a1');
    await t.clock.advance(0);
    stats = await t.stats();
    expect(stats).toMatchObject({ linesInUse: 1, today: { placed: 1 } });
  });

  it('[LIVE4] a person with no agent within 2 s: the identification message, a drop, the number locked', async () => {
    const played: string[] = [];
    const t = await start({
      agents: 1,
      leads: 2,
      campaign: { tighten: { abandonLockHours: 72 } },
      wrap: (factory) => (tenantId, campaignId, listener) => {
        const lines = factory(tenantId, campaignId, listener);
        return {
          dial: (call) => lines.dial(call),
          hangUp: (callId) => lines.hangUp(callId),
          close: () => lines.close(),
          playIdentification: (callId) => {
            played.push(callId);
            lines.playIdentification(callId);
          },
        };
      },
    });
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(0);
    // The agent leaves for lunch while the call rings: nobody takes the answer.
    await t.h.ok(t.admin, 'PUT', '/api/v1/agents/a1/state', { state: 'paused', reason: 'lunch' });
    await t.clock.advance(10_000);
    expect(played).toHaveLength(1);
    await t.idle();
    const stats = await t.stats();
    expect(stats.today).toMatchObject({ placed: 1, answeredHuman: 1, abandoned: 1 });
    const leads = await t.h.ok<{ leads: { id: string; lastOutcome?: string }[] }>(
      t.admin,
      'GET',
      '/api/v1/campaigns/winter/leads?state=scheduled',
    );
    expect(leads.leads).toMatchObject([{ lastOutcome: 'abandoned' }]);
    const blocking = await t.h.ok<{ byReason: Record<string, number> }>(
      t.admin,
      'GET',
      '/api/v1/campaigns/winter/blocking',
    );
    expect(blocking.byReason['lock.abandon']).toBe(1);
  });

  it('[LIVE5] a restart brings running campaigns back and settles the leads a crash left on a call', async () => {
    const t = await start({ agents: 2, leads: 6 });
    const dialing = await dialTwoLeads(t);
    // The server stops while both calls ring: their results are lost.
    await t.h.restart();
    await t.clock.advance(0);
    await t.h.server.context.dialer.idle();
    for (const lead of dialing) {
      const detail = await t.h.ok<{ lead: Record<string, unknown>; history: unknown[] }>(
        t.admin,
        'GET',
        `/api/v1/leads/${lead.id}`,
      );
      expect(detail.lead).toMatchObject({ state: 'scheduled', attempts: 1 });
      expect(detail.history).toMatchObject([{ outcome: 'failed', note: RECONCILED_NOTE }]);
    }
    // Back on the loop: the next leads are dialed, not the settled ones (failed: in 60 min).
    const stats = await t.stats();
    expect(stats).toMatchObject({ state: 'running', linesInUse: 2 });
    const now = await t.h.store.listLeads(t.admin.tenantId, 'winter', { state: 'dialing' });
    expect(now.map((lead) => lead.id)).not.toEqual(
      expect.arrayContaining(dialing.map((lead) => lead.id)),
    );
    // Connected when the second restart comes: the agents are freed, the leads recycled.
    await t.clock.advance(5_000);
    expect(await t.held('a1')).toMatchObject({ state: 'connected' });
    await t.idle();
    const connected = await t.h.store.listLeads(t.admin.tenantId, 'winter', {
      state: 'connected',
    });
    expect(connected).toHaveLength(2);
    await t.h.restart();
    await t.clock.advance(0);
    await t.h.server.context.dialer.idle();
    for (const lead of connected) {
      expect(await t.h.store.getLead(t.admin.tenantId, lead.id)).toMatchObject({
        state: 'scheduled',
        attempts: 1,
      });
    }
    // Both agents were released from the cut-off calls and got new ones.
    const engine = await t.engine();
    for (const agentId of ['a1', 'a2']) {
      const contact = engine.agentStatus(agentId).contacts[0];
      expect(connected.map((lead) => lead.id)).not.toContain(contact?.contactId);
    }
    expect((await t.stats()).linesInUse).toBe(2);
  });

  it('[LIVE6] a list imported while running is dialed; an edit while calls are out waits for them', async () => {
    const t = await start({ agents: 1, leads: 1, mode: 'progressive' });
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(65_000);
    const first = await t.held('a1');
    await t.h.ok(
      t.admin,
      'POST',
      `/api/v1/contacts/${first?.contactId ?? ''}/outbound/disposition`,
      {
        dispositionId: 'sale',
      },
    );
    await t.clock.advance(1_000);
    expect((await t.stats()).today.placed).toBe(1);
    const query = new URLSearchParams({
      name: 'Second',
      origin: 'Fichier clients Acme',
      legalBasis: 'contract',
      phone: 'tel',
      contractRelation: 'contrat',
    });
    const imported = await t.h.call(
      t.admin,
      'POST',
      `/api/v1/campaigns/winter/lists?${query.toString()}&listId=second`,
      leadsCsv(2, 50),
      CSV,
    );
    expect(imported.status).toBe(200);
    await t.clock.advance(0);
    expect((await t.stats()).today.placed).toBe(2);
    // Edited with a call out: paused until it ends, then rebuilt with the new mode.
    const campaign = await t.h.ok<Record<string, unknown>>(
      t.admin,
      'GET',
      '/api/v1/campaigns/winter',
    );
    const settings: Record<string, unknown> = { ...campaign, mode: 'predictive' };
    delete settings['state'];
    delete settings['leads'];
    await t.h.ok(t.admin, 'PUT', '/api/v1/campaigns/winter', settings);
    await t.clock.advance(65_000);
    const second = await t.held('a1');
    expect(t.h.server.context.dialer.figures(t.admin.tenantId, 'winter')?.mode).toBe('progressive');
    await t.h.ok(
      t.admin,
      'POST',
      `/api/v1/contacts/${second?.contactId ?? ''}/outbound/disposition`,
      {
        dispositionId: 'sale',
      },
    );
    await t.clock.advance(1_000);
    const figures = t.h.server.context.dialer.figures(t.admin.tenantId, 'winter');
    expect(figures?.mode).toBe('predictive');
    expect(figures?.state).toBe('running');
    expect((await t.stats()).today.placed).toBe(3);
  });

  it('[LIVE6] a rebuild keeps the tenant history as it was: no attempt counted twice', async () => {
    const t = await start({
      agents: 1,
      leads: 1,
      mode: 'progressive',
      spec: { ...PEOPLE, answerRate: 0 },
      // Two attempts in 30 days: counted twice, the first would block the second.
      campaign: { tighten: { attempts: { max: 2, windowDays: 30 } } },
    });
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(30_000);
    expect((await t.stats()).today.placed).toBe(1);
    await t.idle();
    const campaign = await t.h.ok<Record<string, unknown>>(
      t.admin,
      'GET',
      '/api/v1/campaigns/winter',
    );
    const settings: Record<string, unknown> = { ...campaign, name: 'Relance hiver 2' };
    delete settings['state'];
    delete settings['leads'];
    await t.h.ok(t.admin, 'PUT', '/api/v1/campaigns/winter', settings);
    // No answer: retried after the default 120 min, inside the hours and the pack's limit.
    await t.clock.advance(121 * 60_000);
    expect((await t.stats()).today.placed).toBe(2);
  });

  it('[LIVE1] preview: the agent gets the lead first, then the call is placed with the agent on it', async () => {
    const t = await start({ agents: 1, leads: 2, mode: 'preview' });
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(0);
    // The agent (auto-answer) took the lead at once: the call is placed with the agent's id.
    const held = await t.held('a1');
    expect(held?.state).toBe('connected');
    const url = `/api/v1/contacts/${held?.contactId ?? ''}/outbound`;
    expect(await t.h.ok(t.admin, 'GET', url)).toMatchObject({ preview: true, phase: 'ringing' });
    expect((await t.stats()).today.placed).toBe(1);
    await t.clock.advance(5_000);
    expect(await t.h.ok(t.admin, 'GET', url)).toMatchObject({ phase: 'connected' });
    await t.idle();
    const attempts = await t.h.store.attemptOfCall(t.admin.tenantId, held?.contactId ?? '');
    expect(attempts).toMatchObject({ outcome: 'answered', agentId: 'a1' });
  });

  it('[LIVE1] a store that refuses the history: the writes wait, the figures say so, nothing is lost', async () => {
    const t = await start({ agents: 1, leads: 2 });
    const store = t.h.store;
    const real = store.writeDialerBatch.bind(store);
    let refuse = true;
    store.writeDialerBatch = (tenantId, writes) =>
      refuse && writes.length > 0 ? Promise.reject(new Error('disk full')) : real(tenantId, writes);
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(0);
    const lagging = await t.h.ok<{ storeLag?: { pendingWrites: number; lastError?: string } }>(
      t.admin,
      'GET',
      '/api/v1/campaigns/winter/stats',
    );
    expect(lagging.storeLag?.lastError).toBe('disk full');
    expect(lagging.storeLag?.pendingWrites).toBeGreaterThan(0);
    refuse = false;
    await t.clock.advance(5_000); // the retry comes after a second
    await t.idle();
    expect(await store.listLeads(t.admin.tenantId, 'winter', { state: 'connected' })).toHaveLength(
      1,
    );
    expect(await t.h.ok(t.admin, 'GET', '/api/v1/campaigns/winter/stats')).not.toHaveProperty(
      'storeLag',
    );
  });

  it('[LIVE11] a write the store refuses for good is set aside: the others land, the figures and metrics say so', async () => {
    const t = await start({ agents: 1, leads: 2 });
    const store = t.h.store;
    const spoilt = spoilFirstLeadState(store);
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(5_000);
    await t.idle();
    const stats = await t.h.ok<{
      storeLag?: { pendingWrites: number; rejectedWrites: number; rejected: unknown[] };
    }>(t.admin, 'GET', '/api/v1/campaigns/winter/stats');
    expect(stats.storeLag).toMatchObject({
      pendingWrites: 0,
      rejectedWrites: 1,
      rejected: [
        {
          at: new Date(OPEN).toISOString(),
          kind: 'leadState',
          leadId: spoilt()?.leadId,
          error: expect.stringContaining('state is "lost", expected one of') as string,
        },
      ],
    });
    expect(stats.storeLag).not.toHaveProperty('lastError');
    // The writes after it were not held back: the call's lead is connected in the store.
    expect(await store.listLeads(t.admin.tenantId, 'winter', { state: 'connected' })).toMatchObject(
      [{ id: spoilt()?.leadId }],
    );
    const metrics = await t.h.server.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('relais_dialer_writes_rejected_total 1');
  });
});
