import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/builders.ts';

const timerOf = (h: Harness, contactId: string): number | undefined =>
  h.contact(contactId)?.timerAtMs;

describe('TMR1 one timer per contact, at its next deadline', () => {
  it('[TMR1] a queued contact has one timer: its next step or its maximum wait, whichever comes first', () => {
    const h = new Harness();
    h.queue({
      skills: { ar: 1 },
      maxWaitSeconds: 25,
      steps: [{ afterSeconds: 10 }, { afterSeconds: 40 }],
    });
    h.arrive({ contactId: 'c1' });
    expect(timerOf(h, 'c1')).toBe(10_000);
    h.wait(10_000);
    expect(timerOf(h, 'c1')).toBe(25_000); // step 2 (40 s) comes after the maximum wait
    expect(h.engine.nextDeadline()).toBe(25_000);
  });

  it('[TMR1] the timer follows the state: offer expiry, none while connected, wrap-up end', () => {
    const h = new Harness();
    h.queue({
      offerTimeoutSeconds: 15,
      wrapUp: { mode: 'timed', seconds: 8 },
      maxWaitSeconds: 100,
      steps: [{ afterSeconds: 50 }],
    });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(timerOf(h, 'c1')).toBe(15_000);
    h.wait(2_000);
    h.answer('c1');
    expect(timerOf(h, 'c1')).toBeUndefined();
    expect(h.engine.nextDeadline()).toBeUndefined();
    h.wait(3_000);
    h.do({ type: 'end', contactId: 'c1' });
    expect(timerOf(h, 'c1')).toBe(13_000);
  });

  it('[TMR1] a scheduled callback has its due time; a preferred-agent wait has its end', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, maxWaitSeconds: 100 });
    h.queue({ id: 'q2', preferredAgentWaitSeconds: 20, maxWaitSeconds: 100 });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'cb' });
    h.do({ type: 'requestCallback', contactId: 'cb', number: '+2126', atMs: 70_000 });
    h.arrive({ contactId: 'pref', queueId: 'q2', preferredAgentId: 'a1' });
    expect(timerOf(h, 'cb')).toBe(70_000);
    expect(timerOf(h, 'pref')).toBe(20_000);
    expect(h.engine.nextDeadline()).toBe(20_000);
  });

  it('[TMR1] a preferred wait longer than the maximum wait gives way to the maximum wait', () => {
    const h = new Harness();
    h.queue({ preferredAgentWaitSeconds: 60, maxWaitSeconds: 15 });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    expect(timerOf(h, 'c1')).toBe(15_000);
  });

  it('[TMR1] only one timer fires per deadline: an answered contact does not later time out or expire', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 10, maxWaitSeconds: 20, steps: [{ afterSeconds: 5 }] });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    const later = h.wait(3_600_000);
    expect(later).toEqual([]);
    expect(h.contact('c1')?.state).toBe('connected');
  });

  it('[TMR1] a deadline already past fires at the current time (a step overdue after a ringing offer)', () => {
    const h = new Harness({ missedOffersBeforePause: 1 });
    h.queue({ offerTimeoutSeconds: 30, steps: [{ afterSeconds: 10, raisePriority: 1 }] });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    // The offer times out at 30 s; the step (due at 10 s) is overdue and fires then.
    const fired = h.wait(60_000);
    expect(fired.map((e) => [e.type, e.atMs])).toEqual([
      ['offerRevoked', 30_000],
      ['contactQueued', 30_000],
      ['agentStateChanged', 30_000],
      ['contactStepReached', 30_000],
    ]);
  });

  it('[TMR1] an overdue deadline set by a command is due at that command time', () => {
    const h = new Harness();
    h.queue({ offerTimeoutSeconds: 60, steps: [{ afterSeconds: 10, raisePriority: 1 }] });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(20_000);
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' }); // pending: c1 will not ring again
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(timerOf(h, 'c1')).toBe(20_000);
    expect(h.engine.nextDeadline()).toBe(20_000);
    const fired = h.engine.advance(20_000);
    expect(fired.map((e) => [e.type, e.atMs])).toEqual([['contactStepReached', 20_000]]);
  });
});
