import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/builders.ts';

describe('PERF2 finished contact records are reused', () => {
  it('[PERF2] a contact arriving after another finished starts clean, even under the same id', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'a1' });
    // A first visit that sets everything a record holds: priority, callback number, hold,
    // disposition, wrap-up.
    h.arrive({ contactId: 'c1', priority: 5, callbackNumber: '+212600000001' });
    h.wait(1_000);
    h.answer('c1');
    h.do({ type: 'hold', contactId: 'c1' });
    h.wait(2_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.do({ type: 'setDisposition', contactId: 'c1', dispositionId: 'sale' });
    h.do({ type: 'endWrapUp', contactId: 'c1' });

    const start = h.engine.nowMs;
    h.arrive({ contactId: 'c1' });
    expect(h.contact('c1')).toEqual({
      id: 'c1',
      state: 'offered',
      queueId: 'q1',
      channel: 'voice',
      priority: 0,
      enqueuedAtMs: start,
      step: 0,
      agentId: 'a1',
      timerAtMs: start + 20_000,
    });
    h.wait(1_000);
    h.answer('c1');
    h.wait(4_000);
    const ended = h.do({ type: 'end', contactId: 'c1' });
    expect(ended[0]).toMatchObject({ type: 'contactEnded', talkMs: 4_000, holdMs: 0 });
    expect(ended[0]).not.toHaveProperty('wrapUpUntilMs');
    const completed = h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(completed[0]).toMatchObject({ type: 'contactCompleted', wrapMs: 0 });
    expect(completed[0]).not.toHaveProperty('dispositionId');
  });
});
