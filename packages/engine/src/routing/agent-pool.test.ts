import { describe, expect, it } from 'vitest';
import type { Core } from '../core.ts';
import { Engine } from '../engine.ts';
import type { AgentPool } from './agent-pool.ts';
import { runFuzz } from '../testing/fuzz-driver.ts';

/** The pools of an engine, read from its private state (a structural check, not behaviour). */
function poolsOf(engine: Engine): AgentPool[] {
  const core = (engine as unknown as { core: Core }).core;
  return [...(core.topology as unknown as { pools: Map<string, AgentPool> }).pools.values()];
}

/** Walks the idle list: its members must be exactly the free ones, in idle order. */
function checkIdleList(pool: AgentPool): number {
  const listed = [];
  let previous;
  for (let m = pool.idleHead; m !== undefined; m = m.nextIdle) {
    expect(m.prevIdle).toBe(previous);
    if (previous) {
      const before =
        previous.idleSinceMs < m.idleSinceMs ||
        (previous.idleSinceMs === m.idleSinceMs && previous.idleSeq < m.idleSeq);
      expect(before, `${pool.key}: ${previous.agentId} listed before ${m.agentId}`).toBe(true);
    }
    listed.push(m);
    previous = m;
  }
  expect(pool.idleTail).toBe(previous);
  expect(listed.length).toBe(pool.free);
  const free = [...pool.members].filter((m) => m.matchable);
  expect(new Set(listed)).toEqual(new Set(free));
  return listed.length;
}

describe('PERF3 flat structures on the hot path', () => {
  it.each([3, 11])(
    '[PERF3] seed %i: after every command, each pool lists exactly its free members, longest idle first',
    (seed) => {
      const run = runFuzz(seed, 300);
      const engine = new Engine(run.options);
      let listed = 0;
      for (const { atMs, command } of run.commands) {
        if (command) engine.apply(command, atMs);
        else engine.advance(atMs);
        for (const pool of poolsOf(engine)) listed += checkIdleList(pool);
      }
      expect(listed).toBeGreaterThan(1000);
    },
    60_000,
  );
});
