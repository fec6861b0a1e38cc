import { describe, expect, it } from 'vitest';
import { Harness, typesOf } from '../testing/builders.ts';

/** Nobody can serve queues requiring `ar` in these tests unless an agent says so. */
const NOBODY = { skills: { ar: 1 } };

describe('QUE2 maximum queue size', () => {
  it('[QUE2] a full queue overflows the newcomer at once (queue-full; default disconnect)', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, maxSize: 2 });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.wait(3_000);
    const events = h.arrive({ contactId: 'c3' });
    expect(typesOf(events)).toEqual(['contactArrived', 'contactExpired']);
    expect(events[1]).toMatchObject({
      contactId: 'c3',
      queueId: 'q1',
      reason: 'queue-full',
      action: 'disconnect',
      waitMs: 0,
    });
    expect(h.contact('c3')).toBeUndefined();
    expect(h.engine.queueStatus('q1').waiting).toBe(2);
  });

  it('[QUE2] ringing contacts do not count as waiting', () => {
    const h = new Harness();
    h.queue({ maxSize: 1 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' }); // ringing at a1
    h.arrive({ contactId: 'c2' }); // 0 waiting < 1: admitted
    expect(h.contact('c2')?.state).toBe('queued');
    h.arrive({ contactId: 'c3' }); // 1 waiting: full
    expect(h.of('contactExpired').map((e) => e.contactId)).toEqual(['c3']);
  });

  it('[QUE2] with an overflow queue the newcomer is moved there (contactOverflowed queue-full)', () => {
    const h = new Harness();
    h.queue({ id: 'q2', ...NOBODY });
    h.queue({ ...NOBODY, maxSize: 1, overflow: { kind: 'queue', queueId: 'q2' } });
    h.arrive({ contactId: 'c1' });
    const events = h.arrive({ contactId: 'c2' });
    expect(typesOf(events)).toEqual(['contactArrived', 'contactOverflowed', 'contactQueued']);
    expect(events[1]).toMatchObject({ fromQueueId: 'q1', toQueueId: 'q2', reason: 'queue-full' });
    expect(h.contact('c2')).toMatchObject({ queueId: 'q2', state: 'queued' });
  });

  it('[QUE2] room frees up as contacts leave', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, maxSize: 1 });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'abandon', contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    expect(h.contact('c2')?.state).toBe('queued');
  });

  it('[QUE2] maxSize 0 admits nobody', () => {
    const h = new Harness();
    h.queue({ maxSize: 0 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(h.of('contactExpired')[0]).toMatchObject({ contactId: 'c1', reason: 'queue-full' });
  });

  it('[QUE2] a transfer into a full queue overflows too', () => {
    const h = new Harness();
    h.queue({ id: 'q2', ...NOBODY, maxSize: 1 });
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'x', queueId: 'q2' });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(h.of('contactExpired')[0]).toMatchObject({ contactId: 'c1', reason: 'queue-full' });
  });
});

