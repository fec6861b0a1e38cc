import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './bench-memory.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');
const lastJson = (): Record<string, unknown> =>
  JSON.parse(String(log.mock.calls.at(-1)?.[0])) as Record<string, unknown>;

describe('relais bench-memory flags', () => {
  it.each([
    [
      ['--agents', 'lots'],
      "--agents: expected integers from 1000 to 200000 separated by commas, got 'lots'",
    ],
    [['--agents', '1000,999'], '--agents: expected integers from 1000 to 200000'],
    [['--agents', '1000,,100000'], 'For example: --agents 1000,100000'],
    [['--agents', ''], '--agents: expected integers'],
    [['--ops', '10'], '--ops: expected an integer from 1000 to 100000000'],
    [['--seed=-1'], '--seed: expected an integer from 0 to 4294967295'],
    [['--sizes', '0'], '--sizes: expected integers from 1 to 1024'],
    [['--sizes', '1,2.5'], '--sizes: expected integers from 1 to 1024'],
    [['--rounds', '21'], '--rounds: expected an integer from 1 to 20'],
    [['--skip-latency', '--skip-floor'], 'together leave nothing to measure'],
    [['--size', '8'], "Unknown option '--size'"],
    [['--ops'], "Option '--ops <value>' argument missing"],
    [['100000'], "Unexpected argument '100000'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais bench-memory');
    expect(log).not.toHaveBeenCalled();
  });

  it('prints its help and exits 0', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(String(log.mock.calls[0]?.[0])).toContain('--skip-latency');
  });
});

describe('relais bench-memory', () => {
  it('measures both, progress on stderr, and ends with one JSON line', async () => {
    const argv = ['--agents', '2000,1000', '--ops', '2000', '--sizes', '1', '--rounds', '1'];
    expect(await run(argv)).toBe(0);
    const result = lastJson();
    expect(Object.keys(result.latencyNs as object)).toEqual(['dense', 'scattered']);
    expect(Object.keys((result.latencyNs as { dense: object }).dense)).toEqual(['1']);
    expect(Object.keys((result.latencyNs as { scattered: object }).scattered)).toEqual(['1']);
    const floor = result.floor as {
      agents: number;
      ops: number;
      usPerEntry: number;
      rowsUsPerEntry: number;
      objectsUsPerEntry: number;
    }[];
    expect(floor.map((f) => [f.agents, f.ops])).toEqual([
      [1000, 2000],
      [2000, 2000],
    ]);
    const extra = (floor[1]?.usPerEntry ?? 0) - (floor[0]?.usPerEntry ?? 0);
    expect(result.floorExtraUs).toBeCloseTo(extra, 3);
    const rowsExtra = (floor[1]?.rowsUsPerEntry ?? 0) - (floor[0]?.rowsUsPerEntry ?? 0);
    expect(result.rowsExtraUs).toBeCloseTo(rowsExtra, 3);
    const objectsExtra = (floor[1]?.objectsUsPerEntry ?? 0) - (floor[0]?.objectsUsPerEntry ?? 0);
    expect(result.objectsExtraUs).toBeCloseTo(objectsExtra, 3);
    expect(floor.every((f) => f.rowsUsPerEntry > 0 && f.objectsUsPerEntry > 0)).toBe(true);
    const engine = (f: (typeof floor)[number]): number =>
      (f as unknown as { engineUsPerEntry: number }).engineUsPerEntry;
    expect(floor.every((f) => engine(f) > 0)).toBe(true);
    // Two sizes so close may leave the objects model no extra: then no estimate, said so.
    const estimate = result.estimate as Record<string, number> | null;
    if (estimate === null) expect(stderr()).toContain('no estimate');
    else {
      expect(estimate.engineRatio).toBeCloseTo(engine(floor[0]!) / engine(floor[1]!), 2);
      expect(stderr()).toContain('a rewrite into rows would give about');
    }
    expect(stderr()).toContain('floor at 2,000 agents');
    expect(stderr()).toContain('dense        1 MB of lines');
  });

  it('with --skip-latency and one size, has neither latency nor an extra', async () => {
    expect(
      await run(['--skip-latency', '--agents', '1000', '--ops', '1000', '--rounds', '1']),
    ).toBe(0);
    expect(lastJson()).toMatchObject({
      latencyNs: null,
      floorExtraUs: null,
      rowsExtraUs: null,
      objectsExtraUs: null,
      estimate: null,
      ops: 1000,
      seed: 1,
    });
  });

  it('with --skip-floor, has the latency only', async () => {
    expect(await run(['--skip-floor', '--sizes', '1'])).toBe(0);
    expect(lastJson()).toMatchObject({ floor: null, floorExtraUs: null });
    expect(stderr()).not.toContain('floor at');
  });
});
