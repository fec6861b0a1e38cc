import { describe, expect, it } from 'vitest';
import { runBenchmark } from './benchmark.ts';

describe('engine benchmark workload', () => {
  it('runs the same kind of day at every size: decisions per op and occupancy match at 1,000 and 10,000 agents', () => {
    const small = runBenchmark({ agents: 1000, ops: 20_000, seed: 5 });
    const large = runBenchmark({ agents: 10_000, ops: 20_000, seed: 5 });
    // About one offer per four commands (arrive, accept, end, endWrapUp) at both sizes; the
    // warm-up, ten times longer at 10,000 agents, is not counted.
    for (const result of [small, large]) {
      expect(result.decisionsPerOp).toBeGreaterThan(0.2);
      expect(result.decisionsPerOp).toBeLessThan(0.3);
      expect(result.decisions).toBeLessThanOrEqual(result.ops);
      expect(result.warmupOps).toBeGreaterThan(0);
    }
    expect(large.warmupOps).toBeGreaterThan(5 * small.warmupOps);
    expect(Math.abs(large.decisionsPerOp - small.decisionsPerOp)).toBeLessThan(0.02);
    expect(Math.abs(large.occupancy - small.occupancy)).toBeLessThan(0.03);
  });
});
