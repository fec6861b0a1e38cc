import { describe, expect, it } from 'vitest';
import { captureConsole } from '../wfm/cli-capture.ts';
import { run } from './staff.ts';

const out = captureConsole();
const ISSUE_EXAMPLE = '--calls 100 --period 1800 --aht 180 --sl 80/20'.split(' ');

describe('relais staff', () => {
  it('issue #5: 14 agents, and with 30% shrinkage 20 positions', async () => {
    expect(await run([...ISSUE_EXAMPLE, '--shrinkage', '0.3', '--json'])).toBe(0);
    const json = out.lastJson();
    expect(json).toMatchObject({ agents: 14, positions: 20, pAbandon: 0 });
    expect(Object.keys(json).slice(0, 2)).toEqual(['agents', 'positions']);
    expect(json.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(json.occupancy).toBeCloseTo(10 / 14, 5);
  });

  it('Erlang A with an abandon cap, an occupancy cap and fractional staffing', async () => {
    const argv = [...ISSUE_EXAMPLE, '--model', 'a', '--patience', '300', '--max-abandon', '0.01'];
    expect(await run([...argv, '--max-occupancy', '0.85', '--fractional', '--json'])).toBe(0);
    const json = out.lastJson();
    expect(json.pAbandon).toBeLessThanOrEqual(0.01);
    expect(json.occupancy).toBeLessThanOrEqual(0.85);
    expect(json.fractionalAgents).toBeGreaterThan((json.agents as number) - 1);
    expect(json.fractionalAgents).toBeLessThanOrEqual(json.agents as number);
  });

  it.each([
    [['--calls=-1', '--aht', '180', '--sl', '80/20'], "--calls: expected a number ≥ 0, got '-1'"],
    [['--calls', '100', '--aht', '0', '--sl', '80/20'], "--aht: expected a number > 0, got '0'"],
    [[...ISSUE_EXAMPLE.slice(0, 6), '--sl', '120/20'], '--sl: expected PERCENT/SECONDS'],
    [
      [...ISSUE_EXAMPLE, '--max-abandon', '1.2', '--model', 'a', '--patience', '60'],
      '--max-abandon: expected a fraction',
    ],
    [[...ISSUE_EXAMPLE, '--shrinkage', '1'], "--shrinkage: expected a fraction in [0, 1), got '1'"],
    [[...ISSUE_EXAMPLE, '--model', 'a'], '--model a needs --patience SECONDS'],
    [[...ISSUE_EXAMPLE, '--max-abandon', '0.05'], '--max-abandon and --patience need --model a'],
    [[...ISSUE_EXAMPLE, '--model', 'b'], "--model: expected c (Erlang C) or a (Erlang A), got 'b'"],
    [ISSUE_EXAMPLE.slice(0, 6), 'missing target'],
    [[...ISSUE_EXAMPLE, '--agents', '3'], "Unknown option '--agents'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stdout()).toBe('');
  });

  it('no traffic needs nobody', async () => {
    expect(await run(['--calls', '0', '--aht', '180', '--sl', '80/20', '--json'])).toBe(0);
    expect(out.lastJson()).toMatchObject({ agents: 0, positions: 0, serviceLevel: 1 });
  });
});
