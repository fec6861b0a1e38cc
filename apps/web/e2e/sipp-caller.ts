// Runs sipp (Debian package sip-tester) as a caller for the softphone call test; fails loudly
// when it is missing (.ci/run installs it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIOS = fileURLToPath(
  new URL('../../../packages/telephony/test-scenarios/', import.meta.url),
);

export function callWithSipp(
  scenario: string,
  service: string,
  target: string,
  localPort: number,
): Promise<{ code: number | null; output: string }> {
  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error !== undefined || !`${probe.stdout}${probe.stderr}`.includes('SIPp')) {
    throw new Error('sipp is missing: install the Debian package sip-tester (.ci/run installs it)');
  }
  const cwd = mkdtempSync(path.join(tmpdir(), 'relais-sipp-'));
  const child = spawn(
    'sipp',
    [
      '-sf',
      path.join(SCENARIOS, scenario),
      '-s',
      service,
      '-i',
      '127.0.0.1',
      '-p',
      String(localPort),
      '-m',
      '1',
      '-nostdin',
      '-timeout',
      '60s',
      '-timeout_error',
      '-trace_err',
      target,
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}
