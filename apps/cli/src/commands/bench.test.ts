import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './bench.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('relais bench flags', () => {
  it.each([
    [['--agents', 'lots'], "--agents: expected an integer from 1000 to 200000, got 'lots'"],
    [['--agents', '999'], '--agents: expected an integer from 1000 to 200000'],
    [['--agents', '200001'], '--agents: expected an integer from 1000 to 200000'],
    [['--ops', '2.5e3x'], '--ops: expected an integer from 1000 to 100000000'],
    [['--ops', '100'], '--ops: expected an integer from 1000 to 100000000'],
    [['--seed=-1'], '--seed: expected an integer from 0 to 4294967295'],
    [['--agnets', '1000'], "Unknown option '--agnets'"],
    [['--agents'], "Option '--agents <value>' argument missing"],
    [['extra'], "Unexpected argument 'extra'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais bench');
    expect(log).not.toHaveBeenCalled();
  });

  it('prints its help and exits 0', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(String(log.mock.calls[0]?.[0])).toContain('--agents N');
  });
});

describe('relais bench', () => {
  it('ends with one JSON line on stdout holding the contract fields first', async () => {
    expect(await run(['--agents', '1000', '--ops', '5000', '--seed', '3'])).toBe(0);
    const last = String(log.mock.calls.at(-1)?.[0]);
    const result = JSON.parse(last) as Record<string, number>;
    expect(Object.keys(result).slice(0, 8)).toEqual([
      'agents',
      'queues',
      'sites',
      'ops',
      'opsPerSec',
      'decisionP50Us',
      'decisionP99Us',
      'heapMb',
    ]);
    expect(result).toMatchObject({ agents: 1000, queues: 40, sites: 12, ops: 5000, seed: 3 });
    expect(result['decisions']).toBeGreaterThan(0);
    expect(result['occupancy']).toBeGreaterThan(0.5);
    expect(stderr()).toContain('relais bench: 1,000 agents, 40 queues, 12 sites');
  });
});
