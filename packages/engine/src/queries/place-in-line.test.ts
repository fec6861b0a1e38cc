import { describe, expect, it } from 'vitest';
import { EngineError } from '../model/errors.ts';
import { Harness } from '../testing/builders.ts';

/** One agent who handled c0 for 60 s, then paused: 30 s until it frees, 60 s per contact ahead. */
function busyQueue(): Harness {
  const h = new Harness();
  h.queue();
  h.agent({ id: 'a1' });
  h.arrive({ contactId: 'c0' });
  h.answer('c0');
  h.wait(60_000);
  h.do({ type: 'end', contactId: 'c0' });
  h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
  return h;
}

describe('RT6 a waiting contact’s place in line', () => {
  it('[RT6] positions by place in line and the RT4 estimate with the contacts ahead', () => {
    const h = busyQueue();
    for (const id of ['c1', 'c2', 'c3']) h.arrive({ contactId: id });
    expect(h.engine.placeInLine('c1')).toEqual({
      contactId: 'c1',
      queueId: 'q1',
      position: 1,
      estimatedWaitMs: 30_000,
    });
    expect(h.engine.placeInLine('c3')).toMatchObject({ position: 3, estimatedWaitMs: 150_000 });
    // The one ahead leaves: everyone behind moves up.
    h.do({ type: 'abandon', contactId: 'c1' });
    expect(h.engine.placeInLine('c3')).toMatchObject({ position: 2, estimatedWaitMs: 90_000 });
  });

  it('[RT6] the estimate told at entry (RT5) is the one the query gives just after', () => {
    const h = busyQueue();
    h.arrive({ contactId: 'c1' });
    const told = h.of('contactQueued', h.arrive({ contactId: 'c2' }))[0]?.estimatedWaitMs;
    expect(h.engine.placeInLine('c2')?.estimatedWaitMs).toBe(told);
  });

  it('[RT6] no figure yet: a position without an estimate', () => {
    const h = new Harness();
    h.queue();
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    expect(h.engine.placeInLine('c2')).toEqual({
      contactId: 'c2',
      queueId: 'q1',
      position: 2,
      estimatedWaitMs: undefined,
    });
  });

  it('[RT6] a contact not in line has no place; an unknown one is refused; the query changes nothing', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(h.of('contactOffered')).toHaveLength(1);
    const before = JSON.stringify(h.engine.checkpoint());
    expect(h.engine.placeInLine('c1')).toBeUndefined();
    expect(JSON.stringify(h.engine.checkpoint())).toBe(before);
    expect(() => h.engine.placeInLine('nobody')).toThrow(EngineError);
    expect(() => h.engine.placeInLine('nobody')).toThrow(/nobody/);
  });
});
