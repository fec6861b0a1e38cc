import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { QueueKpiRow } from '../workload/queue-kpis.ts';
import { run } from './demo.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const stdout = (): string => log.mock.calls.map((call) => String(call[0])).join('\n');
const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('relais demo flags', () => {
  it.each([
    [['--hours', '0'], "--hours: expected a number from 0.1 to 24, got '0'"],
    [['--hours', '25'], '--hours: expected a number from 0.1 to 24'],
    [['--hours', 'two'], "got 'two'"],
    [['--seed', '1.5'], '--seed: expected an integer from 0 to 4294967295'],
    [['--json=yes'], "Option '--json' does not take an argument"],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais demo');
    expect(log).not.toHaveBeenCalled();
  });
});

describe('relais demo', () => {
  it('prints the KPI table, occupancy, a routing decision and a why-waiting answer', async () => {
    expect(await run(['--hours', '1'])).toBe(0);
    const out = stdout();
    expect(out).toContain('queue');
    expect(out).toMatch(/orbitel\.fr\s+\d+/);
    expect(out).toMatch(/^all\s+\d+/m);
    expect(out).toMatch(/Agent occupancy: \d+\.\d%/);
    expect(out).toContain('Routing decision (contact');
    expect(out).toContain('Why waiting (contact');
  });

  it('prints the rows as JSON with --json, the same for the same seed', async () => {
    expect(await run(['--hours', '0.5', '--json', '--seed', '4'])).toBe(0);
    const rows = JSON.parse(stdout()) as QueueKpiRow[];
    expect(rows).toHaveLength(13);
    const all = rows.at(-1) as QueueKpiRow;
    expect(all.queueId).toBe('all');
    // Arrivals stop at the end of the day and the rest finish: every contact is counted.
    expect(all.answered + all.abandoned).toBe(all.offered);
    log.mockClear();
    expect(await run(['--hours', '0.5', '--json', '--seed', '4'])).toBe(0);
    expect(JSON.parse(stdout())).toEqual(rows);
  });
});
