import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../model/events.ts';
import { Harness, makeAgent, typesOf } from '../testing/builders.ts';

/** The agentStateChanged events of one agent as [from, to, reason?]. */
function transitions(h: Harness, agentId: string, events?: EngineEvent[]): string[][] {
  return h
    .of('agentStateChanged', events)
    .filter((e) => e.agentId === agentId)
    .map((e) => (e.reason === undefined ? [e.from, e.to] : [e.from, e.to, e.reason]));
}

describe('AGT1 shown state derived from what the agent holds', () => {
  it('[AGT1] a configured agent is loggedOut; login shows it available with its site', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1', siteId: 'fes' }, false);
    expect(h.engine.agentStatus('a1').state).toBe('loggedOut');
    const events = h.do({ type: 'login', agentId: 'a1' });
    expect(h.of('agentStateChanged', events)).toEqual([
      expect.objectContaining({ agentId: 'a1', siteId: 'fes', from: 'loggedOut', to: 'available' }),
    ]);
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'available', siteId: 'fes' });
  });

  it('[AGT1] one voice contact walks the agent through reserved, busy, wrapUp and back to available', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(h.engine.agentStatus('a1').state).toBe('reserved');
    h.answer('c1');
    expect(h.engine.agentStatus('a1').state).toBe('busy');
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.engine.agentStatus('a1').state).toBe('wrapUp');
    h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(h.engine.agentStatus('a1').state).toBe('available');
    h.do({ type: 'logout', agentId: 'a1' });
    expect(transitions(h, 'a1')).toEqual([
      ['loggedOut', 'available'],
      ['available', 'reserved'],
      ['reserved', 'busy'],
      ['busy', 'wrapUp'],
      ['wrapUp', 'available'],
      ['available', 'loggedOut'],
    ]);
  });

  it('[AGT1] busy while any contact is connected, wrapUp only when nothing but wrap-ups remain', () => {
    const h = new Harness();
    h.queue({ channel: 'chat', wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1', capacity: { chat: 2 } });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    expect(h.engine.agentStatus('a1').state).toBe('reserved');
    h.answer('c1');
    expect(h.engine.agentStatus('a1').state).toBe('busy'); // c1 connected, c2 ringing
    h.answer('c2');
    const endFirst = h.do({ type: 'end', contactId: 'c1' });
    expect(transitions(h, 'a1', endFirst)).toEqual([]); // still busy: c2 is connected
    expect(h.engine.agentStatus('a1').state).toBe('busy');
    h.do({ type: 'end', contactId: 'c2' });
    expect(h.engine.agentStatus('a1').state).toBe('wrapUp');
    h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(h.engine.agentStatus('a1').state).toBe('wrapUp');
    h.do({ type: 'endWrapUp', contactId: 'c2' });
    expect(h.engine.agentStatus('a1').state).toBe('available');
  });

  it('[AGT1] paused carries the pause reason; a change of reason is a change, with the new reason', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'lunch' });
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(transitions(h, 'a1')).toEqual([
      ['loggedOut', 'available'],
      ['available', 'paused', 'break'],
      ['paused', 'paused', 'lunch'],
      ['paused', 'available'],
    ]);
  });

  it('[AGT1] paused shows only when nothing is held: a pause requested while busy shows later', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'pause', agentId: 'a1', reason: 'training' });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'busy', pendingPause: 'training' });
    expect(h.engine.agentStatus('a1').pauseReason).toBeUndefined();
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'paused', pauseReason: 'training' });
    expect(transitions(h, 'a1').at(-1)).toEqual(['busy', 'paused', 'training']);
  });

  it('[AGT1] state events chain: each from is the previous to, the last to is the shown state', () => {
    const h = new Harness({ missedOffersBeforePause: 2 });
    h.queue({ offerTimeoutSeconds: 5, wrapUp: { mode: 'timed', seconds: 3 } });
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    for (let i = 0; i < 6; i++) h.arrive({ contactId: `c${i}` });
    h.answer('c0');
    h.wait(4_000);
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.do({ type: 'end', contactId: 'c0' });
    h.wait(30_000);
    h.do({ type: 'makeAvailable', agentId: 'a2' });
    h.wait(2_000);
    for (const id of ['a1', 'a2']) {
      const chain = h.of('agentStateChanged').filter((e) => e.agentId === id);
      expect(chain.length).toBeGreaterThan(2);
      for (let i = 1; i < chain.length; i++) expect(chain[i]?.from).toBe(chain[i - 1]?.to);
      expect(chain.at(-1)?.to).toBe(h.engine.agentStatus(id).state);
      for (const e of chain) if (e.to === 'paused') expect(e.reason).toBeTruthy();
    }
  });
});