describe('OVF1 maximum wait and overflow actions', () => {
  it('[OVF1] disconnect (default): contactExpired max-wait when maxWaitSeconds is reached', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, maxWaitSeconds: 30 });
    h.arrive({ contactId: 'c1' });
    expect(h.wait(29_999)).toEqual([]);
    const fired = h.wait(1);
    expect(fired).toEqual([
      expect.objectContaining({
        type: 'contactExpired',
        contactId: 'c1',
        reason: 'max-wait',
        action: 'disconnect',
        waitMs: 30_000,
        atMs: 30_000,
      }),
    ]);
    expect(h.contact('c1')).toBeUndefined();
  });

  it('[OVF1] queue: the contact moves (not terminal) and starts a new visit there', () => {
    const h = new Harness();
    h.queue({ id: 'q2', maxWaitSeconds: 20 });
    h.queue({ ...NOBODY, maxWaitSeconds: 30, overflow: { kind: 'queue', queueId: 'q2' } });
    h.arrive({ contactId: 'c1' });
    const fired = h.wait(30_000);
    expect(typesOf(fired)).toEqual(['contactOverflowed', 'contactQueued']);
    expect(fired[0]).toMatchObject({
      fromQueueId: 'q1',
      toQueueId: 'q2',
      reason: 'max-wait',
      waitMs: 30_000,
    });
    expect(h.contact('c1')).toMatchObject({ queueId: 'q2', enqueuedAtMs: 30_000 });
    // q2's own maximum wait runs from the move.
    expect(h.engine.nextDeadline()).toBe(50_000);
    h.agent({ id: 'a1' });
    h.answer('c1');
    expect(h.of('contactExpired')).toEqual([]);
  });

  it('[OVF1] callback with a number: the contact becomes a callback that keeps its place', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, maxWaitSeconds: 30, overflow: { kind: 'callback' } });
    h.arrive({ contactId: 'c1', callbackNumber: '+212600000001' });
    h.wait(10_000);
    h.arrive({ contactId: 'c2' });
    const fired = h.wait(20_000);
    expect(h.of('callbackRequested', fired)).toEqual([
      expect.objectContaining({ contactId: 'c1', number: '+212600000001', waitMs: 30_000 }),
    ]);
    expect(h.of('callbackRequested', fired)[0]).not.toHaveProperty('dueAtMs');
    expect(h.contact('c1')).toMatchObject({
      channel: 'callback',
      enqueuedAtMs: 0,
      state: 'queued',
    });
    expect(h.engine.inspect().queues[0]?.waiting).toEqual(['c1', 'c2']);
    expect(h.of('contactExpired', fired)).toEqual([]);
    h.agent({ id: 'a1', skills: { ar: 1 } });
    expect(h.of('contactOffered')[0]).toMatchObject({ contactId: 'c1', channel: 'callback' });
  });

  it('[OVF1] callback without a number cannot be called back: the contact ends expired', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, maxWaitSeconds: 30, overflow: { kind: 'callback' } });
    h.arrive({ contactId: 'c1' });
    h.wait(30_000);
    expect(h.of('contactExpired')).toEqual([
      expect.objectContaining({ contactId: 'c1', reason: 'max-wait' }),
    ]);
    expect(h.contact('c1')).toBeUndefined();
  });

  it('[OVF1] voicemail: the contact ends (action voicemail) and a task <id>#voicemail joins the voicemail queue', () => {
    const h = new Harness();
    h.queue({ id: 'vm', channel: 'task' });
    h.queue({ ...NOBODY, maxWaitSeconds: 30, overflow: { kind: 'voicemail', queueId: 'vm' } });
    h.agent({ id: 'backoffice', capacity: { task: 5 } });
    h.arrive({ contactId: 'c1', priority: 2, callbackNumber: '+212600000001', siteId: 'fes' });
    const fired = h.wait(30_000);
    expect(typesOf(fired).slice(0, 3)).toEqual([
      'contactExpired',
      'contactArrived',
      'contactQueued',
    ]);
    expect(fired[0]).toMatchObject({ contactId: 'c1', action: 'voicemail', reason: 'max-wait' });
    expect(fired[1]).toMatchObject({
      contactId: 'c1#voicemail',
      queueId: 'vm',
      channel: 'task',
      parentId: 'c1',
      priority: 2,
      callbackNumber: '+212600000001',
    });
    expect(h.contact('c1')).toBeUndefined();
    expect(h.offeredTo('c1#voicemail')).toBe('backoffice');
  });

  it('[OVF1] a contact waiting for its preferred agent still expires at its maximum wait', () => {
    const h = new Harness();
    h.queue({ maxWaitSeconds: 10, preferredAgentWaitSeconds: 60 });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    const fired = h.wait(10_000);
    expect(h.of('contactExpired', fired)).toEqual([
      expect.objectContaining({ contactId: 'c1', atMs: 10_000 }),
    ]);
  });
});

