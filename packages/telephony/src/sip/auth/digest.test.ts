import { describe, expect, it } from 'vitest';
import { header, type SipRequest } from '../message/message.ts';
import { buildResponse } from '../message/response.ts';
import { makeRequest } from '../testing/transaction-builders.ts';
import { parseAuthHeader } from './auth-params.ts';
import { digestResponse } from './digest.ts';
import { DigestClient } from './digest-client.ts';
import { DigestServer, type DigestServerOptions } from './digest-server.ts';

const register = () => makeRequest({ method: 'REGISTER', uri: 'sip:relais.example.com' });
const withHeader = (request: SipRequest, name: string, value: string): SipRequest => ({
  ...request,
  headers: [...request.headers, header(name, value)],
});

function setup(options: Partial<DigestServerOptions> = {}) {
  const clock = { nowMs: 1_000_000 };
  const server = new DigestServer({
    realm: 'relais.example.com',
    secret: 'test-secret',
    lookupPassword: (user) => (user === 'agent-7' ? 'pass word 7' : undefined),
    now: () => clock.nowMs,
    ...options,
  });
  let cnonce = 0;
  const client = (password = 'pass word 7') =>
    new DigestClient({ username: 'agent-7', password }, () => `cnonce-${++cnonce}`);
  /** The request answered to a fresh challenge. */
  const answered = (request: SipRequest, password?: string) => {
    const { status, headers } = server.challenge();
    const challenge = buildResponse(request, status, { toTag: 'x', headers });
    return client(password).retry(request, challenge, 'retry-1')!;
  };
  return { clock, server, client, answered };
}

describe('digest computation', () => {
  it('[AUTH2] gives the responses of the RFC 7616 §3.9.1 example for MD5 and SHA-256', () => {
    const input = {
      username: 'Mufasa',
      realm: 'http-auth@example.org',
      password: 'Circle of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      nc: '00000001',
      cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
    };
    expect(digestResponse({ ...input, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse({ ...input, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });
});

describe('DigestServer', () => {
  it('[AUTH1] challenges with 401 and one WWW-Authenticate per algorithm, SHA-256 first', () => {
    const { server } = setup();
    const { status, headers } = server.challenge();
    expect(status).toBe(401);
    expect(headers.map((h) => parseAuthHeader(h.value)?.params.get('algorithm'))).toEqual([
      'SHA-256',
      'MD5',
    ]);
    expect(headers[0]?.value).toMatch(
      /^Digest realm="relais.example.com", qop="auth", algorithm=SHA-256, nonce="[^"]+"$/,
    );
    expect(
      new DigestServer({
        realm: 'r',
        secret: 's',
        lookupPassword: () => undefined,
        proxy: true,
      }).challenge().headers[0]?.name,
    ).toBe('Proxy-Authenticate');
  });

  it('[AUTH2][AUTH4] accepts the client answer with SHA-256, and with MD5 when only MD5 is offered', () => {
    const { server, answered } = setup();
    const request = answered(register());
    expect(parseAuthHeader(request.headers.at(-1)!.value)?.params.get('algorithm')).toBe('SHA-256');
    expect(server.verify(request)).toEqual({ ok: true, username: 'agent-7' });
    const md5 = setup({ algorithms: ['MD5'] });
    expect(md5.server.verify(md5.answered(register()))).toEqual({ ok: true, username: 'agent-7' });
  });

  it('[AUTH2] refuses a wrong password, an unknown user, another realm, another URI, a forged nonce', () => {
    const { server, answered } = setup();
    expect(server.verify(register())).toEqual({ ok: false, reason: 'missing' });
    expect(server.verify(answered(register(), 'wrong'))).toEqual({
      ok: false,
      reason: 'wrong-response',
    });
    const good = answered(register());
    const auth = good.headers.at(-1)!.value;
    const rewrite = (from: string, to: string) => ({
      ...good,
      headers: [...good.headers.slice(0, -1), header('Authorization', auth.replace(from, to))],
    });
    expect(server.verify(rewrite('username="agent-7"', 'username="agent-8"'))).toEqual({
      ok: false,
      reason: 'unknown-user',
    });
    expect(server.verify(rewrite('realm="relais.example.com"', 'realm="other"'))).toEqual({
      ok: false,
      reason: 'wrong-realm',
    });
    expect(server.verify(rewrite('uri="sip:relais.example.com"', 'uri="sip:elsewhere"'))).toEqual({
      ok: false,
      reason: 'uri-mismatch',
    });
    expect(server.verify(rewrite('nonce="', 'nonce="x'))).toEqual({
      ok: false,
      reason: 'forged-nonce',
    });
    expect(server.verify(rewrite('qop=auth', 'qop=auth-int'))).toEqual({
      ok: false,
      reason: 'unsupported',
    });
  });

  it('[AUTH3] answers a right response to an expired nonce with stale, and a fresh challenge says stale=true', () => {
    const { server, answered, clock } = setup({ nonceLifetimeMs: 60_000 });
    const request = answered(register());
    clock.nowMs += 60_001;
    expect(server.verify(request)).toEqual({ ok: false, reason: 'stale' });
    expect(server.challenge(true).headers[0]?.value).toContain('stale=true');
  });

  it('[AUTH5] treats malformed credentials as refused, never throwing', () => {
    const { server } = setup();
    for (const bad of [
      '',
      'Digest',
      'Digest username',
      'Digest username="open',
      'Digest a=1, a=2',
      'Digest ,',
      'Basic dXNlcjpwdw==',
      'Digest realm="relais.example.com", nc=zz',
    ]) {
      const verdict = server.verify(withHeader(register(), 'Authorization', bad));
      expect(verdict.ok, bad).toBe(false);
    }
  });
});

describe('DigestClient', () => {
  it('[AUTH4] counts nc per nonce, keeps opaque, and retries with the next CSeq and a new branch', () => {
    const client = new DigestClient({ username: 'u', password: 'p' }, () => 'c');
    const request = register();
    const challenge = buildResponse(request, 407, {
      headers: [
        header(
          'Proxy-Authenticate',
          'Digest realm="trunk", nonce="n1", opaque="o1", qop="auth,auth-int", algorithm=MD5',
        ),
      ],
    });
    const first = parseAuthHeader(client.authorize(request, challenge)!.value)!;
    const second = parseAuthHeader(client.authorize(request, challenge)!.value)!;
    expect([first.params.get('nc'), second.params.get('nc')]).toEqual(['00000001', '00000002']);
    expect(first.params.get('opaque')).toBe('o1');
    const retry = client.retry(request, challenge, 'b2')!;
    expect(retry.headers.find((h) => h.key === 'cseq')?.value).toBe('2 REGISTER');
    expect(retry.headers.find((h) => h.key === 'via')?.value).toContain('branch=z9hG4bKb2');
    expect(retry.headers.at(-1)?.name).toBe('Proxy-Authorization');
  });

  it('[AUTH4] answers a challenge without qop (RFC 2069) and ignores unusable ones', () => {
    const client = new DigestClient({ username: 'u', password: 'p' }, () => 'c');
    const request = register();
    const old = buildResponse(request, 401, {
      headers: [header('WWW-Authenticate', 'Digest realm="r", nonce="n"')],
    });
    expect(client.authorize(request, old)?.value).not.toContain('qop');
    const unusable = buildResponse(request, 401, {
      headers: [
        header('WWW-Authenticate', 'Digest realm="r", nonce="n", algorithm=MD5-sess'),
        header('WWW-Authenticate', 'Basic realm="r"'),
      ],
    });
    expect(client.authorize(request, unusable)).toBeUndefined();
  });
});