describe('AGT2 when an agent can take a contact', () => {
  it('[AGT2] logged in, not paused, with a free slot: canTake lists the channels', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1', capacity: { voice: 1, chat: 2 } }, false);
    expect(h.engine.agentStatus('a1').canTake).toEqual([]);
    h.do({ type: 'login', agentId: 'a1' });
    expect(h.engine.agentStatus('a1').canTake.sort()).toEqual(['chat', 'voice']);
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    expect(h.engine.agentStatus('a1').canTake).toEqual([]);
  });

  it('[AGT2] a paused agent is not offered contacts, even when it is the only eligible one', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    expect(h.engine.whyWaiting('c1').reason).toBe('all-eligible-agents-occupied');
  });

  it('[AGT2] a pending pause blocks new offers even with a free slot', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1', capacity: { chat: 3 } });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    expect(h.engine.agentStatus('a1').canTake).toEqual([]);
    h.arrive({ contactId: 'c2' });
    expect(h.offeredTo('c2')).toBeUndefined();
  });

  it('[AGT2] a logged-out agent is never offered a contact', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' }, false);
    h.arrive({ contactId: 'c1' });
    expect(h.of('contactOffered')).toEqual([]);
    expect(h.engine.whyWaiting('c1').reason).toBe('no-eligible-agent-logged-in');
  });
});

describe('AGT3 login and logout', () => {
  it('[AGT3] login resets the daily counters: handled time and missed offers', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 5 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.wait(60_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.wait(5_000); // c2 times out once, then rings again
    expect(h.engine.agentStatus('a1')).toMatchObject({ handledMs: 60_000, missedOffers: 1 });
    h.do({ type: 'logout', agentId: 'a1' });
    const events = h.do({ type: 'login', agentId: 'a1' });
    expect(transitions(h, 'a1', events)[0]).toEqual(['loggedOut', 'available']);
    expect(h.engine.agentStatus('a1')).toMatchObject({ handledMs: 0, missedOffers: 0 });
  });

  it('[AGT3] logout is refused while a contact is connected, and while one is in wrap-up', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    const connected = h.attempt({ type: 'logout', agentId: 'a1' });
    expect(connected.ok ? undefined : connected.error.code).toBe('IllegalTransition');
    h.do({ type: 'end', contactId: 'c1' });
    const wrapping = h.attempt({ type: 'logout', agentId: 'a1' });
    expect(wrapping.ok ? undefined : wrapping.error.code).toBe('IllegalTransition');
    expect(h.engine.agentStatus('a1').state).toBe('wrapUp');
    h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(h.attempt({ type: 'logout', agentId: 'a1' }).ok).toBe(true);
  });

  it('[AGT3] logout withdraws ringing offers (offerRevoked "logout"); they go back in line at their place', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(3_000);
    h.arrive({ contactId: 'c2' });
    h.wait(3_000);
    const events = h.do({ type: 'logout', agentId: 'a1' });
    expect(h.of('offerRevoked', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'a1', reason: 'logout', ringMs: 6_000 }),
    ]);
    expect(h.of('contactQueued', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', reason: 'requeue', position: 1 }),
    ]);
    expect(h.contact('c1')).toMatchObject({ state: 'queued', enqueuedAtMs: 0 });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'loggedOut', contacts: [] });
    h.agent({ id: 'a2' });
    expect(h.offeredTo('c1')).toBe('a2'); // first in line, before c2
  });

  it('[AGT3] logout routes normally the contacts waiting for this agent by name', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.agent({ id: 'a2' });
    h.do({ type: 'pause', agentId: 'a2', reason: 'break' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    h.do({ type: 'makeAvailable', agentId: 'a2' });
    expect(h.offeredTo('c1')).toBeUndefined(); // waits for a1 (paused but logged in)
    const events = h.do({ type: 'logout', agentId: 'a1' });
    expect(h.of('preferredWaitEnded', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'a1' }),
    ]);
    expect(h.of('contactOffered', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'a2' }),
    ]);
  });

  it('[AGT3] a pause does not survive logout: the next login is available', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'lunch' });
    h.do({ type: 'logout', agentId: 'a1' });
    h.do({ type: 'login', agentId: 'a1' });
    expect(h.engine.agentStatus('a1').state).toBe('available');
    expect(h.engine.agentStatus('a1').pauseReason).toBeUndefined();
  });
});

