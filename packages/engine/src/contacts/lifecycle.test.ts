import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../model/events.ts';
import { Harness, typesOf } from '../testing/builders.ts';

const TERMINAL = [
  'contactCompleted',
  'contactAbandoned',
  'contactCancelled',
  'contactExpired',
  'contactTransferredOut',
] as const;

const terminalEvents = (h: Harness, contactId: string): EngineEvent[] =>
  h.about(contactId).filter((e) => (TERMINAL as readonly string[]).includes(e.type));

describe('CON1 arrival', () => {
  it('[CON1] contactArrived carries queue, channel, priority, attributes, preferred agent, callback number and site', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' }, false);
    const events = h.arrive({
      contactId: 'c1',
      priority: 3,
      attributes: { language: 'fr', account: '42' },
      preferredAgentId: 'a1',
      callbackNumber: '+212600000001',
      siteId: 'fes',
    });
    expect(events[0]).toEqual({
      type: 'contactArrived',
      seq: expect.any(Number) as unknown,
      atMs: 0,
      contactId: 'c1',
      queueId: 'q1',
      channel: 'voice',
      priority: 3,
      attributes: { language: 'fr', account: '42' },
      preferredAgentId: 'a1',
      callbackNumber: '+212600000001',
      siteId: 'fes',
    });
  });

  it("[CON1] the channel defaults to the queue's and may be given", () => {
    const h = new Harness();
    h.queue({ channel: 'email' });
    h.agent({ id: 'mail', capacity: { email: 1 } });
    h.agent({ id: 'chat', capacity: { chat: 1 } });
    h.arrive({ contactId: 'e1' });
    h.arrive({ contactId: 'ch1', channel: 'chat' });
    expect(h.of('contactArrived').map((e) => e.channel)).toEqual(['email', 'chat']);
    expect(h.offeredTo('e1')).toBe('mail');
    expect(h.offeredTo('ch1')).toBe('chat');
  });

  it('[CON1] ids are unique among contacts in progress, and free again once a contact ended', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'end', contactId: 'c1' });
    const dup = h.attempt({ type: 'arrive', contact: { contactId: 'c1', queueId: 'q1' } });
    expect(dup.ok ? undefined : dup.error.code).toBe('DuplicateContact');
    h.do({ type: 'endWrapUp', contactId: 'c1' });
    const again = h.attempt({ type: 'arrive', contact: { contactId: 'c1', queueId: 'q1' } });
    expect(again.ok).toBe(true);
    expect(h.of('contactArrived').filter((e) => e.contactId === 'c1')).toHaveLength(2);
  });

  it('[CON1] attributes are copied: changing the caller object later changes nothing', () => {
    const h = new Harness();
    h.queue();
    const attributes = { tier: 'gold' };
    const events = h.arrive({ contactId: 'c1', attributes });
    attributes.tier = 'lead';
    expect(h.of('contactArrived', events)[0]?.attributes).toEqual({ tier: 'gold' });
  });
});

describe('CON2 exactly one terminal state and event', () => {
  const paths: { name: string; terminal: string; run: (h: Harness) => void }[] = [
    {
      name: 'completed',
      terminal: 'contactCompleted',
      run: (h) => {
        h.agent({ id: 'a1' });
        h.arrive({ contactId: 'c1' });
        h.answer('c1');
        h.do({ type: 'end', contactId: 'c1' });
      },
    },
    {
      name: 'abandoned',
      terminal: 'contactAbandoned',
      run: (h) => {
        h.arrive({ contactId: 'c1' });
        h.do({ type: 'abandon', contactId: 'c1' });
      },
    },
    {
      name: 'cancelled',
      terminal: 'contactCancelled',
      run: (h) => {
        h.arrive({ contactId: 'c1' });
        h.do({ type: 'cancel', contactId: 'c1', reason: 'duplicate' });
      },
    },
    {
      name: 'expired',
      terminal: 'contactExpired',
      run: (h) => {
        h.do({
          type: 'configureQueue',
          queue: { id: 'q1', clientId: 't', channel: 'voice', skills: {}, maxWaitSeconds: 5 },
        });
        h.arrive({ contactId: 'c1' });
        h.wait(5_000);
      },
    },
    {
      name: 'transferred out',
      terminal: 'contactTransferredOut',
      run: (h) => {
        h.agent({ id: 'a1' });
        h.arrive({ contactId: 'c1' });
        h.answer('c1');
        h.do({ type: 'transferOut', contactId: 'c1', destination: '+33100000000' });
      },
    },
  ];

  for (const { name, terminal, run } of paths) {
    it(`[CON2] ${name}: one ${terminal}, then the contact is gone`, () => {
      const h = new Harness();
      h.queue();
      run(h);
      h.wait(3_600_000);
      expect(terminalEvents(h, 'c1').map((e) => e.type)).toEqual([terminal]);
      expect(h.contact('c1')).toBeUndefined();
      for (const command of [
        { type: 'abandon', contactId: 'c1' },
        { type: 'cancel', contactId: 'c1' },
        { type: 'end', contactId: 'c1' },
      ] as const) {
        const result = h.attempt(command);
        expect(result.ok ? undefined : result.error.code).toBe('UnknownContact');
      }
      expect(h.engine.queueStatus('q1').waiting).toBe(0);
    });
  }

  it('[CON2] transfers, overflows and callbacks keep the same contact alive until one end', () => {
    const h = new Harness();
    h.queue({ id: 'q3' });
    h.queue({
      id: 'q2',
      skills: { ar: 1 },
      maxWaitSeconds: 10,
      overflow: { kind: 'queue', queueId: 'q3' },
    });
    h.queue({ id: 'q1' });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.wait(10_000); // overflows to q3
    h.do({ type: 'requestCallback', contactId: 'c1', number: '+212600000001' });
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    h.answer('c1');
    h.do({ type: 'end', contactId: 'c1' });
    const types = typesOf(h.about('c1'));
    for (const kept of ['contactTransferred', 'contactOverflowed', 'callbackRequested']) {
      expect(types).toContain(kept);
    }
    expect(types.filter((t) => t === 'contactArrived')).toHaveLength(1);
    expect(terminalEvents(h, 'c1').map((e) => e.type)).toEqual(['contactCompleted']);
    expect(types.at(-1)).toBe('contactCompleted');
  });
});

