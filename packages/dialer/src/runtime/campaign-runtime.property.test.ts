// Seeded fuzz of the runtime (RUN9) on a real engine: random call results, agents coming and
// going, dispositions and callbacks, on days around daylight-saving changes and French holidays.
// After every step: no dial the rule oracle refuses, no line over the maximum, no dial without an
// agent; at the end every placed call has exactly one outcome and the ledger matches a recount.
import type { EngineEvent } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import type { LeadHistory } from '../gate/types.ts';
import type { CallResult } from '../outcomes/outcomes.ts';
import { FRANCE, UNITED_KINGDOM } from '../packs/packs.ts';
import { at, makeCampaign, makeLead, makeSettings } from '../testing/builders.ts';
import { EngineHarness } from '../testing/engine-harness.ts';
import { oracle } from '../testing/rule-oracle.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { CampaignRuntime, CONNECT_GRACE_MS } from './campaign-runtime.ts';
import { TenantHistory } from './tenant-history.ts';
import type { HostAction, RuntimeEvent } from './types.ts';

const STARTS = [
  '2026-03-27T09:00:00+01:00', // Friday before the EU spring-forward
  '2026-10-23T09:00:00+02:00', // Friday before the EU fall-back
  '2026-04-03T09:00:00+02:00', // Good Friday (Alsace-Moselle), then Easter Monday
  '2026-05-13T09:00:00+02:00', // the eve of Ascension
  '2026-05-22T09:00:00+02:00', // Friday before Whit Monday
];
const RESULTS: readonly CallResult[] = [
  'person',
  'person',
  'answeringMachine',
  'noAnswer',
  'noAnswer',
  'busy',
  'wrongNumber',
  'failed',
];

interface Pending {
  atMs: number;
  run: () => void;
}

