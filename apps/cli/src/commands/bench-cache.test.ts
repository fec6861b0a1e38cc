import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './bench-cache.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

describe('relais bench-cache flags', () => {
  it.each([
    [['--agents', 'lots'], "--agents: expected an integer from 1000 to 200000, got 'lots'"],
    [['--agents', '999'], '--agents: expected an integer from 1000 to 200000'],
    [['--window', '10'], '--window: expected an integer from 1000 to 1000000'],
    [['--window', '4e4.5'], '--window: expected an integer from 1000 to 1000000'],
    [['--ll-mb', '0'], '--ll-mb: expected an integer from 1 to 256'],
    [['--ll-mb', '512'], '--ll-mb: expected an integer from 1 to 256'],
    [['--ll-mb', '6'], "--ll-mb: expected a power of two (1, 2, 4, … 256), got '6'"],
    [['--ll-mb', '2.5'], '--ll-mb: expected an integer from 1 to 256'],
    [['--seed=-1'], '--seed: expected an integer from 0 to 4294967295'],
    [['--top', '0'], '--top: expected an integer from 1 to 200'],
    [['--ll', '8'], "Unknown option '--ll'"],
    [['--window'], "Option '--window <value>' argument missing"],
    [['100000'], "Unexpected argument '100000'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais bench-cache');
    expect(log).not.toHaveBeenCalled();
  });

  it('prints its help and exits 0', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(String(log.mock.calls[0]?.[0])).toContain('--ll-mb M');
  });

  it.each([
    ['neither valgrind nor callgrind_control', []],
    ['valgrind without callgrind_control', ['valgrind']],
  ])('with %s on the PATH, exits 1 and says how to install it', async (_, present) => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-no-valgrind-'));
    try {
      // A stand-in that is never run: the command looks for both tools before starting either.
      for (const tool of present) {
        writeFileSync(join(dir, tool), '#!/bin/sh\nexit 3\n');
        chmodSync(join(dir, tool), 0o755);
      }
      vi.stubEnv('PATH', dir);
      expect(await run(['--agents', '1000', '--ll-mb', '16'])).toBe(1);
      expect(stderr()).toContain('valgrind not found: apt-get install -y valgrind');
      expect(log).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('when the profiled process fails, exits 1 with what it wrote on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-failing-valgrind-'));
    try {
      // Stand-ins: a "valgrind" that fails at once, before running anything.
      writeFileSync(join(dir, 'valgrind'), '#!/bin/sh\necho "no such tool" >&2\nexit 3\n');
      writeFileSync(join(dir, 'callgrind_control'), '#!/bin/sh\nexit 0\n');
      for (const tool of ['valgrind', 'callgrind_control']) chmodSync(join(dir, tool), 0o755);
      vi.stubEnv('PATH', dir);
      expect(await run(['--agents', '1000'])).toBe(1);
      expect(stderr()).toContain('the profiled process exited with 3');
      expect(stderr()).toContain('no such tool');
      expect(log).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