describe('AGT4 pause', () => {
  it('[AGT4] pause needs a configured pause code', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    const result = h.attempt({ type: 'pause', agentId: 'a1', reason: 'siesta' });
    expect(result.ok ? undefined : result.error.code).toBe('UnknownPauseCode');
    expect(h.engine.agentStatus('a1').state).toBe('available');
  });

  it('[AGT4] an agent holding nothing is paused at once, without agentPauseRequested', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    const events = h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    expect(typesOf(events)).toEqual(['agentStateChanged']);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
  });

  it('[AGT4] while contacts are held the pause is pending and starts when the last one is done', () => {
    const h = new Harness();
    h.queue({ channel: 'chat', wrapUp: { mode: 'timed', seconds: 5 } });
    h.agent({ id: 'a1', capacity: { chat: 2 } });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.answer('c1');
    h.answer('c2');
    const events = h.do({ type: 'pause', agentId: 'a1', reason: 'lunch' });
    expect(typesOf(events)).toEqual(['agentPauseRequested']);
    expect(events[0]).toMatchObject({ agentId: 'a1', reason: 'lunch' });
    h.wait(10_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.wait(10_000); // c1's wrap-up ends at 15 s, c2 still connected
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'busy', pendingPause: 'lunch' });
    h.arrive({ contactId: 'c3' });
    expect(h.offeredTo('c3')).toBeUndefined(); // no new offers while the pause is pending
    h.do({ type: 'end', contactId: 'c2' }); // at 20 s, wrap-up until 25 s
    const later = h.wait(10_000);
    expect(h.of('agentStateChanged', later)).toEqual([
      expect.objectContaining({ from: 'wrapUp', to: 'paused', reason: 'lunch', atMs: 25_000 }),
    ]);
    expect(h.offeredTo('c3')).toBeUndefined();
  });

  it('[AGT4] a pause requested while an offer rings waits for that contact', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'reserved', pendingPause: 'break' });
    h.answer('c1');
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'paused', pauseReason: 'break' });
  });

  it('[AGT4] makeAvailable ends a pause; a waiting contact is offered at once', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1' });
    const events = h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(typesOf(events)).toEqual(['agentStateChanged', 'contactOffered', 'agentStateChanged']);
    expect(transitions(h, 'a1', events)).toEqual([
      ['paused', 'available'],
      ['available', 'reserved'],
    ]);
  });

  it('[AGT4] makeAvailable cancels a pending pause: after the contact the agent is available', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(h.engine.agentStatus('a1').pendingPause).toBeUndefined();
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.engine.agentStatus('a1').state).toBe('available');
    h.arrive({ contactId: 'c2' });
    expect(h.offeredTo('c2')).toBe('a1');
  });
});

