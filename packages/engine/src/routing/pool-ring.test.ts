import { describe, expect, it } from 'vitest';
import type { Core } from '../core.ts';
import type { AgentChannel } from '../model/runtime.ts';
import { Harness } from '../testing/builders.ts';

const coreOf = (h: Harness): Core => (h.engine as unknown as { core: Core }).core;

const membership = (h: Harness, agentId: string): AgentChannel =>
  coreOf(h).agents.get(agentId)?.memberOn(0) as AgentChannel;

/** Turns each field of `record` into an accessor that counts every read and write. */
function watch(record: object, counter: { touches: number }): void {
  for (const key of Object.keys(record)) {
    let value = (record as Record<string, unknown>)[key];
    Object.defineProperty(record, key, {
      get() {
        counter.touches++;
        return value;
      },
      set(next: unknown) {
        counter.touches++;
        value = next;
      },
    });
  }
}

/** The pool's free agents in idle order, as the table's ring keeps them. */
const idleOrder = (h: Harness, agentId: string): string[] => {
  const table = coreOf(h).topology.table;
  return table.idleAgents(membership(h, agentId).poolRow).map((m) => m.agent.id);
};

describe('PERF8 a pool keeps its free members in the pool table', () => {
  it('[PERF8][PERF3] taking the head, freeing an agent and a pause in the middle read no other member', () => {
    const h = new Harness();
    h.queue();
    const ids = ['a1', 'a2', 'a3', 'a4', 'a5'];
    for (const id of ids) h.agent({ id });
    const counters = new Map(['a2', 'a3', 'a4', 'a5'].map((id) => [id, { touches: 0 }]));
    for (const [id, counter] of counters) watch(membership(h, id), counter);
    const touched = (...of: string[]): number =>
      of.reduce((sum, id) => sum + (counters.get(id)?.touches ?? 0), 0);

    // a1 is the head: it rings, and a2 becomes the head without its membership being read.
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a1');
    expect(touched('a2', 'a3', 'a4', 'a5')).toBe(0);
    expect(idleOrder(h, 'a1')).toEqual(['a2', 'a3', 'a4', 'a5']);

    // a1 is free again, at the back, behind a5 whose membership is not reached.
    h.answer('c1');
    h.do({ type: 'end', contactId: 'c1' });
    // (the agent's state from its events: inspect() would read every membership)
    const a1State = (): string | undefined =>
      h
        .of('agentStateChanged')
        .filter((e) => e.agentId === 'a1')
        .at(-1)?.to;
    if (a1State() === 'wrapUp') h.do({ type: 'endWrapUp', contactId: 'c1' });
    expect(a1State()).toBe('available');
    expect(touched('a2', 'a3', 'a4', 'a5')).toBe(0);
    expect(idleOrder(h, 'a1')).toEqual(['a2', 'a3', 'a4', 'a5', 'a1']);

    // a3 leaves from the middle (its own record is read): its neighbours a2 and a4 are not.
    h.do({ type: 'pause', agentId: 'a3', reason: 'break' });
    expect(touched('a3')).toBeGreaterThan(0);
    expect(touched('a2', 'a4', 'a5')).toBe(0);
    expect(idleOrder(h, 'a1')).toEqual(['a2', 'a4', 'a5', 'a1']);

    // Offers follow the same order (SPEC MAT1): a2, a4, a5, a1.
    for (const [i, expected] of ['a2', 'a4', 'a5', 'a1'].entries()) {
      h.arrive({ contactId: `d${i}` });
      expect(h.offeredTo(`d${i}`)).toBe(expected);
    }
  });

  it('[PERF8][PERF3] a large pool through pauses in the middle keeps idle order as its ring grows and compacts', () => {
    const h = new Harness();
    h.queue();
    const n = 40;
    const ids = Array.from({ length: n }, (_, i) => `a${i}`);
    for (const id of ids) h.agent({ id });
    // The expected order: a pause removes an agent, its return appends it at the back.
    let order = [...ids];
    const paused = new Set<string>();
    let state = 7;
    for (let step = 0; step < 600; step++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const id = ids[state % n] as string;
      h.wait(10);
      if (paused.has(id)) {
        h.do({ type: 'makeAvailable', agentId: id });
        paused.delete(id);
        order.push(id);
      } else {
        h.do({ type: 'pause', agentId: id, reason: 'break' });
        paused.add(id);
        order = order.filter((a) => a !== id);
      }
      expect(idleOrder(h, 'a0')).toEqual(order);
      const table = coreOf(h).topology.table;
      const row = membership(h, 'a0').poolRow;
      expect(table.free[row]).toBe(order.length);
      expect(table.idleHeadId[row]).toBe(order[0] ?? '');
    }
    // The ring both grew past its first four slots and went through tombstones.
    expect(paused.size).toBeGreaterThan(0);
    const first = order[0] as string;
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe(first);
  });
});
