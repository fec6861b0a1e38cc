import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/builders.ts';

describe('CAP1 slots per channel', () => {
  it('[CAP1] the default capacity is one voice slot, nothing else', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1' });
    expect(h.engine.agentStatus('a1').canTake).toEqual(['voice']);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    expect(h.engine.whyWaiting('c1').reason).toBe('no-eligible-agent-logged-in');
  });

  it('[CAP1] a callback takes the voice slot (seen without exclusivity)', () => {
    const h = new Harness();
    h.queue({ id: 'qv' });
    h.queue({ id: 'qcb', channel: 'callback' });
    h.agent({ id: 'a1', exclusiveVoice: false, capacity: { voice: 2 } });
    h.arrive({ contactId: 'v1', queueId: 'qv' });
    h.arrive({ contactId: 'cb1', queueId: 'qcb' });
    h.arrive({ contactId: 'cb2', queueId: 'qcb' });
    expect(h.engine.agentStatus('a1').contacts.map((c) => c.contactId)).toEqual(['cb1', 'v1']);
    expect(h.contact('cb2')?.state).toBe('queued');
  });

  it('[CAP1] a capacity naming callback is refused: callbacks take the voice slot', () => {
    const h = new Harness();
    const result = h.engine.apply(
      {
        type: 'configureAgent',
        agent: { id: 'x', siteId: 'rabat', skills: {}, capacity: { callback: 1 } as never },
      },
      0,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('callbacks take the voice slot');
  });

  it('[CAP1] an agent holds at most capacity[channel] contacts of that channel at once', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1', capacity: { chat: 3 } });
    for (const id of ['c1', 'c2', 'c3', 'c4']) h.arrive({ contactId: id });
    expect(h.of('contactOffered').map((e) => e.contactId)).toEqual(['c1', 'c2', 'c3']);
    expect(h.contact('c4')?.state).toBe('queued');
    expect(h.engine.agentStatus('a1').canTake).toEqual([]);
  });

  it('[CAP1] a ringing offer holds a slot until it is withdrawn', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1', capacity: { chat: 1 } });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    expect(h.offeredTo('c2')).toBeUndefined();
    const events = h.do({ type: 'abandon', contactId: 'c1' });
    expect(h.of('contactOffered', events)).toEqual([
      expect.objectContaining({ contactId: 'c2', agentId: 'a1' }),
    ]);
  });

  it('[CAP1] a declined offer frees its slot (and goes back in line first)', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1', capacity: { chat: 2 } });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.arrive({ contactId: 'c3' });
    expect(h.contact('c3')?.state).toBe('queued');
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    // One slot freed: c1 (first in line) takes it again, c3 still waits.
    expect(h.engine.agentStatus('a1').contacts.map((c) => c.contactId)).toEqual(['c1', 'c2']);
    expect(h.contact('c3')?.state).toBe('queued');
  });

  it('[CAP1] an answered contact keeps its slot through the conversation', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.arrive({ contactId: 'c2' });
    h.wait(60_000);
    expect(h.offeredTo('c2')).toBeUndefined();
  });

  it('[CAP1] a timed wrap-up holds the slot until it ends', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'timed', seconds: 10 } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.arrive({ contactId: 'c2' });
    h.wait(5_000);
    h.do({ type: 'end', contactId: 'c1' });
    expect(h.wait(9_999)).toEqual([]);
    const fired = h.wait(1);
    expect(h.of('contactCompleted', fired)[0]?.atMs).toBe(15_000);
    expect(h.of('contactOffered', fired)).toEqual([
      expect.objectContaining({ contactId: 'c2', agentId: 'a1', atMs: 15_000 }),
    ]);
  });

  it('[CAP1] a manual wrap-up holds the slot until endWrapUp', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.do({ type: 'end', contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.wait(3_600_000);
    expect(h.offeredTo('c2')).toBeUndefined();
    const events = h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(h.of('contactOffered', events).map((e) => e.contactId)).toEqual(['c2']);
  });

  it('[CAP1] a capacity of 0 on a channel means no contact of that channel', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1', capacity: { voice: 0, chat: 2 } });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    expect(h.engine.agentStatus('a1').canTake).toEqual(['chat']);
  });
});

