// The built browser app served beside the API: files, the page for the app's own paths, 404s
// for everything else, and the same security headers as the API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore, type Store } from '@relais/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RelaisServer } from '../app.ts';

let dir: string;
let store: Store;
let server: RelaisServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-web-'));
  const web = path.join(dir, 'web');
  mkdirSync(path.join(web, 'assets'), { recursive: true });
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Relais</title>');
  writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'console.log(1)');
  store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  server = await buildServer({ store, web: { root: web } });
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => server.app.inject({ method: 'GET', url });

describe('the web app', () => {
  it('serves index.html at / and at the app’s own paths, never cached', async () => {
    for (const url of [
      '/',
      '/agent',
      '/queues?x=1',
      '/some/deep/page',
      '/client/queue/orbitel.fr',
      '/wallboard/queue/orbitel.fr',
    ]) {
      const reply = await get(url);
      expect(reply.statusCode, url).toBe(200);
      expect(reply.headers['content-type']).toContain('text/html');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.body).toContain('<title>Relais</title>');
    }
  });

  it('serves hashed assets for good, with the API’s security headers and policy', async () => {
    const reply = await get('/assets/index-abc123.js');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(reply.headers['content-security-policy']).toContain("script-src 'self'");
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const policy = (await get('/')).headers['content-security-policy'];
    expect(policy).toContain("default-src 'self'");
    // Without TLS (no secure cookies), a LAN address must not have its requests made HTTPS.
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('answers 404 for missing files and unknown API paths, not the page', async () => {
    for (const url of [
      '/assets/index-old.js',
      '/api/v1/nothing',
      '/api',
      '/favicon.ico',
      '/robots.txt',
    ]) {
      const reply = await get(url);
      expect(reply.statusCode, url).toBe(404);
      expect(reply.json(), url).toMatchObject({ error: { code: 'NotFound' } });
    }
    const post = await server.app.inject({ method: 'POST', url: '/agent' });
    expect(post.statusCode).toBe(404);
  });

  it('refuses to start on a folder with no built app', async () => {
    await expect(buildServer({ store, web: { root: path.join(dir, 'nothing') } })).rejects.toThrow(
      /no built web app/,
    );
  });
});
