import { describe, expect, it } from 'vitest';
import { replay, runFuzz } from './testing/fuzz-driver.ts';

const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);
const STEPS = 1500;

describe('engine fuzz: invariants after every step', () => {
  it.each(SEEDS)(
    '[CON2][CAP1][CAP2][MAT9][AGT1][AGT2][EVT1] seed %i keeps every invariant and ends every contact once',
    (seed) => {
      const run = runFuzz(seed, STEPS);
      expect(run.snapshot.contacts).toEqual([]);
      for (const id of run.checker.arrived) expect(run.checker.terminalCount.get(id), id).toBe(1);
      expect(run.checker.arrived.size).toBeGreaterThan(100);
      expect(run.events.some((e) => e.type === 'contactCompleted')).toBe(true);
    },
  );

  it.each(SEEDS.slice(0, 6))(
    '[EVT3] seed %i: replaying the same commands rebuilds the same events and state',
    (seed) => {
      const run = runFuzz(seed, STEPS);
      const again = replay(run.commands, run.options);
      expect(again.events).toEqual(run.events);
      expect(again.snapshot).toEqual(run.snapshot);
    },
  );
});
