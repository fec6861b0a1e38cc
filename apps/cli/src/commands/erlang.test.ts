import { describe, expect, it } from 'vitest';
import { captureConsole } from '../wfm/cli-capture.ts';
import { run } from './erlang.ts';

const out = captureConsole();

describe('relais erlang', () => {
  it('c: the issue #5 example (CRAN ErlangC, pyworkforce: P(wait) 0.1741, SL 0.8884, ASA 7.84 s)', async () => {
    const argv = '--calls 100 --period 1800 --aht 180 --agents 14 --threshold 20 --json';
    expect(await run(['c', ...argv.split(' ')])).toBe(0);
    const json = out.lastJson();
    expect(Object.keys(json)).toEqual([
      'agents',
      'trafficErlangs',
      'pWait',
      'serviceLevel',
      'asaSeconds',
      'occupancy',
    ]);
    expect(json).toMatchObject({ agents: 14, trafficErlangs: 10 });
    expect(json.pWait).toBeCloseTo(0.1741, 4);
    expect(json.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(json.asaSeconds).toBeCloseTo(7.84, 2);
  });

  it('a: adds pAbandon (pyworkforce: λ = 10/3 per min, AHT 3 min, patience 5 min, 14 agents)', async () => {
    const argv = '--calls 10 --period 180 --aht 180 --agents 14 --patience 300 --json';
    expect(await run(['a', ...argv.split(' ')])).toBe(0);
    expect(out.lastJson().pWait).toBeCloseTo(0.1453, 4);
    expect(out.lastJson().pAbandon).toBeCloseTo(0.014, 4);
    expect(out.lastJson().convention).toBe('offered');
  });

  it('b: blocking, trunks for a target, traffic for trunks and a target', async () => {
    expect(await run(['b', '--traffic', '10', '--trunks', '17', '--json'])).toBe(0);
    expect(out.lastJson().blocking).toBeCloseTo(0.012949, 6);
    expect(await run(['b', '--traffic', '10', '--blocking', '0.01', '--json'])).toBe(0);
    expect(out.lastJson().trunks).toBe(18);
    expect(await run(['b', '--trunks', '15', '--blocking', '0.01', '--json'])).toBe(0);
    expect(out.lastJson().trafficErlangs).toBeCloseTo(8.108, 3);
  });

  it('c with no more agents than the traffic: SL 0, ASA null in JSON, and the reason on stderr', async () => {
    expect(await run(['c', '--traffic', '12', '--aht', '180', '--agents', '10', '--json'])).toBe(0);
    expect(out.lastJson()).toMatchObject({
      pWait: 1,
      serviceLevel: 0,
      asaSeconds: null,
      occupancy: 1,
    });
    expect(out.stderr()).toContain('the queue grows without bound');
  });

  it('prints a readable list without --json', async () => {
    expect(await run(['c', '--traffic', '10', '--aht', '180', '--agents', '14'])).toBe(0);
    expect(out.stdout()).toMatch(/^agents +14\ntrafficErlangs +10\npWait +0\.174132/);
  });

  it.each([
    [['x'], "expected one model, b, c or a, got 'x'"],
    [
      ['c', '--calls=-5', '--aht', '180', '--agents', '14'],
      "--calls: expected a number ≥ 0, got '-5'",
    ],
    [
      ['c', '--calls', '100', '--aht', '0', '--agents', '14'],
      "--aht: expected a number > 0, got '0'",
    ],
    [['c', '--calls', '100', '--aht', '180'], 'missing --agents. For example: --agents 14'],
    [['a', '--traffic', '10', '--aht', '180', '--agents', '14'], 'missing --patience'],
    [
      ['b', '--traffic', '10', '--blocking', '1.5'],
      "--blocking: expected a fraction between 0 and 1 (exclusive), got '1.5'",
    ],
    [
      ['c', '--agents', '14', '--aht', '1', '--calls', '1', '--speed', '3'],
      "Unknown option '--speed'",
    ],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stdout()).toBe('');
  });
});
