import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { nationalScenario } from '../workload/national-scenario.ts';
import { run } from './bench-sim.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('relais bench-sim', () => {
  it.each([
    [['--agents', '10'], '--agents: expected an integer from 1000 to 200000'],
    [['--seed', 'x'], '--seed: expected an integer from 0 to 4294967295'],
    [['--days', '2'], "Unknown option '--days'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais bench-sim');
    expect(log).not.toHaveBeenCalled();
  });

  it('builds the national day: every agent, up to 100 contacts per agent over 12 hours', () => {
    const scenario = nationalScenario(2000, 1);
    expect(scenario.agents.reduce((n, g) => n + g.count, 0)).toBe(2000);
    expect(scenario.queues).toHaveLength(80);
    const perHour = scenario.queues.reduce(
      (n, q) => n + (Array.isArray(q.arrivals) ? (q.arrivals[0]?.perHour ?? 0) : 0),
      0,
    );
    // Each agent's share goes to the queues it can serve; the rare agent that serves none adds none.
    expect(perHour * 12).toBeGreaterThan(0.99 * 2000 * 100);
    expect(perHour * 12).toBeLessThanOrEqual(2000 * 100 + 1e-6);
  });

  it('simulates a small national day and ends with one JSON line', async () => {
    expect(await run(['--agents', '1000', '--seed', '2'])).toBe(0);
    const last = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as Record<string, number>;
    expect(Object.keys(last).slice(0, 7)).toEqual([
      'agents',
      'queues',
      'contacts',
      'events',
      'wallSeconds',
      'contactsPerSec',
      'heapMb',
    ]);
    expect(last.agents).toBe(1000);
    // 100,000 expected arrivals; Poisson spread is about ±316, retrials none.
    expect(last.contacts).toBeGreaterThan(98_000);
    expect(last.contacts).toBeLessThan(102_000);
    expect(last.serviceLevel).toBeGreaterThan(0);
    expect(last.occupancy).toBeLessThanOrEqual(1);
  });
});