describe('OVF4 overflow cycles end', () => {
  it('[OVF4] a max-wait overflow cycle moves the contact through at most 8 queues, then it expires', () => {
    const h = new Harness();
    h.queue({ id: 'q2', ...NOBODY });
    h.queue({
      id: 'q1',
      ...NOBODY,
      maxWaitSeconds: 10,
      overflow: { kind: 'queue', queueId: 'q2' },
    });
    h.queue({
      id: 'q2',
      ...NOBODY,
      maxWaitSeconds: 10,
      overflow: { kind: 'queue', queueId: 'q1' },
    });
    h.arrive({ contactId: 'c1' });
    h.wait(3_600_000);
    const moves = h.of('contactOverflowed');
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.length).toBeLessThanOrEqual(8);
    expect(h.of('contactExpired')).toHaveLength(1);
    expect(h.contact('c1')).toBeUndefined();
    expect(h.engine.nextDeadline()).toBeUndefined();
  });

  it('[OVF4] a queue-full cycle ends at arrival', () => {
    const h = new Harness();
    h.queue({ id: 'q2' });
    h.queue({ id: 'q1', maxSize: 0, overflow: { kind: 'queue', queueId: 'q2' } });
    h.queue({ id: 'q2', maxSize: 0, overflow: { kind: 'queue', queueId: 'q1' } });
    const events = h.arrive({ contactId: 'c1' });
    expect(h.of('contactOverflowed', events).length).toBeLessThanOrEqual(8);
    expect(h.of('contactExpired', events)).toHaveLength(1);
    expect(h.contact('c1')).toBeUndefined();
  });

  it('[OVF4] a cycle of step moves (moveToQueue) ends too', () => {
    const h = new Harness();
    h.queue({ id: 'q2', ...NOBODY });
    h.queue({ id: 'q1', ...NOBODY, steps: [{ afterSeconds: 10, moveToQueue: 'q2' }] });
    h.queue({ id: 'q2', ...NOBODY, steps: [{ afterSeconds: 10, moveToQueue: 'q1' }] });
    h.arrive({ contactId: 'c1' });
    h.wait(3_600_000);
    expect(h.of('contactOverflowed').length).toBeLessThanOrEqual(8);
    expect(h.of('contactExpired')).toHaveLength(1);
    expect(h.contact('c1')).toBeUndefined();
  });
});

