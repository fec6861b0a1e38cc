import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexedHeap } from '../collections/indexed-heap.ts';
import { Harness, typesOf } from '../testing/builders.ts';

/** Counts pushes into any line (bucket, queue age order, preferred agent) during `run`. */
function linePushes(run: () => void): number {
  const push = vi.spyOn(IndexedHeap.prototype, 'push');
  run();
  const count = push.mock.calls.length;
  push.mockRestore();
  return count;
}

describe('PERF7 an arrival with a free eligible agent is offered without entering the line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('[PERF7][RT4] offered at once: no line push, position 1, estimate 0, same events as before', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    let events: ReturnType<Harness['arrive']> = [];
    expect(linePushes(() => (events = h.arrive({ contactId: 'c1' })))).toBe(0);
    expect(typesOf(events)).toEqual([
      'contactArrived',
      'contactQueued',
      'contactOffered',
      'agentStateChanged',
    ]);
    expect(h.of('contactQueued', events)[0]).toMatchObject({ position: 1, estimatedWaitMs: 0 });
    expect(h.contact('c1')).toMatchObject({ state: 'offered', agentId: 'a1', timerAtMs: 20_000 });
  });

  it('[PERF7] no free agent: the contact is filed in its bucket and the queue line as before', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    // a1 rings with c1: c2 waits, filed in the bucket and in the queue's age order.
    const weighed = h.engine.metrics().headsWeighed;
    expect(linePushes(() => h.arrive({ contactId: 'c2' }))).toBe(2);
    // Its one pool was weighed once: matched on arrival, not again by the drain.
    expect(h.engine.metrics().headsWeighed - weighed).toBe(1);
    expect(h.contact('c2')).toMatchObject({ state: 'queued' });
    expect(h.of('contactQueued').at(-1)).toMatchObject({ contactId: 'c2', position: 1 });
  });

  it('[PERF7][MAT8] a contact waiting for its preferred agent is not offered at once to another', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c0' }); // a1 (longest idle) rings
    const events = h.arrive({ contactId: 'c1', preferredAgentId: 'a1', preferredWaitSeconds: 30 });
    expect(typesOf(events)).toContain('contactWaitingForAgent');
    expect(h.contact('c1')).toMatchObject({ state: 'waitingPreferred' });
  });
});
