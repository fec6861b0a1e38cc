// Runs sipp (Debian package sip-tester) as a test peer on loopback.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCENARIOS = fileURLToPath(new URL('../../../test-scenarios/', import.meta.url));

/** Fails loudly when sipp is not installed: these tests must not pass by skipping. */
export function requireSipp(): void {
  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error !== undefined || !`${probe.stdout}${probe.stderr}`.includes('SIPp')) {
    throw new Error('sipp is missing: install the Debian package sip-tester (.ci/run installs it)');
  }
}

/** A free UDP port on 127.0.0.1 (bound then released, for sipp's -p). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export interface SippRun {
  readonly process: ChildProcess;
  /** Resolves with sipp's exit code (0: every call succeeded) and its output. */
  readonly done: Promise<{ code: number | null; output: string }>;
}

const running = new Set<ChildProcess>();

/** Starts sipp with a scenario of test-scenarios/ (or an absolute path) and the given arguments, for one call, exiting on timeout. */
export function runSipp(scenario: string, args: readonly string[]): SippRun {
  const cwd = mkdtempSync(path.join(tmpdir(), 'relais-sipp-'));
  const child = spawn(
    'sipp',
    [
      '-sf',
      path.isAbsolute(scenario) ? scenario : path.join(SCENARIOS, scenario),
      '-i',
      '127.0.0.1',
      '-m',
      '1',
      '-nostdin',
      '-timeout',
      '20s',
      '-timeout_error',
      '-trace_err',
      ...args,
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      resolve({ code, output });
    });
  });
  return { process: child, done };
}

/** Kills every sipp still running (afterAll). */
export function killSipps(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
