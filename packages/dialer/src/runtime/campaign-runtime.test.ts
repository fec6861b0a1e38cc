import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { UNITED_KINGDOM } from '../packs/packs.ts';
import { at, makeLead, makeLeads, makeSettings } from '../testing/builders.ts';
import { EngineHarness } from '../testing/engine-harness.ts';
import { CampaignRuntime } from './campaign-runtime.ts';
import { campaignFigures } from './campaign-stats.ts';
import { TenantHistory } from './tenant-history.ts';
import type { CampaignSettings, HostAction, RuntimeOutput } from './types.ts';

const OPEN = at('2026-12-01T10:30:00+01:00'); // a Tuesday, inside the French calling hours

function setUp(
  agents: number,
  settings: Partial<CampaignSettings> = {},
  leads = makeLeads(10),
  history = new TenantHistory(),
) {
  const ids = Array.from({ length: agents }, (_, i) => `agent-${i + 1}`);
  const engine = new EngineHarness('outbound', ids, OPEN - 60_000);
  for (const id of ids) engine.apply({ type: 'login', agentId: id });
  engine.nowMs = OPEN;
  const runtime = new CampaignRuntime(makeSettings(settings), leads, history, engine);
  runtime.setState('running', OPEN);
  return { engine, runtime, history };
}

const dials = (output: RuntimeOutput) =>
  output.actions.filter((a): a is Extract<HostAction, { type: 'dial' }> => a.type === 'dial');