describe('CBK1 callbacks', () => {
  it('[CBK1] without a time the contact keeps its virtual place as a callback contact', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    h.wait(5_000);
    h.arrive({ contactId: 'c2' });
    h.wait(5_000);
    const events = h.do({ type: 'requestCallback', contactId: 'c1', number: '+212600000001' });
    expect(h.of('callbackRequested', events)).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        queueId: 'q1',
        number: '+212600000001',
        waitMs: 10_000,
      }),
    ]);
    expect(h.contact('c1')).toMatchObject({
      channel: 'callback',
      enqueuedAtMs: 0,
      state: 'queued',
    });
    expect(h.engine.inspect().queues[0]?.waiting).toEqual(['c1', 'c2']);
    h.agent({ id: 'a1', skills: { ar: 1 } });
    expect(h.of('contactOffered')[0]).toMatchObject({ contactId: 'c1', channel: 'callback' });
  });

  it('[CBK1] with atMs the contact leaves the line and joins again when due (new place, step 0)', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, steps: [{ afterSeconds: 5, raisePriority: 3 }] });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    h.arrive({ contactId: 'c2' });
    const events = h.do({
      type: 'requestCallback',
      contactId: 'c1',
      number: '+212600000001',
      atMs: 100_000,
    });
    expect(h.of('callbackRequested', events)[0]).toMatchObject({
      dueAtMs: 100_000,
      waitMs: 10_000,
    });
    expect(h.contact('c1')).toMatchObject({ state: 'scheduled', channel: 'callback' });
    expect(h.engine.queueStatus('q1').waiting).toBe(1);
    expect(h.engine.nextDeadline()).toBe(15_000); // c2's step
    h.waitUntil(99_999);
    expect(h.contact('c1')?.state).toBe('scheduled');
    const fired = h.wait(1);
    expect(h.of('contactQueued', fired)).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        reason: 'callback-due',
        position: 2,
        atMs: 100_000,
      }),
    ]);
    expect(h.contact('c1')).toMatchObject({ enqueuedAtMs: 100_000, step: 0, priority: 0 });
    expect(h.engine.inspect().queues[0]?.waiting).toEqual(['c2', 'c1']);
  });

  it('[CBK1] a callback is not an abandon', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    h.wait(30_000);
    h.do({ type: 'requestCallback', contactId: 'c1', number: '+212600000001' });
    h.arrive({ contactId: 'c2' });
    h.do({ type: 'requestCallback', contactId: 'c2', number: '+212600000002', atMs: 60_000 });
    expect(h.of('contactAbandoned')).toEqual([]);
    expect(h.engine.queueStatus('q1').serviceLevelSample).toBe(0);
  });

  it('[CBK1] only a waiting voice contact may ask; the time must be in the future', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, id: 'qc', channel: 'chat' });
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'chat', queueId: 'qc' });
    h.arrive({ contactId: 'voice' });
    h.wait(5_000);
    const chat = h.attempt({ type: 'requestCallback', contactId: 'chat', number: '+2126' });
    expect(chat.ok ? undefined : chat.error.code).toBe('IllegalTransition');
    const past = h.attempt({
      type: 'requestCallback',
      contactId: 'voice',
      number: '+2126',
      atMs: 5_000,
    });
    expect(past.ok ? undefined : past.error.code).toBe('InvalidConfig');
    expect(h.contact('voice')?.channel).toBe('voice');
  });
});

describe('CBK3 a callback arranged ahead', () => {
  it('[CBK3] arrives scheduled, is not offered to a free agent before its time, then is', () => {
    const h = new Harness();
    h.queue({});
    h.agent({ id: 'a1' });
    h.wait(1_000);
    const events = h.arrive({
      contactId: 'cb',
      callbackNumber: '+212600000009',
      callbackAtMs: 60_000,
      attributes: { customerId: 'C-9' },
    });
    expect(typesOf(events)).toEqual(['contactArrived', 'callbackRequested']);
    expect(events[1]).toMatchObject({ number: '+212600000009', dueAtMs: 60_000, waitMs: 0 });
    expect(h.contact('cb')).toMatchObject({ state: 'scheduled', channel: 'callback' });
    h.waitUntil(59_999);
    expect(h.of('contactOffered')).toEqual([]);
    h.wait(1);
    expect(h.of('contactOffered')).toEqual([
      expect.objectContaining({ contactId: 'cb', agentId: 'a1', channel: 'callback' }),
    ]);
  });

  it('[CBK3] needs a time after now, a number and a voice contact; nothing is kept otherwise', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.queue({ ...NOBODY, id: 'qc', channel: 'chat' });
    h.wait(5_000);
    const code = (result: ReturnType<Harness['attempt']>) =>
      result.ok ? undefined : result.error.code;
    const arrive = (contact: object) =>
      h.attempt({ type: 'arrive', contact: { contactId: 'x', queueId: 'q1', ...contact } });
    expect(code(arrive({ callbackNumber: '+2126', callbackAtMs: 5_000 }))).toBe('InvalidConfig');
    expect(code(arrive({ callbackAtMs: 9_000 }))).toBe('InvalidConfig');
    expect(code(arrive({ queueId: 'qc', callbackNumber: '+2126', callbackAtMs: 9_000 }))).toBe(
      'InvalidConfig',
    );
    expect(h.contact('x')).toBeUndefined();
  });
});

