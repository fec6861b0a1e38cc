import { describe, expect, it } from 'vitest';
import { buildDemoNetwork } from './demo-network.ts';
import { arrivalRates, eligibleQueues, meetsQueue } from './network.ts';

describe('meetsQueue', () => {
  const queue = {
    id: 'q',
    clientId: 'c',
    channel: 'voice' as const,
    skills: { fr: 5, billing: 4 },
    sites: ['casa'],
  };

  it('needs every skill at the minimum, at an allowed site', () => {
    expect(meetsQueue({ id: 'a', siteId: 'casa', skills: { fr: 5, billing: 4 } }, queue)).toBe(
      true,
    );
    expect(meetsQueue({ id: 'a', siteId: 'casa', skills: { fr: 4, billing: 9 } }, queue)).toBe(
      false,
    );
    expect(meetsQueue({ id: 'a', siteId: 'casa', skills: { fr: 9 } }, queue)).toBe(false);
    expect(meetsQueue({ id: 'a', siteId: 'fes', skills: { fr: 9, billing: 9 } }, queue)).toBe(
      false,
    );
  });
});

describe('arrivalRates', () => {
  const network = buildDemoNetwork(1);

  it('sums to occupancy × agents with a queue / handle time', () => {
    const withQueue = eligibleQueues(network).filter((queues) => queues.length > 0).length;
    const rates = arrivalRates(network, 0.9, 200);
    const total = rates.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo((0.9 * withQueue) / 200, 9);
  });

  it('gives traffic only to queues with eligible agents, more to those with more', () => {
    const rates = arrivalRates(network, 0.9, 200);
    const eligible = network.queues.map(
      (q) => network.agents.filter((a) => meetsQueue(a, q)).length,
    );
    eligible.forEach((count, q) => expect(rates[q]! > 0).toBe(count > 0));
    const most = eligible.indexOf(Math.max(...eligible));
    const least = eligible.indexOf(Math.min(...eligible));
    expect(rates[most]).toBeGreaterThan(rates[least] as number);
  });
});