describe('CON3 entering a queue starts a new visit', () => {
  it('[CON3] arrival: contactQueued reason arrival with the position; priority = queue + contact priority; step 0', () => {
    const h = new Harness();
    h.queue({ priority: 10, skills: { ar: 1 } });
    h.arrive({ contactId: 'c1' });
    h.wait(1_000);
    const events = h.arrive({ contactId: 'c2', priority: -3 });
    expect(h.of('contactQueued', events)).toEqual([
      expect.objectContaining({ contactId: 'c2', queueId: 'q1', reason: 'arrival', position: 2 }),
    ]);
    expect(h.contact('c2')).toMatchObject({ priority: 7, step: 0, enqueuedAtMs: 1_000 });
    expect(h.contact('c1')?.priority).toBe(10);
  });

  it('[CON3] transfer: a new place at the current time, behind those already waiting, step and priority reset', () => {
    const h = new Harness();
    h.queue({ id: 'q2', priority: 1, skills: { ar: 1 } });
    h.queue({
      id: 'q1',
      priority: 8,
      skills: { ar: 1 },
      steps: [{ afterSeconds: 5, raisePriority: 2 }],
    });
    h.arrive({ contactId: 'c1', priority: 2 });
    h.wait(1_000);
    h.arrive({ contactId: 'w1', queueId: 'q2' });
    h.wait(9_000);
    expect(h.contact('c1')).toMatchObject({ step: 1, priority: 12 });
    const events = h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(h.of('contactQueued', events)).toEqual([
      expect.objectContaining({ queueId: 'q2', reason: 'transfer', position: 2 }),
    ]);
    expect(h.contact('c1')).toMatchObject({
      queueId: 'q2',
      enqueuedAtMs: 10_000,
      step: 0,
      priority: 3,
    });
    expect(h.engine.inspect().queues.find((q) => q.id === 'q2')?.waiting).toEqual(['w1', 'c1']);
  });

  it('[CON3] overflow and callback due say why they queued', () => {
    const h = new Harness();
    h.queue({ id: 'q2', skills: { ar: 1 } });
    h.queue({
      id: 'q1',
      skills: { ar: 1 },
      maxWaitSeconds: 5,
      overflow: { kind: 'queue', queueId: 'q2' },
    });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2', queueId: 'q2' });
    h.do({ type: 'requestCallback', contactId: 'c2', number: '+212600000002', atMs: 8_000 });
    h.wait(10_000);
    expect(h.of('contactQueued').map((e) => [e.contactId, e.reason, e.atMs, e.position])).toEqual([
      ['c1', 'arrival', 0, 1],
      ['c2', 'arrival', 0, 1],
      ['c1', 'overflow', 5_000, 1],
      ['c2', 'callback-due', 8_000, 2],
    ]);
    expect(h.contact('c2')).toMatchObject({ enqueuedAtMs: 8_000, step: 0, channel: 'callback' });
  });
});

