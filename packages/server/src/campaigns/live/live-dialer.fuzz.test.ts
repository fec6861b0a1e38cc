// Seeded fuzz of the live loop (LIVE7): a predictive campaign on a real server with mixed call
// results, agents who end calls, code them or not, pause and come back, the campaign paused and
// resumed, and a restart in the middle; then stopped and drained. After every step the lines stay
// within the maximum; at the end the store and the engine agree with what happened.
import { randomStream, type CalledPartySpec } from '@relais/sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from '../../testing/harness.ts';
import { startLiveCampaign } from '../../testing/live-campaign.ts';

const MIXED: CalledPartySpec = {
  answerRate: 0.55,
  machineShare: 0.2,
  busyRate: 0.1,
  wrongNumberRate: 0.05,
  failedRate: 0.05,
  ringSeconds: { dist: 'lognormal', mean: 8, sd: 4 },
  talkSeconds: { dist: 'exponential', mean: 40 },
  wrapUpSeconds: { dist: 'fixed', value: 0 },
  dispositions: {},
};
const AGENTS = ['a1', 'a2', 'a3'];
const MAX_LINES_PER_AGENT = 3;

let h: Harness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('the live loop under random traffic', () => {
  it.each([1, 2])(
    '[LIVE7] seed %i: lines within the maximum, history and engine consistent',
    async (seed) => {
      const random = randomStream(seed, 'live-fuzz');
      const t = await startLiveCampaign({ agents: AGENTS.length, leads: 40, spec: MIXED, seed });
      h = t.h;
      for (const agentId of AGENTS) await t.login(agentId);
      await t.setState('running');
      let coded = 0;
      let state = 'running';
      const restartAt = seed === 1 ? 40 : -1;
      for (let step = 0; step < 100; step++) {
        await t.clock.advance(3_000);
        if (step === restartAt) {
          await t.h.restart();
          await t.clock.advance(0);
        }
        // Paused now and then, for a few steps.
        if (random() < (state === 'running' ? 0.03 : 0.25)) {
          state = state === 'running' ? 'paused' : 'running';
          await t.setState(state);
        }
        const engine = await t.engine();
        for (const agentId of AGENTS) {
          const status = engine.agentStatus(agentId);
          const contact = status.contacts[0];
          const u = random();
          if (contact?.state === 'wrapUp') {
            if (u < 0.7) {
              const dispositionId = ['sale', 'no', 'later'][Math.floor(random() * 3)] ?? 'sale';
              const body =
                dispositionId === 'later'
                  ? {
                      dispositionId,
                      callbackAt: new Date(t.clock.nowMs + 86_400_000).toISOString(),
                    }
                  : { dispositionId };
              const reply = await t.h.call(
                t.admin,
                'POST',
                `/api/v1/contacts/${contact.contactId}/outbound/disposition`,
                body,
              );
              expect(reply.status, JSON.stringify(reply.body)).toBe(200);
              coded++;
            } else {
              await t.h.ok(t.admin, 'POST', `/api/v1/agents/${agentId}/end-wrap-up`, {
                contactId: contact.contactId,
              });
            }
          } else if (contact?.state === 'connected' && u < 0.1) {
            await t.h.ok(t.admin, 'POST', `/api/v1/agents/${agentId}/complete`, {
              contactId: contact.contactId,
            });
          } else if (contact === undefined && status.state === 'available' && u < 0.05) {
            await t.h.ok(t.admin, 'PUT', `/api/v1/agents/${agentId}/state`, {
              state: 'paused',
              reason: 'lunch',
            });
          } else if (status.state === 'paused' && u < 0.3) {
            await t.h.ok(t.admin, 'PUT', `/api/v1/agents/${agentId}/state`, { state: 'available' });
          }
        }
        const stats = await t.stats();
        expect(stats.linesInUse).toBeLessThanOrEqual(MAX_LINES_PER_AGENT * stats.agents.loggedIn);
      }
      // Stop, and let every call end.
      await t.setState('stopped');
      for (let round = 0; round < 40; round++) {
        if (t.h.server.context.dialer.figures(t.admin.tenantId, 'winter') === undefined) break;
        await t.clock.advance(30_000);
        const engine = await t.engine();
        for (const agentId of AGENTS) {
          const contact = engine.agentStatus(agentId).contacts[0];
          if (contact?.state === 'wrapUp') {
            await t.h.ok(t.admin, 'POST', `/api/v1/agents/${agentId}/end-wrap-up`, {
              contactId: contact.contactId,
            });
          }
        }
      }
      expect(t.h.server.context.dialer.figures(t.admin.tenantId, 'winter')).toBeUndefined();
      await t.idle();
      const { store } = t.h;
      const tenantId = t.admin.tenantId;
      const leads = await store.listLeads(tenantId, 'winter', { limit: 1000 });
      expect(leads).toHaveLength(40);
      const callIds = new Set<string>();
      let dispositions = 0;
      let placed = 0;
      for (const lead of leads) {
        // Nothing left on a call; every attempt counted on its lead.
        expect(['dialing', 'connected']).not.toContain(lead.state);
        const attempts = await store.leadAttempts(tenantId, lead.id);
        expect(attempts).toHaveLength(lead.attempts);
        for (const attempt of attempts) {
          expect(attempt.callId).toBeDefined();
          expect(callIds.has(attempt.callId ?? '')).toBe(false);
          callIds.add(attempt.callId ?? '');
          if (attempt.outcome === 'answered') expect(attempt.agentId).toBeDefined();
          if (attempt.dispositionId !== undefined) dispositions++;
        }
        placed += attempts.length;
      }
      expect(dispositions).toBe(coded);
      expect(placed).toBeGreaterThan(10);
      // The engine holds no contact of the campaign any more.
      const engine = await t.engine();
      expect(engine.inspect().contacts.filter((c) => c.id.startsWith('winter.'))).toEqual([]);
    },
  );
});
