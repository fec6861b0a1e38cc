import { Engine, type EngineEvent } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import { buildDemoNetwork } from './demo-network.ts';
import { WorkloadDriver, WorkloadFailure } from './driver.ts';
import { DEFAULT_WORKLOAD } from './workload-options.ts';
import { buildNationalNetwork } from './national-network.ts';
import { configureNetwork, type Network } from './network.ts';

function setUp(network: Network, seed = 1, options = {}) {
  const engine = new Engine();
  configureNetwork(engine, network);
  const driver = new WorkloadDriver(engine, network, { ...DEFAULT_WORKLOAD, seed, ...options });
  return { engine, driver };
}

describe('WorkloadDriver', () => {
  it('logs every agent in, then plays arrivals to completion once arrivals stop', () => {
    const { engine, driver } = setUp(buildDemoNetwork(1));
    const events: EngineEvent[] = [];
    driver.onEvents = (batch) => events.push(...batch);
    driver.arrivalsUntilMs = 3600_000;
    driver.start();
    expect(driver.ops).toBe(60);
    while (driver.step());
    const { arrived, completed, abandoned, answered } = driver.counts;
    expect(arrived).toBeGreaterThan(500);
    expect(completed + abandoned).toBe(arrived);
    expect(answered).toBe(completed);
    expect(engine.metrics().activeContacts).toBe(0);
    expect(events.filter((e) => e.type === 'contactArrived')).toHaveLength(arrived);
    // Manual wrap-up: every completion follows an endWrapUp command.
    expect(events.some((e) => e.type === 'contactEnded' && e.wrapUpUntilMs === undefined)).toBe(
      false,
    );
  });

  it('ends manual wrap-ups, pauses and declines along the way', () => {
    const { driver } = setUp(buildNationalNetwork(1000, 2));
    const types = new Map<string, number>();
    driver.onEvents = (batch) => {
      for (const e of batch) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    };
    driver.start();
    while (driver.ops < 40_000) driver.step();
    expect(driver.counts.completed).toBeGreaterThan(5000);
    expect(driver.counts.pauses).toBeGreaterThan(0);
    expect(driver.counts.declined).toBeGreaterThan(0);
    expect(types.get('offerRevoked')).toBe(driver.counts.declined);
    expect(types.get('contactCompleted')).toBe(driver.counts.completed);
  });

  it('keeps a 1,000-agent network near 90% occupancy', () => {
    const { driver } = setUp(buildNationalNetwork(1000, 1));
    driver.start();
    while (driver.nowMs < 600_000) driver.step();
    driver.agentTime.open(driver.nowMs);
    while (driver.nowMs < 4 * 3600_000) driver.step();
    driver.agentTime.close(driver.nowMs);
    expect(driver.agentTime.occupancy).toBeGreaterThan(0.85);
    expect(driver.agentTime.occupancy).toBeLessThan(0.95);
  });

  it('is deterministic: same seed, same engine state', () => {
    const run = (seed: number) => {
      const { engine, driver } = setUp(buildDemoNetwork(1), seed);
      driver.start();
      while (driver.ops < 3000) driver.step();
      return { counts: { ...driver.counts }, state: engine.inspect(), seq: engine.seq };
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4).counts).not.toEqual(run(5).counts);
  });

  it('turns an engine refusal into a WorkloadFailure naming the command', () => {
    const network = buildDemoNetwork(1);
    const { driver } = setUp({ ...network, agents: [...network.agents, network.agents[0]!] });
    // The duplicate agent's second login is refused: the agent is already logged in.
    let failure: unknown;
    try {
      driver.start();
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(WorkloadFailure);
    expect((failure as WorkloadFailure).error.code).toBe('IllegalTransition');
    expect((failure as WorkloadFailure).message).toMatch(/"type":"login"/);
  });

  it('records decision latencies only when asked', () => {
    const { driver } = setUp(buildDemoNetwork(1));
    driver.start();
    while (driver.ops < 500) driver.step();
    expect(driver.latencyCount).toBe(0);
    driver.latencyUs = new Float64Array(100);
    while (driver.ops < 2000) driver.step();
    expect(driver.latencyCount).toBe(100);
    expect(driver.latencyUs.every((us) => us >= 0)).toBe(true);
  });
});