describe('CON4 lifecycle', () => {
  it('[CON4] queued → offered → connected → wrapUp → completed', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'timed', seconds: 10 }, offerTimeoutSeconds: 15 });
    h.arrive({ contactId: 'c1' });
    expect(h.contact('c1')?.state).toBe('queued');
    h.wait(4_000);
    h.agent({ id: 'a1' });
    expect(h.contact('c1')).toMatchObject({ state: 'offered', agentId: 'a1' });
    h.wait(3_000);
    h.answer('c1');
    expect(h.contact('c1')).toMatchObject({ state: 'connected', agentId: 'a1' });
    h.wait(30_000);
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.contact('c1')?.state).toBe('wrapUp');
    h.wait(10_000);
    expect(h.contact('c1')).toBeUndefined();
    expect(typesOf(h.about('c1'))).toEqual([
      'contactArrived',
      'contactQueued',
      'contactOffered',
      'contactConnected',
      'contactEnded',
      'contactCompleted',
    ]);
  });

  it('[CON4] an offer names the agent and its expiry and carries the routing decision', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 15 });
    h.agent({ id: 'a1' });
    h.wait(2_000);
    const offer = h.of('contactOffered', h.arrive({ contactId: 'c1' }))[0];
    expect(offer).toMatchObject({
      contactId: 'c1',
      queueId: 'q1',
      agentId: 'a1',
      channel: 'voice',
      expiresAtMs: 17_000,
    });
    expect(offer?.decision).toMatchObject({ trigger: 'contact', rule: 'longest-idle', step: 0 });
  });

  it('[CON4] contactConnected reports the wait in queue (ringing included) and the ringing time', () => {
    const h = new Harness();
    h.queue();
    h.arrive({ contactId: 'c1' });
    h.wait(4_000);
    h.agent({ id: 'a1' });
    h.wait(3_000);
    const events = h.answer('c1');
    expect(h.of('contactConnected', events)[0]).toMatchObject({
      agentId: 'a1',
      channel: 'voice',
      waitMs: 7_000,
      ringMs: 3_000,
    });
  });
});

describe('CON5 end and wrap-up', () => {
  it('[CON5] end reports talk and hold time; a timed wrap-up completes at its end', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'timed', seconds: 30 } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.wait(10_000);
    h.do({ type: 'hold', contactId: 'c1' });
    h.wait(15_000);
    h.do({ type: 'retrieve', contactId: 'c1' });
    h.wait(15_000);
    const ended = h.do({ type: 'end', contactId: 'c1' });
    expect(typesOf(ended)).toEqual(['contactEnded', 'agentStateChanged']);
    expect(ended[0]).toMatchObject({
      agentId: 'a1',
      talkMs: 25_000,
      holdMs: 15_000,
      wrapUpUntilMs: 70_000,
    });
    expect(h.engine.nextDeadline()).toBe(70_000);
    const fired = h.wait(30_000);
    expect(h.of('contactCompleted', fired)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'a1', wrapMs: 30_000, atMs: 70_000 }),
    ]);
  });

  it('[CON5] a wrap-up of 0 s (the default) completes at once', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.wait(5_000);
    const events = h.do({ type: 'end', contactId: 'c1' });
    expect(typesOf(events)).toEqual(['contactEnded', 'contactCompleted', 'agentStateChanged']);
    expect(events[0]).toMatchObject({ wrapUpUntilMs: 5_000 });
    expect(events[1]).toMatchObject({ wrapMs: 0 });
    expect(h.engine.agentStatus('a1').state).toBe('available');
  });

  it('[CON5] a manual wrap-up lasts until endWrapUp and sets no timer', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    const ended = h.do({ type: 'end', contactId: 'c1' });
    expect(ended[0]).not.toHaveProperty('wrapUpUntilMs');
    expect(h.engine.nextDeadline()).toBeUndefined();
    h.wait(3_600_000);
    expect(h.contact('c1')?.state).toBe('wrapUp');
    const events = h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(h.of('contactCompleted', events)[0]).toMatchObject({ wrapMs: 3_600_000 });
  });

  it('[CON5] a disposition can be set while connected and in wrap-up; the last one is reported', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    const first = h.do({ type: 'setDisposition', contactId: 'c1', dispositionId: 'no-sale' });
    expect(first).toEqual([
      expect.objectContaining({ type: 'dispositionSet', agentId: 'a1', dispositionId: 'no-sale' }),
    ]);
    h.do({ type: 'end', contactId: 'c1' });
    h.do({ type: 'setDisposition', contactId: 'c1', dispositionId: 'sale' });
    const done = h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(h.of('contactCompleted', done)[0]?.dispositionId).toBe('sale');
  });

  it('[CON5] without a disposition the completion carries none', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    const events = h.do({ type: 'end', contactId: 'c1' });
    expect(h.of('contactCompleted', events)[0]).not.toHaveProperty('dispositionId');
  });

  it('[CON5] a disposition cannot be set before the contact is connected', () => {
    const h = new Harness();
    h.queue();
    h.arrive({ contactId: 'c1' });
    const result = h.attempt({ type: 'setDisposition', contactId: 'c1', dispositionId: 'sale' });
    expect(result.ok ? undefined : result.error.code).toBe('IllegalTransition');
  });
});