describe('CBK2 the customer of a callback is not on the line', () => {
  it('[CBK2] a callback cannot abandon; cancel it instead', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'requestCallback', contactId: 'c1', number: '+212600000001' });
    const abandon = h.attempt({ type: 'abandon', contactId: 'c1' });
    expect(abandon.ok ? undefined : abandon.error.code).toBe('IllegalTransition');
    expect(h.contact('c1')?.state).toBe('queued');
    const cancel = h.do({ type: 'cancel', contactId: 'c1', reason: 'customer-unreachable' });
    expect(cancel).toEqual([
      expect.objectContaining({ type: 'contactCancelled', reason: 'customer-unreachable' }),
    ]);
  });

  it('[CBK2] a ringing callback cannot abandon either', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'requestCallback', contactId: 'c1', number: '+212600000001' });
    h.agent({ id: 'a1', skills: { ar: 1 } });
    expect(h.contact('c1')?.state).toBe('offered');
    const abandon = h.attempt({ type: 'abandon', contactId: 'c1' });
    expect(abandon.ok ? undefined : abandon.error.code).toBe('IllegalTransition');
  });

  it('[CBK2] a scheduled callback can be cancelled, not abandoned', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'requestCallback', contactId: 'c1', number: '+2126', atMs: 60_000 });
    expect(h.attempt({ type: 'abandon', contactId: 'c1' }).ok).toBe(false);
    h.do({ type: 'cancel', contactId: 'c1' });
    expect(h.engine.nextDeadline()).toBeUndefined();
    h.wait(120_000);
    expect(h.of('contactQueued').filter((e) => e.reason === 'callback-due')).toEqual([]);
  });

  it('[CBK2] a callback has no maximum wait, in line or after it is due', () => {
    const h = new Harness();
    h.queue({ ...NOBODY, maxWaitSeconds: 30 });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.wait(5_000);
    h.do({ type: 'requestCallback', contactId: 'c1', number: '+2126' });
    h.do({ type: 'requestCallback', contactId: 'c2', number: '+2127', atMs: 10_000 });
    expect(h.contact('c1')).not.toHaveProperty('timerAtMs');
    h.wait(3_600_000);
    expect(h.of('contactExpired')).toEqual([]);
    expect(h.contact('c1')?.state).toBe('queued');
    expect(h.contact('c2')?.state).toBe('queued');
  });
});

