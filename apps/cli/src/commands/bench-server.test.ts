import { describe, expect, it } from 'vitest';
import { captureConsole } from '../wfm/cli-capture.ts';
import { run } from './bench-server.ts';

const out = captureConsole();

describe('relais bench-server', () => {
  it.each([
    [['--warm-up=-1'], "--warm-up: expected an integer from 0 to 600, got '-1'"],
    [['--warm-up', '2.5'], "--warm-up: expected an integer from 0 to 600, got '2.5'"],
    [['--agents', '0'], "--agents: expected an integer from 1 to 20000, got '0'"],
    [['--rate', 'fast'], "--rate: expected an integer from 1 to 10000, got 'fast'"],
    [['--clients', '3'], "Unknown option '--clients'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stdout()).toBe('');
  });

  it('runs a small load on a real server and ends with one JSON line (timings not asserted)', async () => {
    const argv = ['--agents', '6', '--rate', '20', '--seconds', '1', '--warm-up', '1'];
    argv.push('--talk-ms', '10');
    expect(await run(argv)).toBe(0);
    const json = out.lastJson();
    expect(json).toMatchObject({
      agents: 6,
      contactsCreated: 20,
      lost: 0,
      createErrors: 0,
      contactsCompleted: 20,
      offersMeasured: 20,
      warmUpSeconds: 1,
      database: 'sqlite',
    });
    expect(json.serverCpuMsPerContact).toBeGreaterThan(0);
    // The whole machine's CPU (Linux): at least the server's share of it.
    if (process.platform === 'linux') expect(json.machineCpuMsPerContact).toBeGreaterThan(0);
    expect(out.stderr()).toContain('after 1 s of warm-up, 0 lost');
  }, 120_000);
});
