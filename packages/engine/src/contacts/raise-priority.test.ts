import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/builders.ts';

describe('raisePriority: a supervisor moves a waiting contact up its line', () => {
  it('serves the raised contact first, and keeps age order among equals', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' }, false);
    h.arrive({ contactId: 'c1' });
    h.wait(1000);
    h.arrive({ contactId: 'c2' });
    h.wait(1000);
    h.arrive({ contactId: 'c3' });
    const events = h.do({ type: 'raisePriority', contactId: 'c3', by: 5 });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'contactPriorityRaised',
        contactId: 'c3',
        queueId: 'q1',
        by: 5,
        priority: 5,
      }),
    ]);
    expect(h.contact('c3')?.priority).toBe(5);
    // The queue's line by age is unchanged.
    expect(h.engine.inspect().queues[0]?.waiting).toEqual(['c1', 'c2', 'c3']);
    h.do({ type: 'login', agentId: 'a1' });
    expect(h.offeredTo('c3')).toBe('a1');
    expect(h.offeredTo('c1')).toBeUndefined();
  });

  it('lowers a contact below the others with a negative raise', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' }, false);
    h.arrive({ contactId: 'c1' });
    h.wait(1000);
    h.arrive({ contactId: 'c2' });
    h.do({ type: 'raisePriority', contactId: 'c1', by: -1 });
    h.do({ type: 'login', agentId: 'a1' });
    expect(h.offeredTo('c2')).toBe('a1');
  });

  it('keeps the raise across a transfer to another queue', () => {
    const h = new Harness();
    h.queue({ id: 'q2', skills: { ar: 1 } });
    h.queue({ skills: { ar: 1 } });
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'raisePriority', contactId: 'c1', by: 3 });
    h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(h.contact('c1')).toMatchObject({ queueId: 'q2', priority: 3 });
  });

  it('refuses a contact that is not waiting, and a raise out of range, changing nothing', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' }); // offered to a1 at once
    const ringing = h.attempt({ type: 'raisePriority', contactId: 'c1', by: 1 });
    expect(ringing.ok).toBe(false);
    h.do({ type: 'logout', agentId: 'a1' });
    for (const by of [0, 1.5, 1001, Number.NaN]) {
      const refused = h.attempt({ type: 'raisePriority', contactId: 'c1', by });
      // The engine's code for a bad value, as for requestCallback's time (HTTP 400).
      expect(refused.ok ? undefined : refused.error.code).toBe('InvalidConfig');
    }
    expect(h.contact('c1')?.priority).toBe(0);
    expect(h.attempt({ type: 'raisePriority', contactId: 'nobody', by: 1 }).ok).toBe(false);
  });
});
