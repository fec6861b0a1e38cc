import { describe, expect, it } from 'vitest';
import type { Core } from '../core.ts';
import { Engine } from '../engine.ts';
import { runFuzz } from '../testing/fuzz-driver.ts';
import type { AgentPool } from './agent-pool.ts';
import { BUCKET_STRIDE, B_KEY1, B_KEY2, B_KEY3, B_WEIGHT } from './pool-table.ts';

/** The engine's private state (a structural check, not behaviour). */
const coreOf = (engine: Engine): Core => (engine as unknown as { core: Core }).core;

/** Every pool's row in the pool table says what the pool itself holds. */
function checkPoolRows(core: Core): number {
  const pools = (core.topology as unknown as { pools: Map<string, AgentPool> }).pools;
  const t = core.topology.table;
  let free = 0;
  for (const pool of pools.values()) {
    const i = pool.index;
    expect(t.free(i), `${pool.key} free`).toBe(pool.free);
    expect(t.loggedIn(i), `${pool.key} logged in`).toBe(pool.loggedIn);
    const head = pool.idleHead;
    expect(t.idleHeads[2 * i]).toBe(head?.agent);
    expect(t.idleHeads[2 * i + 1]).toBe(head?.agentId ?? '');
    if (head) {
      expect(t.idle[2 * i]).toBe(head.idleSinceMs);
      expect(t.idle[2 * i + 1]).toBe(head.idleSeq);
    }
    for (const [heap, heads] of [
      [pool.occupancy, t.occupancyHeads],
      [pool.rotation, t.rotationHeads],
    ] as const) {
      if (!heap) continue;
      expect(heads[2 * i]).toBe(heap.peek()?.value);
      expect(heads[2 * i + 1]).toBe(heap.peek()?.value.id ?? '');
    }
    free += pool.free;
  }
  return free;
}

/** Every live bucket's row in the bucket table says what its heap holds. */
function checkBucketRows(core: Core): number {
  const t = core.topology.bucketTable;
  let waiting = 0;
  for (const queue of core.queues.values()) {
    for (const bucket of queue.buckets.values()) {
      const row = bucket.row;
      const head = bucket.contacts.peek();
      expect(t.waiting[row], `${queue.id} ${bucket.key} waiting`).toBe(bucket.contacts.size);
      expect(t.head(row)).toBe(head?.value);
      expect(t.headId(row)).toBe(head?.value.id ?? '');
      const at = BUCKET_STRIDE * row;
      expect(t.keys[at + B_WEIGHT]).toBe(queue.weight);
      if (head) {
        expect([t.keys[at + B_KEY1], t.keys[at + B_KEY2], t.keys[at + B_KEY3]]).toEqual([
          head.k1,
          head.k2,
          head.k3,
        ]);
      }
      waiting += bucket.contacts.size;
    }
  }
  return waiting;
}

describe('PERF6 table rows', () => {
  it.each([5, 12])(
    '[PERF6] seed %i: after every command, the pool and bucket tables match the pools and buckets',
    (seed) => {
      const run = runFuzz(seed, 200);
      const engine = new Engine(run.options);
      let free = 0;
      let waiting = 0;
      for (const { atMs, command } of run.commands) {
        if (command) engine.apply(command, atMs);
        else engine.advance(atMs);
        free += checkPoolRows(coreOf(engine));
        waiting += checkBucketRows(coreOf(engine));
      }
      // The run reaches both sides: free agents and waiting contacts.
      expect(free).toBeGreaterThan(100);
      expect(waiting).toBeGreaterThan(100);
    },
    60_000,
  );
});