describe('AGT5 offer timeout and decline', () => {
  it('[AGT5] an offer expires after 20 s by default; the contact is requeued (reason requeue)', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    const events = h.arrive({ contactId: 'c1' });
    expect(h.of('contactOffered', events)[0]).toMatchObject({ agentId: 'a1', expiresAtMs: 20_000 });
    expect(h.wait(19_999)).toEqual([]);
    const fired = h.wait(1);
    expect(h.of('offerRevoked', fired)).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        agentId: 'a1',
        reason: 'timeout',
        ringMs: 20_000,
      }),
    ]);
    expect(h.of('contactQueued', fired)).toEqual([
      expect.objectContaining({ contactId: 'c1', reason: 'requeue', position: 1, atMs: 20_000 }),
    ]);
    expect(h.offeredTo('c1')).toBe('a2');
  });

  it("[AGT5] the queue's offerTimeoutSeconds, else the engine option, sets the expiry", () => {
    const h = new Harness({ offerTimeoutSeconds: 12 });
    h.queue({ id: 'q1', offerTimeoutSeconds: 7 });
    h.queue({ id: 'q2' });
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1', queueId: 'q1' });
    h.arrive({ contactId: 'c2', queueId: 'q2' });
    const offers = h.of('contactOffered');
    expect(offers.map((e) => [e.contactId, e.expiresAtMs])).toEqual([
      ['c1', 7_000],
      ['c2', 12_000],
    ]);
    expect(h.engine.nextDeadline()).toBe(7_000);
  });

  it('[AGT5] a declined offer goes back in line at its original place, ahead of later contacts', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(1_000);
    h.arrive({ contactId: 'c2' });
    h.wait(4_000);
    const events = h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(typesOf(events).slice(0, 2)).toEqual(['offerRevoked', 'contactQueued']);
    expect(h.of('offerRevoked', events)[0]).toMatchObject({ reason: 'declined', ringMs: 5_000 });
    expect(h.of('contactQueued', events)[0]).toMatchObject({
      contactId: 'c1',
      reason: 'requeue',
      position: 1,
    });
    // a1 is free again and c1 is still first in line.
    expect(h.of('contactOffered', events).map((e) => e.contactId)).toEqual(['c1']);
    expect(h.contact('c1')?.enqueuedAtMs).toBe(0);
  });

  it('[AGT5] back in line with the same priority and step', () => {
    const h = new Harness();
    h.queue({ priority: 3, steps: [{ afterSeconds: 5, raisePriority: 10 }] });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1', priority: 2 });
    h.wait(6_000);
    expect(h.contact('c1')).toMatchObject({ step: 1, priority: 15 });
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(h.of('contactOffered').at(-1)?.decision.step).toBe(1);
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' }); // pending, so c1 is not re-offered
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(h.contact('c1')).toMatchObject({
      state: 'queued',
      step: 1,
      priority: 15,
      enqueuedAtMs: 0,
    });
  });

  it('[AGT5] after a decline or a timeout the agent goes to the back of the idle order', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.agent({ id: 'a3' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a1');
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a2');
    h.wait(10_000); // a2 times out
    expect(h.offeredTo('c1')).toBe('a3');
    h.do({ type: 'decline', agentId: 'a3', contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a1'); // a1 went back before a2 and a3
  });
  it('[AGT5] the agent goes to the back of the idle order at the time it declines, not at the offer', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 60 });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c0' });
    h.answer('c0'); // a2 busy
    h.agent({ id: 'a1', siteId: 'fes' });
    h.arrive({ contactId: 'c1' }); // rings at a1 from 0 s
    h.wait(5_000);
    h.do({ type: 'end', contactId: 'c0' }); // a2 free since 5 s
    h.wait(5_000);
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' }); // a1 free since 10 s
    expect(h.offeredTo('c1')).toBe('a2');
  });

  it('[AGT5] the same holds for a timeout', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c0' });
    h.answer('c0');
    h.agent({ id: 'a1', siteId: 'fes' });
    h.arrive({ contactId: 'c1' });
    h.wait(5_000);
    h.do({ type: 'end', contactId: 'c0' });
    h.wait(5_000); // a1 times out at 10 s
    expect(h.offeredTo('c1')).toBe('a2');
  });
});

describe('AGT6 missed offers pause the agent', () => {
  it('[AGT6] 3 consecutive timeouts by default pause the agent with reason missed-offers', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(20_000);
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'reserved', missedOffers: 2 });
    const fired = h.wait(10_000);
    expect(h.of('agentStateChanged', fired)).toEqual([
      expect.objectContaining({ from: 'reserved', to: 'paused', reason: 'missed-offers' }),
    ]);
    expect(h.of('agentStateChanged', fired)[0]?.atMs).toBe(30_000);
    expect(h.engine.agentStatus('a1')).toMatchObject({ pauseReason: 'missed-offers' });
    expect(h.contact('c1')?.state).toBe('queued');
  });

  it('[AGT6] missedOffersBeforePause sets N', () => {
    const h = new Harness({ missedOffersBeforePause: 1 });
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    expect(h.engine.agentStatus('a1').pauseReason).toBe('missed-offers');
  });

  it('[AGT6] accepting an offer resets the count', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(20_000);
    expect(h.engine.agentStatus('a1').missedOffers).toBe(2);
    h.answer('c1');
    expect(h.engine.agentStatus('a1').missedOffers).toBe(0);
    h.do({ type: 'end', contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.wait(20_000);
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'reserved', missedOffers: 2 });
  });

  it('[AGT6] declines do not count (and do not reset the count)', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(20_000);
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'reserved', missedOffers: 2 });
    h.wait(10_000);
    expect(h.engine.agentStatus('a1').pauseReason).toBe('missed-offers');
  });

  it('[AGT6] ending the pause resets the count', () => {
    const h = new Harness({ missedOffersBeforePause: 2 });
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(20_000);
    expect(h.engine.agentStatus('a1').pauseReason).toBe('missed-offers');
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(h.engine.agentStatus('a1').missedOffers).toBe(0);
    h.wait(10_000); // one more miss: not enough to pause again
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'reserved', missedOffers: 1 });
  });

  it('[AGT6] the count is kept per agent: each agent missing three offers is paused', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10 });
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1' }); // → a1
    h.arrive({ contactId: 'c2' }); // → a2
    h.wait(10_000); // both time out and ring again at the same agent
    h.wait(10_000);
    expect(h.engine.agentStatus('a1').missedOffers).toBe(2);
    h.wait(10_000);
    expect(h.engine.agentStatus('a1').pauseReason).toBe('missed-offers');
    expect(h.engine.agentStatus('a2').pauseReason).toBe('missed-offers');
  });
});

