import { describe, expect, it } from 'vitest';
import { captureConsole } from '../wfm/cli-capture.ts';
import { offeredAt, weekOfDemand } from '../wfm/bench-loads.ts';
import { run } from './bench-wfm.ts';

const out = captureConsole();

describe('relais bench-wfm', () => {
  it.each([
    [['--runs', '0'], "--runs: expected a whole number from 1 to 50, got '0'"],
    [['--queues', '10'], "Unknown option '--queues'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stdout()).toBe('');
  });

  it('builds a week of two-peak demand for every queue and interval', () => {
    const demand = weekOfDemand(3, 0);
    expect(demand).toHaveLength(3 * 7 * 96);
    expect(offeredAt(0, 42)).toBeGreaterThan(offeredAt(0, 4)); // 10:30 busier than 01:00
    expect(demand.every((d) => d.offered >= 1 && d.ahtSeconds >= 150)).toBe(true);
  });

  it('ends with one JSON line of the three figures (timings are not asserted)', async () => {
    expect(await run(['--runs', '1'])).toBe(0);
    const json = out.lastJson();
    expect(Object.keys(json)).toEqual(['staffingSolvesPerSec', 'erlangA10000Ms', 'planMs']);
    expect(Object.values(json).every((v) => typeof v === 'number' && v > 0)).toBe(true);
    expect(out.stderr()).toContain('192,000 Erlang A solves');
  }, 60_000); // a full run: about 3 s alone, much more beside the other test files
});