function fuzz(seed: number): void {
  const random = seededRandom(seed);
  const startMs = at(random.pick(STARTS));
  const uk = random.chance(0.3);
  const pack = uk ? { ...UNITED_KINGDOM, suppression: null } : FRANCE;
  const mode = random.pick(['preview', 'progressive', 'predictive'] as const);
  const leads = Array.from({ length: 60 }, (_, i) =>
    uk
      ? makeLead({
          id: `lead-${i}`,
          phoneE164: `+4477009${String(10_000 + i)}`,
          country: 'GB',
          timeZone: 'Europe/London',
          holidayRegion: { country: 'GB' },
        })
      : makeLead({
          id: `lead-${i}`,
          phoneE164: `+336${String(20_000_000 + i)}`,
          holidayRegion: { country: 'FR', subdivision: random.pick(['57', '75', '13']) },
        }),
  );
  const agentIds = Array.from({ length: random.int(1, 5) }, (_, i) => `agent-${i}`);
  const engine = new EngineHarness('outbound', agentIds, startMs);
  const history = new TenantHistory();
  // Another campaign of the same client already called some of the numbers.
  for (const lead of leads) {
    if (random.chance(0.2)) history.recordAttempt(lead.phoneE164, 'client-a', startMs - 86_400_000);
  }
  const settings = makeSettings({
    mode,
    pack,
    pacing: {
      abandonTarget: 0.03,
      maxLinesPerAgent: random.pick([1, 2, 3]),
      ringTimeoutSeconds: 25,
    },
    recycling: [
      { outcome: 'noAnswer', delayMinutes: random.int(0, 90), maxAttempts: 3 },
      { outcome: 'busy', delayMinutes: random.int(0, 30), maxAttempts: 5 },
    ],
    timeZone: uk ? 'Europe/London' : 'Europe/Paris',
  });
  const runtime = new CampaignRuntime(settings, leads, history, engine);
  const campaign = makeCampaign({ clientId: 'client-a' });
  const pending: Pending[] = [];
  const schedule = (atMs: number, run: () => void) => pending.push({ atMs, run });
  const events: RuntimeEvent[] = [];
  const answeredAt: number[] = [];
  const loggedIn = new Set<string>();
  let now = startMs;

  const check = (actions: readonly HostAction[], output: readonly RuntimeEvent[]) => {
    events.push(...output);
    const dials = actions.filter((a) => a.type === 'dial');
    if (dials.length > 0) {
      const agents = engine.agents('outbound');
      expect(agents.loggedIn).toBeGreaterThan(0);
      expect(runtime.linesInUse).toBeLessThanOrEqual(
        settings.pacing.maxLinesPerAgent * agents.loggedIn,
      );
    }
    for (const dial of dials) {
      const lead = leads.find((l) => l.id === dial.leadId);
      if (lead === undefined) throw new Error('dial of an unknown lead');
      // The history as it was before this dial: without the attempt it just recorded.
      const after = history.of(lead.phoneE164);
      const before: LeadHistory = { ...after, attempts: after.attempts.slice(0, -1) };
      expect([...oracle(lead, before, campaign, pack)(now)]).toEqual([]);
      handleDial(dial);
    }
  };
  const step = (output: { actions: HostAction[]; events: RuntimeEvent[] }) =>
    check(output.actions, output.events);
  const fromEngine = (engineEvents: readonly EngineEvent[]) =>
    step(runtime.observe(engineEvents, now));

  const handleDial = (dial: Extract<HostAction, { type: 'dial' }>) => {
    const result = random.pick(RESULTS);
    const ringMs = result === 'noAnswer' ? dial.ringTimeoutMs : random.int(1000, 20_000);
    schedule(now + ringMs, () => {
      step(runtime.callResult(dial.callId, result, now));
      if (result === 'person') answeredAt.push(now);
      if (result !== 'person') return;
      schedule(now + random.int(10_000, 400_000), () => {
        const held = agentIds.some((id) =>
          engine.engine.agentStatus(id).contacts.some((c) => c.contactId === dial.callId),
        );
        if (!held) return; // dropped: nobody to talk to
        fromEngine(engine.apply({ type: 'end', contactId: dial.callId }));
        const disposition = random.pick(['sale', 'no-thanks', 'never', 'later', 'none']);
        if (disposition === 'later') {
          const callbackAtMs = now + random.int(1, 48) * 3_600_000;
          step(
            runtime.dispose(dial.callId, 'later', now, {
              callbackAtMs,
              agentOwnsCallback: random.chance(0.5),
            }),
          );
        } else if (disposition !== 'none') {
          step(runtime.dispose(dial.callId, disposition, now));
        }
        schedule(now + random.int(0, 30_000), () =>
          fromEngine(engine.apply({ type: 'endWrapUp', contactId: dial.callId })),
        );
      });
    });
  };

  // Agents log in and out (after their contact) at random times over four days.
  for (const id of agentIds) {
    for (let k = 0; k < 10; k++) {
      schedule(startMs + random.int(0, 4 * 86_400_000), () => {
        const status = engine.engine.agentStatus(id);
        if (status.state === 'loggedOut') {
          fromEngine(engine.apply({ type: 'login', agentId: id }));
          loggedIn.add(id);
        } else if (status.state === 'available') {
          fromEngine(engine.apply({ type: 'logout', agentId: id }));
          loggedIn.delete(id);
        }
      });
    }
  }
  runtime.setState('running', now);
  const endMs = startMs + 4 * 86_400_000;
  for (let guard = 0; guard < 80_000; guard++) {
    pending.sort((x, y) => x.atMs - y.atMs);
    const tickAt = Math.min(runtime.nextDeadline(), now + 60_000);
    const next = pending[0];
    if (next !== undefined && next.atMs <= tickAt) {
      pending.shift();
      now = Math.max(now, next.atMs);
      engine.nowMs = now;
      fromEngine(engine.engine.advance(now));
      next.run();
    } else {
      if (now >= endMs && pending.length === 0) break;
      now = tickAt;
      engine.nowMs = now;
    }
    // After four days the campaign stops; the calls still out finish.
    if (now >= endMs && runtime.state === 'running') step(runtime.setState('stopped', now));
    step(runtime.tick(now));
  }
  expect(pending).toHaveLength(0);

  // Every placed call has exactly one outcome; the history holds every attempt.
  const placed = events.filter((e) => e.type === 'attemptPlaced');
  const outcomes = events.filter((e) => e.type === 'attemptOutcome');
  expect(placed.length).toBeGreaterThan(0);
  const outcomeCount = new Map<string, number>();
  for (const o of outcomes) outcomeCount.set(o.callId, (outcomeCount.get(o.callId) ?? 0) + 1);
  for (const p of placed) expect(outcomeCount.get(p.callId), p.callId).toBe(1);
  expect(outcomes).toHaveLength(placed.length);
  for (const lead of leads) {
    const tries = placed.filter((p) => p.leadId === lead.id).length;
    const recorded = history
      .of(lead.phoneE164)
      .attempts.filter((a) => a.atMs >= startMs && a.clientId === 'client-a').length;
    expect(recorded).toBe(tries);
  }
  // The ledger against a recount: every person answer, and the ones dropped.
  const drops = outcomes.filter((o) => o.outcome === 'abandoned');
  expect(runtime.ledger.sinceStart()).toMatchObject({
    answered: answeredAt.length,
    dropped: drops.length,
  });
  for (const drop of drops) {
    const answered = answeredAt.filter((t) => t + CONNECT_GRACE_MS === drop.atMs);
    expect(answered.length).toBeGreaterThan(0);
  }
}

describe('CampaignRuntime under random days', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    '[RUN9] seed %i: gate never bypassed, lines capped, one outcome per call, ledger exact',
    (seed) => fuzz(seed),
  );
});