describe('CON6 abandon, cancel, hold and retrieve', () => {
  it('[CON6] a waiting contact abandons with its wait and position', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 } });
    h.arrive({ contactId: 'c1' });
    h.wait(1_000);
    h.arrive({ contactId: 'c2' });
    h.wait(1_000);
    h.arrive({ contactId: 'c3' });
    h.wait(8_000);
    const events = h.do({ type: 'abandon', contactId: 'c2' });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'contactAbandoned',
        contactId: 'c2',
        queueId: 'q1',
        waitMs: 9_000,
        position: 2,
      }),
    ]);
    expect(events[0]).not.toHaveProperty('agentId');
    expect(h.engine.queueStatus('q1').waiting).toBe(2);
  });

  it('[CON6] a ringing contact abandons: the offer is revoked and the agent freed', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(4_000);
    const events = h.do({ type: 'abandon', contactId: 'c1' });
    expect(typesOf(events)).toEqual(['offerRevoked', 'agentStateChanged', 'contactAbandoned']);
    expect(events[0]).toMatchObject({ reason: 'abandoned', agentId: 'a1', ringMs: 4_000 });
    expect(events[2]).toMatchObject({ contactId: 'c1', waitMs: 4_000, agentId: 'a1' });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'available', missedOffers: 0 });
  });

  it('[CON6] a contact waiting for its preferred agent can abandon', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    h.wait(2_000);
    const events = h.do({ type: 'abandon', contactId: 'c1' });
    expect(h.of('contactAbandoned', events)[0]).toMatchObject({ waitMs: 2_000, position: 1 });
    expect(h.engine.nextDeadline()).toBeUndefined();
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(h.of('contactOffered')).toEqual([]);
  });

  it('[CON6] the system cancels a waiting or ringing contact, with a reason', () => {
    const h = new Harness();
    h.queue();
    h.arrive({ contactId: 'waiting' });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'w2' });
    const ringingCancel = h.do({ type: 'cancel', contactId: 'waiting', reason: 'fraud' });
    expect(typesOf(ringingCancel).slice(0, 2)).toEqual(['offerRevoked', 'agentStateChanged']);
    expect(ringingCancel[0]).toMatchObject({ reason: 'cancelled' });
    expect(h.of('contactCancelled', ringingCancel)).toEqual([
      expect.objectContaining({ contactId: 'waiting', queueId: 'q1', reason: 'fraud' }),
    ]);
    expect(h.offeredTo('w2')).toBe('a1'); // the freed agent takes the next one
    h.arrive({ contactId: 'c3' });
    const queuedCancel = h.do({ type: 'cancel', contactId: 'c3' });
    expect(queuedCancel).toEqual([
      expect.objectContaining({ type: 'contactCancelled', reason: 'cancelled' }),
    ]);
    expect(h.of('contactAbandoned')).toEqual([]);
  });

  it('[CON6] hold and retrieve apply to connected contacts; hold time is kept apart from talk time', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.wait(5_000);
    expect(h.do({ type: 'hold', contactId: 'c1' })).toEqual([
      expect.objectContaining({ type: 'contactHeld', contactId: 'c1', agentId: 'a1' }),
    ]);
    h.wait(7_000);
    expect(h.do({ type: 'retrieve', contactId: 'c1' })).toEqual([
      expect.objectContaining({ type: 'contactRetrieved', agentId: 'a1', holdMs: 7_000 }),
    ]);
    h.wait(3_000);
    h.do({ type: 'hold', contactId: 'c1' });
    h.wait(4_000);
    // Ending while on hold closes the hold.
    const ended = h.do({ type: 'end', contactId: 'c1' });
    expect(ended[0]).toMatchObject({ type: 'contactEnded', talkMs: 8_000, holdMs: 11_000 });
  });

  it('[CON6] a connected contact cannot be abandoned or cancelled; a queued one cannot be held', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.arrive({ contactId: 'c2' });
    for (const command of [
      { type: 'abandon', contactId: 'c1' },
      { type: 'cancel', contactId: 'c1' },
      { type: 'hold', contactId: 'c2' },
      { type: 'retrieve', contactId: 'c2' },
    ] as const) {
      const result = h.attempt(command);
      expect(result.ok ? undefined : result.error.code).toBe('IllegalTransition');
    }
  });
});
