import { createSocket } from 'node:dgram';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { NgClient } from './ng-client.ts';
import { startRtpengine } from './rtpengine-process.ts';

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof MediaError)) throw error;
  return error;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('rtpengine process', () => {
  it('[MED7] starts rtpengine on loopback, answers ping, and stops it for good', async () => {
    const lines: string[] = [];
    const engine = await startRtpengine({ logLevel: 6, onLog: (line) => lines.push(line) });
    try {
      expect(engine.address).toBe('127.0.0.1');
      expect(engine.portMax - engine.portMin).toBe(99);
      await engine.client.ping();
      expect(await engine.client.list()).toEqual([]);
      expect(isRunning(engine.pid)).toBe(true);
      expect(lines.join('\n')).toMatch(/Startup complete/);
    } finally {
      await engine.stop();
    }
    expect(isRunning(engine.pid)).toBe(false);
    const probe = await NgClient.open({ host: '127.0.0.1', port: engine.ngPort, timeoutMs: 50 });
    await expect(probe.ping()).rejects.toMatchObject({ code: 'NgTimeout' });
    await probe.close();
  });

  it('[MED7] fails loudly, with the package to install, when the binary is missing', async () => {
    const error = await rejection(startRtpengine({ binary: '/nonexistent/rtpengine' }));
    expect(error.code).toBe('RtpengineMissing');
    expect(error.message).toContain('apt-get install rtpengine-daemon');
    expect(error.message).toContain('/nonexistent/rtpengine');
  });

  it('[MED7] reports a daemon that exits while starting, with what it logged', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'relais-fake-rtpengine-'));
    const binary = join(directory, 'rtpengine');
    await writeFile(binary, '#!/bin/sh\necho "cannot open the kernel table" >&2\nexit 3\n');
    await chmod(binary, 0o755);
    const error = await rejection(startRtpengine({ binary }));
    expect(error.code).toBe('RtpengineStartFailed');
    expect(error.message).toContain('exited (code 3');
    expect(error.message).toContain('cannot open the kernel table');
  });

  it('[MED7] reports a daemon that cannot take its ng port', async () => {
    const squatter = createSocket('udp4');
    await new Promise<void>((resolve) => squatter.bind(0, '127.0.0.1', () => resolve()));
    try {
      const error = await rejection(startRtpengine({ ngPort: squatter.address().port }));
      expect(error.code).toBe('RtpengineStartFailed');
      expect(error.message).toContain(`ng 127.0.0.1:${squatter.address().port}`);
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });

  it('[MED7] refuses an unusable media port range before starting anything', async () => {
    for (const range of [
      { portMin: 30000, portMax: 30001 },
      { portMin: 80, portMax: 2000 },
      { portMin: 60000, portMax: 70000 },
      { portMin: 30000.5, portMax: 30100 },
    ]) {
      const error = await rejection(startRtpengine(range));
      expect(error.code, JSON.stringify(range)).toBe('MediaInvalidInput');
    }
  });
});