describe('CampaignRuntime', () => {
  it('[RUN1] progressive places one call per available agent, new leads in list order', () => {
    const { runtime } = setUp(2);
    const placed = dials(runtime.tick(OPEN));
    expect(placed.map((d) => d.leadId)).toEqual(['lead-1', 'lead-2']);
    expect(placed[0]).toMatchObject({ callerId: '+33162000000', ringTimeoutMs: 25_000 });
    // Calls out count: nothing more until one resolves.
    expect(dials(runtime.tick(OPEN + 1000))).toEqual([]);
  });

  it('[RUN1] dials due callbacks first, then recycled leads whose delay passed, then new', () => {
    const { runtime } = setUp(1);
    const first = dials(runtime.tick(OPEN))[0];
    runtime.callResult(first?.callId ?? '', 'noAnswer', OPEN + 25_000); // lead-1 back in 60 min
    runtime.scheduleCallback('lead-5', OPEN + 30 * 60_000, null, OPEN + 25_000);
    const t1 = OPEN + 61 * 60_000;
    const order: string[] = [];
    let now = t1;
    for (let i = 0; i < 3; i++) {
      const dial = dials(runtime.tick(now))[0];
      order.push(dial?.leadId ?? 'none');
      now += 30_000;
      runtime.callResult(dial?.callId ?? '', 'busy', now);
    }
    expect(order).toEqual(['lead-5', 'lead-1', 'lead-2']);
  });

  it('[RUN2] asks the gate before every dial: closed hours dial nothing and say why', () => {
    const lunch = at('2026-12-01T13:10:00+01:00');
    const { runtime } = setUp(2);
    const output = runtime.tick(lunch);
    expect(dials(output)).toEqual([]);
    const blocked = output.events.filter((e) => e.type === 'leadBlocked');
    expect(blocked).toHaveLength(10);
    expect(blocked[0]).toMatchObject({
      reason: 'FR.hours',
      dialableAt: at('2026-12-01T14:00:00+01:00'),
    });
    expect(campaignFigures(runtime, lunch).blockedByReason).toEqual({ 'FR.hours': 10 });
    // At 14:00 the leads come back.
    expect(dials(runtime.tick(at('2026-12-01T14:00:00+01:00')))).toHaveLength(2);
  });

  it('[RUN2] counts attempts across the client’s campaigns (FR: 4 per 30 days)', () => {
    const history = new TenantHistory();
    const lead = makeLead({ id: 'lead-1', phoneE164: '+33611111111' });
    for (let day = 1; day <= 4; day++) {
      history.recordAttempt(lead.phoneE164, 'client-a', OPEN - day * 86_400_000);
    }
    const { runtime } = setUp(1, {}, [lead], history);
    const output = runtime.tick(OPEN);
    expect(dials(output)).toEqual([]);
    expect(output.events).toContainEqual(
      expect.objectContaining({ type: 'leadBlocked', reason: 'FR.attempts30d' }),
    );
    // Another client's attempts do not count.
    const other = new TenantHistory();
    for (let day = 1; day <= 4; day++) {
      other.recordAttempt(lead.phoneE164, 'client-b', OPEN - day * 86_400_000);
    }
    expect(dials(setUp(1, {}, [lead], other).runtime.tick(OPEN))).toHaveLength(1);
  });

  it('[RUN3] a person who answers becomes an engine contact and reaches a free agent at once', () => {
    const { runtime, engine } = setUp(1);
    const dial = dials(runtime.tick(OPEN))[0];
    const output = runtime.callResult(dial?.callId ?? '', 'person', OPEN + 8000);
    expect(output.events).toContainEqual(
      expect.objectContaining({ type: 'attemptOutcome', outcome: 'answered', agentId: 'agent-1' }),
    );
    const arrived = engine.seen.find((e) => e.type === 'contactArrived');
    expect(arrived).toMatchObject({
      channel: 'voice',
      queueId: 'outbound',
      attributes: { leadId: 'lead-1', campaignId: 'camp-1' },
    });
    expect(runtime.linesInUse).toBe(1);
  });

  it('[RUN3][RUN5] recycles by outcome: no answer after its delay, wrong number closes', () => {
    const { runtime } = setUp(2);
    const [a, b] = dials(runtime.tick(OPEN));
    const wrong = runtime.callResult(b?.callId ?? '', 'wrongNumber', OPEN + 3000);
    expect(wrong.events).toContainEqual(
      expect.objectContaining({ type: 'leadStateChanged', leadId: 'lead-2', to: 'done' }),
    );
    const noAnswer = runtime.callResult(a?.callId ?? '', 'noAnswer', OPEN + 25_000);
    expect(noAnswer.events).toContainEqual(
      expect.objectContaining({
        type: 'leadStateChanged',
        leadId: 'lead-1',
        to: 'scheduled',
        nextAt: OPEN + 25_000 + 3_600_000,
        because: 'noAnswer',
      }),
    );
  });

  it('[RUN4] a person not connected within 2 s is dropped and the number locked (UK)', () => {
    const uk = { ...UNITED_KINGDOM, suppression: null };
    const leads = [1, 2, 3].map((n) =>
      makeLead({
        id: `lead-${n}`,
        phoneE164: `+44770090000${n}`,
        country: 'GB',
        timeZone: 'Europe/London',
        holidayRegion: { country: 'GB' },
      }),
    );
    // Predictive with a window that allows a drop: two lines for one agent.
    const { runtime, engine, history } = setUp(
      1,
      {
        mode: 'predictive',
        pack: uk,
        priors: {
          humanAnswerRate: 0.05,
          machineShare: 0.1,
          ringToAnswerMs: 5000,
          talkMs: 60_000,
          wrapMs: 0,
        },
      },
      leads,
    );
    for (let i = 0; i < 100; i++) runtime.ledger.recordAnswer(OPEN - 3_600_000, false);
    const placed = dials(runtime.tick(OPEN));
    expect(placed.length).toBeGreaterThanOrEqual(2);
    runtime.callResult(placed[0]?.callId ?? '', 'person', OPEN + 4000);
    engine.nowMs = OPEN + 5000;
    runtime.callResult(placed[1]?.callId ?? '', 'person', OPEN + 5000);
    expect(runtime.nextDeadline()).toBe(OPEN + 7000);
    engine.nowMs = OPEN + 7000;
    const dropped = runtime.tick(OPEN + 7000);
    expect(dropped.actions).toContainEqual({
      type: 'playIdentification',
      callId: placed[1]?.callId,
      leadId: 'lead-2',
    });
    expect(dropped.events).toContainEqual(
      expect.objectContaining({ type: 'attemptOutcome', outcome: 'abandoned', leadId: 'lead-2' }),
    );
    expect(engine.seen).toContainEqual(
      expect.objectContaining({ type: 'contactAbandoned', contactId: placed[1]?.callId }),
    );
    expect(runtime.ledger.sinceStart()).toMatchObject({ answered: 102, dropped: 1 });
    expect(history.of('+447700900002').abandonsAtMs).toEqual([OPEN + 7000]);
  });

  it('[RUN5] a refusal is kept for the client: its other campaigns wait 60 days', () => {
    const history = new TenantHistory();
    const lead = makeLead({ id: 'lead-1', phoneE164: '+33622222222' });
    const { runtime, engine } = setUp(1, {}, [lead], history);
    const dial = dials(runtime.tick(OPEN))[0];
    runtime.callResult(dial?.callId ?? '', 'person', OPEN + 5000);
    engine.nowMs = OPEN + 65_000;
    runtime.observe(engine.apply({ type: 'end', contactId: dial?.callId ?? '' }), OPEN + 65_000);
    const output = runtime.dispose(dial?.callId ?? '', 'no-thanks', OPEN + 70_000);
    expect(output.events).toContainEqual(
      expect.objectContaining({ type: 'dispositionApplied', flag: 'refusal', agentId: 'agent-1' }),
    );
    expect(output.events).toContainEqual(
      expect.objectContaining({ type: 'leadStateChanged', to: 'done', because: 'refusal' }),
    );
    const other = setUp(1, { id: 'camp-2' }, [lead], history).runtime;
    expect(other.tick(OPEN + 86_400_000).events).toContainEqual(
      expect.objectContaining({ type: 'leadBlocked', reason: 'FR.refusal60d' }),
    );
  });

  it('[RUN5] a callback owned by an agent is offered to that agent, who then dials', () => {
    const { runtime, engine } = setUp(2);
    const dial = dials(runtime.tick(OPEN)).find((d) => d.leadId === 'lead-1');
    runtime.callResult(dial?.callId ?? '', 'person', OPEN + 5000);
    const agent = engine.seen.find((e) => e.type === 'contactConnected')?.agentId;
    engine.nowMs = OPEN + 60_000;
    runtime.observe(engine.apply({ type: 'end', contactId: dial?.callId ?? '' }), OPEN + 60_000);
    const due = OPEN + 3_600_000;
    runtime.dispose(dial?.callId ?? '', 'later', OPEN + 61_000, {
      callbackAtMs: due,
      agentOwnsCallback: true,
    });
    runtime.observe(
      engine.apply({ type: 'endWrapUp', contactId: dial?.callId ?? '' }),
      OPEN + 61_000,
    );
    engine.nowMs = due;
    const output = runtime.tick(due);
    const again = dials(output).find((d) => d.leadId === 'lead-1');
    expect(again).toMatchObject({ agentId: agent });
  });

  it('[RUN6] preview offers the lead to an agent first; the dial carries the agent', () => {
    const { runtime, engine } = setUp(1, { mode: 'preview' });
    const output = runtime.tick(OPEN);
    const arrived = engine.seen.find((e) => e.type === 'contactArrived');
    expect(arrived?.attributes).toMatchObject({ preview: 'true', leadId: 'lead-1' });
    expect(dials(output)).toEqual([
      expect.objectContaining({ leadId: 'lead-1', agentId: 'agent-1' }),
    ]);
    // No answer: the agent's contact ends and the agent is free for the next lead.
    runtime.callResult(dials(output)[0]?.callId ?? '', 'noAnswer', OPEN + 25_000);
    expect(engine.engine.agentStatus('agent-1').state).toBe('available');
  });

  it('[RUN7] stops dialing when no agent is logged in', () => {
    const { runtime, engine } = setUp(1);
    engine.apply({ type: 'logout', agentId: 'agent-1' });
    const output = runtime.tick(OPEN);
    expect(dials(output)).toEqual([]);
    expect(runtime.decision?.floor).toBe('no-agents');
  });

  it('[RUN8] reports the live figures in the CampaignStats shape', () => {
    const { runtime } = setUp(2);
    const [a, b] = dials(runtime.tick(OPEN));
    runtime.callResult(a?.callId ?? '', 'person', OPEN + 5000);
    runtime.callResult(b?.callId ?? '', 'answeringMachine', OPEN + 6000);
    const figures = campaignFigures(runtime, OPEN + 7000);
    expect(figures).toMatchObject({
      state: 'running',
      mode: 'progressive',
      linesInUse: 1,
      answerRate: 0.5,
      abandonRate: { window: 0, windowHours: 24, sinceStart: 0 },
    });
    expect(figures.today).toMatchObject({ placed: 2, answeredHuman: 1, answeringMachine: 1 });
    expect(figures.leadsByState).toMatchObject({ connected: 1, scheduled: 1, new: 8 });
  });

  it('[RUN9] refuses bad input with the field named, and loses nothing', () => {
    const { runtime } = setUp(1);
    const dial = dials(runtime.tick(OPEN))[0];
    expect(() => runtime.callResult('nope', 'person', OPEN)).toThrow(DialerInputError);
    expect(() => runtime.tick(OPEN - 1)).toThrow(/nowMs: went back/);
    runtime.callResult(dial?.callId ?? '', 'person', OPEN + 1000);
    expect(() => runtime.dispose(dial?.callId ?? '', 'bogus', OPEN + 2000)).toThrow(
      /dispositionId: "bogus" is not one of sale/,
    );
    expect(() => runtime.dispose(dial?.callId ?? '', 'later', OPEN + 2000)).toThrow(/callbackAtMs/);
    // The call is still there and takes a good disposition.
    expect(runtime.dispose(dial?.callId ?? '', 'sale', OPEN + 3000).events).toContainEqual(
      expect.objectContaining({ type: 'dispositionApplied', flag: 'success' }),
    );
    expect(() => runtime.scheduleCallback('ghost', OPEN, null, OPEN + 4000)).toThrow(/leadId/);
    const bad = makeSettings({
      pacing: { abandonTarget: 0.03, maxLinesPerAgent: 3, ringTimeoutSeconds: 10 },
    });
    expect(() => new CampaignRuntime(bad, [], new TenantHistory(), setUp(1).engine)).toThrow(
      /ringTimeoutSeconds/,
    );
    const rules = makeSettings({
      recycling: [
        { outcome: 'busy', delayMinutes: 5, maxAttempts: 2 },
        { outcome: 'busy', delayMinutes: 9, maxAttempts: 2 },
      ],
    });
    expect(() => new CampaignRuntime(rules, [], new TenantHistory(), setUp(1).engine)).toThrow(
      /recycling\[1\]\.outcome/,
    );
  });
});
