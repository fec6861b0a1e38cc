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

/** Reads the pool's idle ring: its members must be exactly the free ones, in idle order. */
function checkIdleList(engine: Engine, pool: AgentPool): number {
  const table = (engine as unknown as { core: Core }).core.topology.table;
  const listed = table.idleAgents(pool.index);
  for (let i = 1; i < listed.length; i++) {
    const previous = listed[i - 1] as (typeof listed)[number];
    const m = listed[i] as (typeof listed)[number];
    const before =
      previous.idleSinceMs < m.idleSinceMs ||
      (previous.idleSinceMs === m.idleSinceMs && previous.idleSeq < m.idleSeq);
    expect(before, `${pool.key}: ${previous.agent.id} listed before ${m.agent.id}`).toBe(true);
  }
  expect(listed.length).toBe(pool.free);
  const free = [...pool.members].filter((m) => m.matchable);
  expect(new Set(listed.map((l) => l.agent))).toEqual(new Set(free.map((m) => m.agent)));
  for (const m of free) {
    const keys = listed.find((l) => l.agent === m.agent);
    expect([keys?.idleSinceMs, keys?.idleSeq]).toEqual([m.idleSinceMs, m.idleSeq]);
  }
  const head = listed[0];
  expect(table.idleHead[pool.index]).toBe(head?.agent);
  if (head) {
    expect([table.idle[2 * pool.index], table.idle[2 * pool.index + 1]]).toEqual([
      head.idleSinceMs,
      head.idleSeq,
    ]);
  }
  return listed.length;
}

describe('PERF3 PERF8 flat structures on the hot path', () => {
  it.each([3, 11])(
    '[PERF3][PERF8] seed %i: after every command, each pool ring holds exactly its free members, longest idle first, and the table its head',
    (seed) => {
      const run = runFuzz(seed, 300);
      const engine = new Engine(run.options);
      let listed = 0;
      for (const { atMs, command } of run.commands) {
        if (command) engine.apply(command, atMs);
        else engine.advance(atMs);
        for (const pool of poolsOf(engine)) listed += checkIdleList(engine, pool);
      }
      expect(listed).toBeGreaterThan(1000);
    },
    60_000,
  );
});
