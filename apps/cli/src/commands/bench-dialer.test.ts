import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './bench-dialer.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('relais bench-dialer', () => {
  it.each([
    [['--agents', '1'], '--agents: expected an integer from 2 to 500'],
    [['--small', '0'], '--small: expected an integer from 1 to 100'],
    [['--checks', 'lots'], "--checks: expected an integer from 1000 to 2000000, got 'lots'"],
    [['--seed=-3'], '--seed: expected an integer from 0 to 4294967295'],
    [['--days', '2'], "Unknown option '--days'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais bench-dialer');
    expect(log).not.toHaveBeenCalled();
  });

  it('[SIMO2] runs small campaign days and ends with the JSON line of issue 8', async () => {
    expect(await run(['--agents', '4', '--small', '2', '--checks', '2000', '--seed', '3'])).toBe(0);
    const last = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as {
      agents: number;
      progressive: { talkShare: number; abandonRate: number };
      predictive: { talkShare: number; abandonRate: number; maxWindowAbandonRate: number };
      complianceChecksPerSec: number;
      small: { agents: number };
    };
    expect(Object.keys(last)).toEqual([
      'agents',
      'progressive',
      'predictive',
      'complianceChecksPerSec',
      'small',
    ]);
    expect(last.agents).toBe(4);
    expect(last.small.agents).toBe(2);
    for (const share of [last.progressive.talkShare, last.predictive.talkShare]) {
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(1);
    }
    // Progressive holds a free agent for every call: nothing to drop.
    expect(last.progressive.abandonRate).toBe(0);
    expect(last.predictive.maxWindowAbandonRate).toBeGreaterThanOrEqual(
      last.predictive.abandonRate,
    );
    expect(last.complianceChecksPerSec).toBeGreaterThan(0);
  }, 120_000);
});
