// The desktop softphone's credential route on the real server with telephony on (SIP over UDP
// and WebSocket, a real rtpengine): only the agent itself gets one, bad input gets a clear
// error, and a sipp phone registers with it — not with a tampered or borrowed one.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SoftphoneAccess } from '@relais/protocol';
import {
  freeUdpPort,
  killSipps,
  makeToneWav,
  requireSipp,
  runSipp,
} from '@relais/telephony/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agent, Harness, site, type Caller } from '../testing/harness.ts';
import { phoneKey } from './phone-book.ts';
import type { TelephonyOptions } from './telephony-options.ts';
import type { TelephonyService } from './telephony-service.ts';

const STORED = 'stored-sip-password-7';
const URL7 = '/api/v1/agents/a7/softphone-credential';
let music: string;
let h: Harness;
let admin: Caller & { tenantId: string };
let agent7: Caller;
let agent8: Caller;
let agent9: Caller;
let telephony: TelephonyService;

const options = (wsPort: number | false): TelephonyOptions => ({
  host: '127.0.0.1',
  udpPort: 0,
  tcpPort: false,
  wsPort,
  rtpengine: { start: true },
  holdMusicFile: music,
  realm: 'relais.test',
});

/** Agents a7 and a8 with SIP users, a9 without; each signed in as its own agent user. */
async function agents(on: Harness, boss: Caller): Promise<Caller[]> {
  await on.ok(boss, 'POST', '/api/v1/sites', site('rabat'));
  await on.ok(boss, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  for (const [id, sip] of [
    ['a7', { sipUser: 'agent-7', sipPassword: STORED }],
    ['a8', { sipUser: 'agent-8', sipPassword: 'stored-sip-password-8' }],
    ['a9', {}],
  ] as const) {
    await on.ok(boss, 'POST', '/api/v1/agents', agent(id, 'rabat', sip));
  }
  return Promise.all(
    ['a7', 'a8', 'a9'].map((id) => on.user(boss, 'agent', { agentId: id }, `user-${id}`)),
  );
}

beforeAll(async () => {
  requireSipp();
  music = join(await mkdtemp(join(tmpdir(), 'relais-moh-')), 'hold.wav');
  await writeFile(music, makeToneWav({ seconds: 1 }));
  h = await Harness.start({ telephony: options(0) });
  telephony = h.server.telephony as TelephonyService;
  admin = await h.tenantAdmin('desk');
  [agent7, agent8, agent9] = (await agents(h, admin)) as [Caller, Caller, Caller];
}, 60_000);

afterEach(() => killSipps());
afterAll(async () => {
  await h?.stop();
});

const codeOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { code: string } | undefined)?.code;
const messageOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { message: string } | undefined)?.message ?? '';

/** A sipp phone registers over UDP as `sipUser` with these digest credentials; its exit code. */
async function register(sipUser: string, user: string, password: string): Promise<number | null> {
  const run = runSipp('uac-agent-registers.xml', [
    '-t',
    'u1',
    '-p',
    String(await freeUdpPort()),
    '-key',
    'sip_user',
    sipUser,
    '-au',
    user,
    '-ap',
    password,
    `127.0.0.1:${telephony.endpoint.local('udp').port}`,
  ]);
  return (await run.done).code;
}