describe('CAP2 voice and callback are exclusive by default', () => {
  const twoQueues = (h: Harness): void => {
    h.queue({ id: 'qv', channel: 'voice' });
    h.queue({ id: 'qc', channel: 'chat' });
    h.queue({ id: 'qcb', channel: 'callback' });
  };

  it('[CAP2] an agent holding a chat is not offered a voice contact until it holds nothing', () => {
    const h = new Harness();
    twoQueues(h);
    h.agent({ id: 'a1', capacity: { voice: 1, chat: 2 } });
    h.arrive({ contactId: 'chat1', queueId: 'qc' });
    h.answer('chat1');
    h.arrive({ contactId: 'v1', queueId: 'qv' });
    expect(h.offeredTo('v1')).toBeUndefined();
    expect(h.engine.agentStatus('a1').canTake).toEqual(['chat']);
    const events = h.do({ type: 'end', contactId: 'chat1' });
    expect(h.of('contactOffered', events).map((e) => e.contactId)).toEqual(['v1']);
  });

  it('[CAP2] an agent holding a voice contact (even ringing) is offered nothing else', () => {
    const h = new Harness();
    twoQueues(h);
    h.agent({ id: 'a1', capacity: { voice: 1, chat: 2, email: 1 } });
    h.arrive({ contactId: 'v1', queueId: 'qv' });
    expect(h.engine.agentStatus('a1').canTake).toEqual([]);
    h.arrive({ contactId: 'chat1', queueId: 'qc' });
    expect(h.offeredTo('chat1')).toBeUndefined();
    h.answer('v1');
    h.do({ type: 'end', contactId: 'v1' });
    expect(h.offeredTo('chat1')).toBe('a1');
  });

  it('[CAP2] a callback blocks like voice', () => {
    const h = new Harness();
    twoQueues(h);
    h.agent({ id: 'a1', capacity: { voice: 1, chat: 2 } });
    h.arrive({ contactId: 'cb1', queueId: 'qcb' });
    h.answer('cb1');
    h.arrive({ contactId: 'chat1', queueId: 'qc' });
    h.arrive({ contactId: 'v1', queueId: 'qv' });
    expect(h.offeredTo('chat1')).toBeUndefined();
    expect(h.offeredTo('v1')).toBeUndefined();
  });

  it('[CAP2] with exclusiveVoice false each channel only counts its own slots', () => {
    const h = new Harness();
    twoQueues(h);
    h.agent({ id: 'a1', capacity: { voice: 1, chat: 2 }, exclusiveVoice: false });
    h.arrive({ contactId: 'chat1', queueId: 'qc' });
    h.answer('chat1');
    h.arrive({ contactId: 'v1', queueId: 'qv' });
    expect(h.offeredTo('v1')).toBe('a1');
    h.answer('v1');
    h.arrive({ contactId: 'chat2', queueId: 'qc' });
    expect(h.offeredTo('chat2')).toBe('a1');
    h.arrive({ contactId: 'chat3', queueId: 'qc' });
    h.arrive({ contactId: 'v2', queueId: 'qv' });
    expect(h.offeredTo('chat3')).toBeUndefined(); // chat slots full
    expect(h.offeredTo('v2')).toBeUndefined(); // voice slot full
  });

  it('[CAP2] non-exclusive channels share an agent freely', () => {
    const h = new Harness();
    h.queue({ id: 'qc', channel: 'chat' });
    h.queue({ id: 'qe', channel: 'email' });
    h.agent({ id: 'a1', capacity: { chat: 1, email: 1 } });
    h.arrive({ contactId: 'chat1', queueId: 'qc' });
    h.arrive({ contactId: 'mail1', queueId: 'qe' });
    expect(h.engine.agentStatus('a1').contacts.map((c) => c.contactId)).toEqual(['chat1', 'mail1']);
  });
});
