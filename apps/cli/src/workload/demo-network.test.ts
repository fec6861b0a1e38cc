import { Engine } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import { buildDemoNetwork } from './demo-network.ts';
import { configureNetwork, meetsQueue } from './network.ts';

describe('buildDemoNetwork', () => {
  const network = buildDemoNetwork(1);

  it('has 3 sites, 60 agents, 4 clients and a queue per client and language', () => {
    expect(network.sites.map((s) => s.city)).toEqual(['Casablanca', 'Rabat', 'Fès']);
    expect(network.agents).toHaveLength(60);
    expect(network.clients).toHaveLength(4);
    expect(network.queues).toHaveLength(12);
    expect(network.queues.every((q) => q.wrapUp?.mode === 'timed')).toBe(true);
  });

  it('gives every queue at least two agents eligible at step 0', () => {
    for (const queue of network.queues) {
      expect(network.agents.filter((a) => meetsQueue(a, queue)).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('is deterministic for a seed and accepted by the engine', () => {
    expect(buildDemoNetwork(5)).toEqual(buildDemoNetwork(5));
    expect(buildDemoNetwork(5)).not.toEqual(buildDemoNetwork(6));
    const engine = new Engine();
    configureNetwork(engine, network);
    expect(engine.metrics()).toMatchObject({ agents: 60, queues: 12, sites: 3 });
  });
});
