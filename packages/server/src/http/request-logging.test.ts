// One log line per request only at the debug level (at 500 requests a second the log would be
// the load), and those lines carry no phone number.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { openSqliteStore } from '@relais/store';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../app.ts';

async function linesLoggedAt(level: 'info' | 'debug', url: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-logging-'));
  const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  const server = await buildServer({ store, logger: { level, stream } });
  try {
    await server.app.inject({ method: 'GET', url });
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

describe('request logging', () => {
  it('writes no line per request at the info level', async () => {
    const lines = await linesLoggedAt('info', '/healthz');
    expect(lines.filter((line) => line.includes('incoming request'))).toEqual([]);
  });

  it('writes each request at the debug level, its phone numbers masked', async () => {
    const lines = await linesLoggedAt('debug', '/healthz?number=+33612345678');
    const incoming = lines.filter((line) => line.includes('incoming request'));
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toContain('**********78');
    expect(incoming[0]).not.toContain('612345678');
  });
});
