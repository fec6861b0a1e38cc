// `npm run bench:sip-server` run tiny: real server, rtpengine and sipp on loopback; every call
// must reach an agent through the routing engine. No timing is asserted, only counts and shape.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireSipp } from '@relais/telephony/testing';
import { describe, expect, it } from 'vitest';
import { BenchFlagError, readBenchSipFlags } from './bench-sip-flags.ts';

const SCRIPT = fileURLToPath(new URL('./bench-sip-server.ts', import.meta.url));

function bench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('bench:sip-server', () => {
  it('[TELB1] sipp calls through the real server: each one connected by the engine, the last line the issue fields', async () => {
    requireSipp();
    const run = await bench(['--rate', '5', '--seconds', '2', '--hold-ms', '500', '--agents', '4']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('4 phones registered');
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    const report = JSON.parse(last) as Record<string, unknown>;
    for (const field of ['callsPerSec', 'concurrentCalls', 'setupP99Ms', 'setupP50Ms'])
      expect(typeof report[field], field).toBe('number');
    expect(report).toMatchObject({
      failedCalls: 0,
      withMedia: false,
      offered: 10,
      answered: 10,
      contactsArrived: 10,
      contactsConnected: 10,
      contactsAbandoned: 0,
      ended: 10,
      leftAtEnd: 0,
    });
    expect(typeof report['serverCpuMsPerCall']).toBe('number');
    expect(typeof report['eventLoopDelayP99Ms']).toBe('number');
    expect(report['loadAverage']).toHaveLength(2);
  }, 120_000);

  it('[TELB2] a bad flag is refused with what was wrong, before anything starts', async () => {
    const run = await bench(['--rate', 'fast']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--rate must be a positive number, got "fast"');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('[TELB2] every flag is checked: unknown, non-positive, not whole, missing value', () => {
    const refused = (argv: string[]) => {
      try {
        readBenchSipFlags(argv);
      } catch (error) {
        expect(error).toBeInstanceOf(BenchFlagError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${argv.join(' ')}`);
    };
    expect(refused(['--speed', '3'])).toMatch(/Unknown option '--speed'[\s\S]*usage:/);
    expect(refused(['--seconds', '0'])).toContain('--seconds must be a positive number, got "0"');
    expect(refused(['--hold-ms=-5'])).toContain('--hold-ms must be a positive number');
    expect(refused(['--music-seconds', ''])).toContain('--music-seconds must be a positive');
    expect(refused(['--agents', '2.5'])).toContain('--agents must be a whole number');
    expect(refused(['--agents', '0'])).toContain('--agents must be a whole number');
    expect(refused(['--rate'])).toMatch(/--rate/);
    expect(refused(['extra'])).toMatch(/positional|usage/i);
  });

  it('[TELB2] the defaults are the issue target, with agents enough for the calls at once', () => {
    expect(readBenchSipFlags([])).toEqual({
      rate: 200,
      seconds: 60,
      holdMs: 10_000,
      media: false,
      agents: 2450,
      musicSeconds: 2,
    });
    expect(readBenchSipFlags(['--rate', '5', '--hold-ms', '1000']).agents).toBe(65);
  });
});