describe('POST /api/v1/agents/:id/softphone-credential', () => {
  it('[SPD3] sign-in and /auth/me tell the app that the server takes SIP calls', async () => {
    const login = await h.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'user-a7', password: 'correct horse battery staple' },
    });
    expect(login.json()).toMatchObject({ telephony: true });
    expect((await h.call(agent7, 'GET', '/api/v1/auth/me')).body).toMatchObject({
      telephony: true,
    });
  });

  it('[SPD2] gives the agent itself the WebSocket, its address of record and a credential, never the stored password', async () => {
    const before = Date.now();
    const reply = await h.call<SoftphoneAccess & Record<string, unknown>>(agent7, 'POST', URL7);
    expect(reply.status).toBe(200);
    const access = reply.body;
    expect(access).toMatchObject({
      webSocketUrl: `ws://127.0.0.1:${telephony.endpoint.local('ws').port}`,
      sipUri: 'sip:agent-7@relais.test',
      realm: 'relais.test',
    });
    expect(access.authorizationUser).toMatch(/^agent-7~\d+$/);
    expect(JSON.stringify(access)).not.toContain(STORED);
    // The page may open the SIP WebSocket (another port than its own).
    const page = await h.server.app.inject({ method: 'GET', url: '/healthz' });
    expect(page.headers['content-security-policy']).toContain(
      "connect-src 'self' ws://127.0.0.1:*",
    );
    // Good for an hour, renewed after half of it.
    const expires = Date.parse(access.expiresAt);
    expect(expires).toBeGreaterThan(before + 3_599_000);
    expect(access.renewInSeconds).toBeGreaterThan(1700);
    expect(access.renewInSeconds * 1000).toBeLessThan(expires - before);
  });

  it('[SPD2] refuses everyone but the agent itself (403), unsigned callers (401), bad ids (400), agents without a SIP user (409)', async () => {
    for (const caller of [admin, agent8, await h.apiKey(admin, 'admin')]) {
      const reply = await h.call(caller, 'POST', URL7);
      expect(reply.status).toBe(403);
      expect(codeOf(reply)).toBe('Forbidden');
    }
    expect(messageOf(await h.call(agent8, 'POST', URL7))).toMatch(/only agent "a7"/);
    expect((await h.call(undefined, 'POST', URL7)).status).toBe(401);
    const bad = await h.call(agent7, 'POST', '/api/v1/agents/a%20b/softphone-credential');
    expect(bad.status).toBe(400);
    expect(messageOf(bad)).toMatch(/^id:/);
    const none = await h.call(agent9, 'POST', '/api/v1/agents/a9/softphone-credential');
    expect(none.status).toBe(409);
    expect(codeOf(none)).toBe('NoSipUser');
    expect(messageOf(none)).toMatch(/sipUser and sipPassword/);
  });

  it('[SPD1] a phone registers with the credential as the agent, and the B2BUA finds it; tampered, borrowed or stored-password-changed credentials are refused', async () => {
    const access = await h.ok<SoftphoneAccess>(agent7, 'POST', URL7);
    expect(await register('agent-7', access.authorizationUser, access.password)).toBe(0);
    const phone = telephony.resolveAgent(phoneKey(admin.tenantId, 'a7'));
    expect(phone?.uri).toMatch(/^sip:agent-7@127\.0\.0\.1:\d+/);
    // Another expiry with the same password, another password, another agent's address of record.
    const expiry = Number(access.authorizationUser.split('~')[1]);
    expect(await register('agent-7', `agent-7~${expiry - 1}`, access.password)).not.toBe(0);
    expect(await register('agent-7', access.authorizationUser, `${access.password}x`)).not.toBe(0);
    expect(await register('agent-8', access.authorizationUser, access.password)).not.toBe(0);
    expect(telephony.registrar.resolve('sip:agent-8@relais.test')).toEqual([]);
    // The administrator changes the stored password: the credentials given before stop working.
    await h.ok(
      admin,
      'PUT',
      '/api/v1/agents/a7',
      agent('a7', 'rabat', { sipUser: 'agent-7', sipPassword: 'a-brand-new-password' }),
    );
    expect(await register('agent-7', access.authorizationUser, access.password)).not.toBe(0);
    const fresh = await h.ok<SoftphoneAccess>(agent7, 'POST', URL7);
    expect(await register('agent-7', fresh.authorizationUser, fresh.password)).toBe(0);
  }, 60_000);
});

describe('the softphone credential when the server cannot give one', () => {
  it('[SPD2] telephony off: 404 TelephonyOff; no WebSocket port: 409 NoWebSocket', async () => {
    for (const telephonyOptions of [undefined, options(false)]) {
      const other = await Harness.start(
        telephonyOptions === undefined ? {} : { telephony: telephonyOptions },
      );
      try {
        const boss = await other.tenantAdmin('other');
        const [seven] = (await agents(other, boss)) as [Caller];
        const reply = await other.call(seven, 'POST', URL7);
        const me = (await other.call(seven, 'GET', '/api/v1/auth/me')).body;
        expect(me.telephony).toBe(telephonyOptions === undefined ? undefined : true);
        const csp = (await other.server.app.inject({ method: 'GET', url: '/healthz' })).headers[
          'content-security-policy'
        ];
        expect(csp).not.toContain('connect-src');
        if (telephonyOptions === undefined) {
          expect(reply.status).toBe(404);
          expect(codeOf(reply)).toBe('TelephonyOff');
          expect(messageOf(reply)).toMatch(/--sip-host/);
        } else {
          expect(reply.status).toBe(409);
          expect(codeOf(reply)).toBe('NoWebSocket');
          expect(messageOf(reply)).toMatch(/--sip-ws-port/);
        }
      } finally {
        await other.stop();
      }
    }
  }, 60_000);
});

describe('the softphone credential behind a TLS proxy', () => {
  it('[SPD2] gives the --sip-ws-url browsers reach, and the content security policy allows it', async () => {
    const proxied = await Harness.start({
      telephony: { ...options(0), wsUrl: 'wss://relais.example.com/sip' },
    });
    try {
      const boss = await proxied.tenantAdmin('proxied');
      const [seven] = (await agents(proxied, boss)) as [Caller];
      const access = await proxied.ok<SoftphoneAccess>(seven, 'POST', URL7);
      expect(access.webSocketUrl).toBe('wss://relais.example.com/sip');
      const csp = (await proxied.server.app.inject({ method: 'GET', url: '/healthz' })).headers[
        'content-security-policy'
      ];
      expect(csp).toMatch(/(^|;)connect-src 'self' wss:\/\/relais\.example\.com(;|$)/);
    } finally {
      await proxied.stop();
    }
  }, 60_000);
});
