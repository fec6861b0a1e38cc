import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeaders, useSecurityHeaders } from './security-headers.ts';

const OPTIONS = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], styleSrc: ["'self'"] } },
};

describe('security headers', () => {
  it("are helmet's, worked out once", () => {
    const headers = securityHeaders(OPTIONS);
    expect(headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'self'") as string,
      'strict-transport-security': expect.stringContaining('max-age=') as string,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(headers['x-powered-by']).toBeUndefined();
  });

  it('refuses options helmet refuses, at start', () => {
    expect(() =>
      securityHeaders({ contentSecurityPolicy: { directives: { 'default-src': ['self'] } } }),
    ).toThrow(/default-src/);
  });

  it('are on every reply: a route, an error, a 404', async () => {
    const app = Fastify();
    useSecurityHeaders(app, OPTIONS);
    app.get('/ok', () => ({ ok: true }));
    app.get('/fail', () => {
      throw new Error('boom');
    });
    for (const url of ['/ok', '/fail', '/missing']) {
      const reply = await app.inject({ method: 'GET', url });
      expect(reply.headers['x-content-type-options'], url).toBe('nosniff');
      expect(reply.headers['content-security-policy'], url).toContain("style-src 'self'");
    }
    await app.close();
  });
});