describe('TRF1 transfers', () => {
  it('[TRF1] a waiting contact transferred to a queue starts a new visit there', () => {
    const h = new Harness();
    h.queue({ id: 'q2', ...NOBODY });
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    h.wait(7_000);
    const events = h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(typesOf(events)).toEqual(['contactTransferred', 'contactQueued']);
    expect(events[0]).toEqual(
      expect.objectContaining({ contactId: 'c1', fromQueueId: 'q1', toQueueId: 'q2' }),
    );
    expect(events[0]).not.toHaveProperty('byAgentId');
    expect(events[1]).toMatchObject({ queueId: 'q2', reason: 'transfer' });
    expect(h.contact('c1')).toMatchObject({ queueId: 'q2', enqueuedAtMs: 7_000 });
    expect(h.engine.queueStatus('q1').waiting).toBe(0);
  });

  it("[TRF1] from a conversation the agent's slot is freed at once; the event carries talk and hold time", () => {
    const h = new Harness();
    h.queue({ id: 'q2', ...NOBODY });
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.arrive({ contactId: 'next' });
    h.wait(20_000);
    h.do({ type: 'hold', contactId: 'c1' });
    h.wait(5_000);
    const events = h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(h.of('contactTransferred', events)[0]).toMatchObject({
      fromQueueId: 'q1',
      toQueueId: 'q2',
      byAgentId: 'a1',
      talkMs: 20_000,
      holdMs: 5_000,
    });
    expect(h.offeredTo('next')).toBe('a1'); // the slot is free in the same command
    expect(h.contact('c1')).toMatchObject({ queueId: 'q2', state: 'queued', enqueuedAtMs: 25_000 });
    expect(h.contact('c1')).not.toHaveProperty('agentId');
  });

  it('[TRF1] to an agent: a new visit in its queue, waiting for that agent as preferred agent', () => {
    const h = new Harness();
    h.queue({ preferredAgentWaitSeconds: 40 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.agent({ id: 'expert' });
    h.arrive({ contactId: 'busy' });
    h.answer('busy'); // expert is busy
    h.agent({ id: 'a3' });
    h.wait(10_000);
    const events = h.do({ type: 'transfer', contactId: 'c1', to: { agentId: 'expert' } });
    expect(h.of('contactTransferred', events)[0]).toMatchObject({
      fromQueueId: 'q1',
      toQueueId: 'q1',
      toAgentId: 'expert',
      byAgentId: 'a1',
    });
    expect(h.of('contactWaitingForAgent', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'expert', untilMs: 50_000 }),
    ]);
    expect(h.contact('c1')).toMatchObject({ state: 'waitingPreferred', enqueuedAtMs: 10_000 });
    expect(h.offeredTo('c1')).toBe('a1'); // not offered to a1 or a3 again
    h.wait(5_000);
    const done = h.do({ type: 'end', contactId: 'busy' });
    expect(h.of('contactOffered', done)[0]).toMatchObject({ contactId: 'c1', agentId: 'expert' });
  });

  it('[TRF1] to an agent who never frees up: after the preferred wait the contact is routed normally', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'expert' });
    h.do({ type: 'pause', agentId: 'expert', reason: 'training' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'transfer', contactId: 'c1', to: { agentId: 'expert' } });
    h.wait(30_000);
    expect(h.of('preferredWaitEnded')).toHaveLength(1);
    expect(h.offeredTo('c1')).toBe('a2');
  });

  it('[TRF1] to a logged-out agent: routed normally at once', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.agent({ id: 'gone', skills: { ar: 1 } }, false);
    h.arrive({ contactId: 'c1' });
    const events = h.do({ type: 'transfer', contactId: 'c1', to: { agentId: 'gone' } });
    expect(h.of('contactWaitingForAgent', events)).toEqual([]);
    expect(h.contact('c1')?.state).toBe('queued');
  });

  it('[TRF1] transferOut ends the contact (terminal transferredOut) and frees the agent', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.wait(12_000);
    const events = h.do({ type: 'transferOut', contactId: 'c1', destination: '+33100000000' });
    expect(h.of('contactTransferredOut', events)).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        queueId: 'q1',
        agentId: 'a1',
        destination: '+33100000000',
        talkMs: 12_000,
        holdMs: 0,
      }),
    ]);
    expect(h.contact('c1')).toBeUndefined();
    expect(h.engine.agentStatus('a1')).toMatchObject({ state: 'available', contacts: [] });
  });

  it('[TRF1] transferOut from the line carries no agent', () => {
    const h = new Harness();
    h.queue({ ...NOBODY });
    h.arrive({ contactId: 'c1' });
    const events = h.do({ type: 'transferOut', contactId: 'c1', destination: 'ivr-main' });
    expect(events).toHaveLength(1);
    expect(events[0]).not.toHaveProperty('agentId');
    expect(h.engine.queueStatus('q1').waiting).toBe(0);
  });

  it('[TRF1] a ringing contact or one in wrap-up cannot be transferred', () => {
    const h = new Harness();
    h.queue({ id: 'q2' });
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    const ringing = h.attempt({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(ringing.ok ? undefined : ringing.error.code).toBe('IllegalTransition');
    h.answer('c1');
    h.do({ type: 'end', contactId: 'c1' });
    const wrapping = h.attempt({ type: 'transferOut', contactId: 'c1', destination: 'x' });
    expect(wrapping.ok ? undefined : wrapping.error.code).toBe('IllegalTransition');
  });
});
