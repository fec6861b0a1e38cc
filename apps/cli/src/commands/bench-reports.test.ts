import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './bench-reports.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('relais bench-reports', () => {
  it.each([
    [['--agents', '10'], '--agents: expected an integer from 1000 to 50000'],
    [['--days', '40'], '--days: expected an integer from 1 to 31'],
    [['--pg', 'mysql://x'], '--pg: expected a postgres:// URL'],
    [['--month'], "Unknown option '--month'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(log).not.toHaveBeenCalled();
  });

  it('projects a small simulated day, writes it, reads it back, and ends with one JSON line', async () => {
    expect(await run(['--agents', '1000', '--days', '1', '--contacts', '2', '--runs', '1'])).toBe(
      0,
    );
    const last = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as Record<string, number | string>;
    expect(last).toMatchObject({ database: 'sqlite', agents: 1000, days: 1 });
    expect(last.events).toBeGreaterThan(5000);
    expect(last.reportLines).toBeGreaterThan(10);
    // 1,000 agents: 2 clients with 20 queues each, every queue with traffic.
    expect(last.queues).toBe(40);
    for (const key of ['ingestEventsPerSec', 'rebuildSeconds', 'monthReportMs', 'rows']) {
      expect(typeof last[key], key).toBe('number');
    }
  }, 60_000);
});