describe('AGT7 changing an agent takes effect at once', () => {
  it('[AGT7] new skills make the agent eligible for a waiting contact in the same command', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 3 } });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    const events = h.do({ type: 'setAgentSkills', agentId: 'a1', skills: { fr: 5, ar: 3 } });
    expect(typesOf(events).slice(0, 2)).toEqual(['agentSkillsChanged', 'contactOffered']);
    expect(h.of('contactOffered', events)[0]).toMatchObject({ contactId: 'c1', agentId: 'a1' });
  });

  it('[AGT7] losing a skill keeps the contact held, but no new contact of that queue is offered', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'setAgentSkills', agentId: 'a1', skills: { ar: 5 } });
    expect(h.engine.agentStatus('a1').contacts).toEqual([
      { contactId: 'c1', state: 'connected', channel: 'voice' },
    ]);
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.of('contactCompleted').map((e) => e.contactId)).toEqual(['c1']);
    h.arrive({ contactId: 'c2' });
    expect(h.offeredTo('c2')).toBeUndefined();
  });

  it('[AGT7] moving an agent to another site applies queue site restrictions and site counts at once', () => {
    const h = new Harness();
    h.queue({ sites: ['rabat'] });
    h.agent({ id: 'a1', siteId: 'fes' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    const events = h.do({
      type: 'configureAgent',
      agent: makeAgent({ id: 'a1', siteId: 'rabat' }),
    });
    expect(h.of('contactOffered', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'a1' }),
    ]);
    expect(h.engine.siteStatus('fes').agentsByState.reserved).toBe(0);
    expect(h.engine.siteStatus('rabat').agentsByState.reserved).toBe(1);
    expect(h.engine.agentStatus('a1').siteId).toBe('rabat');
  });

  it('[AGT7] more capacity gives a waiting contact at once; less capacity keeps what is held', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1', capacity: { chat: 1 } });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.arrive({ contactId: 'c2' });
    expect(h.offeredTo('c2')).toBeUndefined();
    const more = h.do({ type: 'setAgentCapacity', agentId: 'a1', capacity: { chat: 2 } });
    expect(typesOf(more).slice(0, 2)).toEqual(['agentCapacityChanged', 'contactOffered']);
    h.answer('c2');
    h.do({ type: 'setAgentCapacity', agentId: 'a1', capacity: { chat: 1 } });
    expect(h.engine.agentStatus('a1').contacts.map((c) => c.contactId)).toEqual(['c1', 'c2']);
    h.arrive({ contactId: 'c3' });
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.offeredTo('c3')).toBeUndefined(); // 1 held, capacity 1
    h.do({ type: 'end', contactId: 'c2' });
    expect(h.offeredTo('c3')).toBe('a1');
  });
});

describe('AGT8 auto-answer', () => {
  it('[AGT8] an auto-answer agent is connected in the same command, with no ringing', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1', autoAnswer: true });
    const events = h.arrive({ contactId: 'c1' });
    const types = events.map((e) => e.type);
    expect(types.indexOf('contactConnected')).toBe(types.indexOf('contactOffered') + 1);
    const connected = events.find((e) => e.type === 'contactConnected');
    expect(connected).toMatchObject({ contactId: 'c1', agentId: 'a1', ringMs: 0 });
    // Straight from available to busy: no reserved state shown.
    const states = h.of('agentStateChanged', events).map((e) => e.to);
    expect(states).toEqual(['busy']);
    expect(h.engine.inspect().contacts[0]).not.toHaveProperty('timerAtMs');
  });

  it('[AGT8] an agent without auto-answer still rings, and autoAnswer must be a boolean', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(h.engine.agentStatus('a1').state).toBe('reserved');
    const result = h.engine.apply(
      { type: 'configureAgent', agent: makeAgent({ id: 'a2', autoAnswer: 'yes' as never }) },
      h.nowMs,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidConfig');
      expect(result.error.message).toContain('agent.autoAnswer');
    }
  });
});
