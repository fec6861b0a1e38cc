// Request limits: too many requests get 429 in the API's error shape; so do sign-in floods.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '@relais/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RelaisServer } from './app.ts';

let dir: string;
let server: RelaisServer;
const store = (): ReturnType<typeof openSqliteStore> =>
  openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
let opened: ReturnType<typeof openSqliteStore>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-limits-'));
  opened = store();
  await opened.migrate();
  server = await buildServer({
    store: opened,
    rateLimitPerMinute: 5,
    settings: { loginPerMinute: 2 },
  });
});
afterAll(async () => {
  await server.close();
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('limits', () => {
  it('answers 429 with the error shape past the per-minute limit', async () => {
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 7; i++) {
      const reply = await server.app.inject({ method: 'GET', url: '/healthz' });
      statuses.push(reply.statusCode);
      last = reply.body;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(JSON.parse(last)).toMatchObject({
      error: {
        code: 'RateLimited',
        message: expect.stringMatching(/more than 5 requests/) as string,
      },
    });
  });

  it('limits sign-in attempts per address more tightly', async () => {
    const attempt = async (): Promise<number> =>
      (
        await server.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '10.0.0.9',
          payload: { username: 'x', password: 'y' },
        })
      ).statusCode;
    expect([await attempt(), await attempt(), await attempt()]).toEqual([401, 401, 429]);
  });
});
