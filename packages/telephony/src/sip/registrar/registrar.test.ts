import { describe, expect, it } from 'vitest';
import type { SipHeader } from '../message/message.ts';
import {
  answerChallenge,
  phoneAt,
  registerRequest,
  registerWithCredentials,
  type RegisterSpec,
} from '../testing/register-builders.ts';
import type { RemoteAddress } from '../transport/types.ts';
import { Registrar, type RegisteredContact, type RegistrarOptions } from './registrar.ts';

const PASSWORDS = new Map([
  ['agent-7', 'secret-7'],
  ['agent-8', 'secret-8'],
]);

function setup(options: Partial<RegistrarOptions> = {}) {
  const clock = { now: 1_800_000_000_000 };
  const changes: Array<[string, readonly RegisteredContact[]]> = [];
  const registrar = new Registrar({
    realm: 'relais.example.com',
    secret: 'registrar-test',
    lookupPassword: (user) => PASSWORDS.get(user),
    now: () => clock.now,
    onBindingsChanged: (aor, bindings) => changes.push([aor, bindings]),
    ...options,
  });
  const register = (spec: RegisterSpec = {}, source: RemoteAddress = phoneAt()) =>
    registerWithCredentials(
      registrar,
      registerRequest(spec),
      PASSWORDS.get(spec.user ?? 'agent-7') ?? 'nope',
      source,
    );
  return { registrar, clock, changes, register };
}

const contacts = (headers: readonly SipHeader[]) =>
  headers.filter((h) => h.key === 'contact').map((h) => h.value);
const AOR = 'sip:agent-7@relais.example.com';

describe('Registrar', () => {
  it('[REG1] challenges a REGISTER without credentials or with a wrong password, and stores nothing', () => {
    const { registrar } = setup();
    const bare = registrar.process(registerRequest(), phoneAt());
    expect(bare.status).toBe(401);
    expect(bare.headers.find((h) => h.key === 'www-authenticate')?.value).toMatch(
      /^Digest realm="relais.example.com"/,
    );
    const wrong = registerWithCredentials(registrar, registerRequest(), 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.reason).toBe('wrong-response');
    expect(registrar.resolve(AOR)).toEqual([]);
  });

  it('[REG1] challenges again with stale=true when the nonce is older than its lifetime', () => {
    const { registrar, clock } = setup();
    const request = registerRequest();
    const challenge = registrar.process(request, phoneAt());
    clock.now += 10 * 60_000;
    const outcome = registrar.process(answerChallenge(request, challenge, 'secret-7'), phoneAt());
    expect(outcome.status).toBe(401);
    expect(outcome.headers.some((h) => h.value.includes('stale=true'))).toBe(true);
  });

  it('[REG2] refuses another user’s AoR (403), an unserved domain (404), an AoR that is not a SIP URI with a user (404), an unknown Require (420)', () => {
    const { registrar, register } = setup({ domains: ['relais.example.com'] });
    const other = registerWithCredentials(
      registrar,
      registerRequest({ to: '<sip:agent-8@relais.example.com>' }),
      'secret-7',
      phoneAt(),
      'agent-7',
    );
    expect(other.status).toBe(403);
    expect(other.reason).toBe('user agent-7 may not register sip:agent-8@relais.example.com');
    const foreign = registrar.process(
      { ...registerRequest(), uri: 'sip:elsewhere.example.org' },
      phoneAt(),
    );
    expect(foreign.status).toBe(404);
    const tel = registerWithCredentials(
      registrar,
      registerRequest({ to: '<tel:+212600123456>' }),
      'secret-7',
      phoneAt(),
      'agent-7',
    );
    expect(tel.status).toBe(404);
    const require = register({ extra: ['Require: outbound, frobnicate'] });
    expect(require.status).toBe(420);
    expect(require.headers.find((h) => h.key === 'unsupported')?.value).toBe('frobnicate');
    expect(registrar.resolve(AOR)).toEqual([]);
  });

  it('[REG2] lets the authorize callback decide who registers which AoR', () => {
    const { registrar } = setup({
      authorize: (user, aor) => user === 'agent-7' && aor.includes('desk-'),
    });
    const desk = registerWithCredentials(
      registrar,
      registerRequest({ user: 'desk-12', contacts: ['<sip:desk-12@192.0.2.10:5062>'] }),
      'secret-7',
      phoneAt(),
      'agent-7',
    );
    expect(desk.status).toBe(200);
    expect(registrar.resolve('sip:desk-12@relais.example.com')[0]?.username).toBe('agent-7');
  });

  it('[REG3][REG6] grants the Contact expires over the Expires header over the default, caps at the maximum, and lists every binding in the 200', () => {
    const { register } = setup();
    const outcome = register({
      expires: 300,
      contacts: [
        '<sip:agent-7@192.0.2.10:5062>;expires=120',
        '<sip:agent-7@192.0.2.11:5062>',
        '<sip:agent-7@192.0.2.12:5062>;expires=99999',
      ],
    });
    expect(outcome.status).toBe(200);
    expect(contacts(outcome.headers).sort()).toEqual([
      '<sip:agent-7@192.0.2.10:5062>;expires=120',
      '<sip:agent-7@192.0.2.11:5062>;expires=300',
      '<sip:agent-7@192.0.2.12:5062>;expires=3600',
    ]);
    expect(outcome.headers.find((h) => h.key === 'date')?.value).toBe(
      'Fri, 15 Jan 2027 08:00:00 GMT',
    );
    const fetched = register({ contacts: [] });
    expect(contacts(fetched.headers)).toHaveLength(3);
  });

  it('[REG3] answers 423 with Min-Expires below the minimum and changes nothing; expires=0 removes one binding', () => {
    const { register, registrar } = setup({ policy: { minExpires: 60 } });
    expect(register({ cseq: 1 }).status).toBe(200);
    const brief = register({
      cseq: 2,
      contacts: [
        '<sip:agent-7@192.0.2.11:5062>;expires=30',
        '<sip:agent-7@192.0.2.10:5062>;expires=0',
      ],
    });
    expect(brief.status).toBe(423);
    expect(brief.headers.find((h) => h.key === 'min-expires')?.value).toBe('60');
    expect(registrar.resolve(AOR).map((c) => c.uri)).toEqual(['sip:agent-7@192.0.2.10:5062']);
    const removed = register({ cseq: 3, contacts: ['<sip:agent-7@192.0.2.10:5062>;expires=0'] });
    expect(removed.status).toBe(200);
    expect(contacts(removed.headers)).toEqual([]);
    expect(registrar.resolve(AOR)).toEqual([]);
  });

  it('[REG4] removes every binding with Contact * and Expires: 0, refuses * otherwise', () => {
    const { register, registrar } = setup();
    register({ contacts: ['<sip:agent-7@192.0.2.10:5062>', '<sip:agent-7@192.0.2.11:5062>'] });
    expect(register({ cseq: 2, contacts: ['*'], expires: 60 }).status).toBe(400);
    expect(
      register({ cseq: 2, contacts: ['*', '<sip:agent-7@192.0.2.10>'], expires: 0 }).status,
    ).toBe(400);
    expect(register({ cseq: 2, contacts: ['*'] }).status).toBe(400);
    expect(registrar.resolve(AOR)).toHaveLength(2);
    const all = register({ cseq: 3, contacts: ['*'], expires: 0 });
    expect(all.status).toBe(200);
    expect(contacts(all.headers)).toEqual([]);
    expect(registrar.resolve(AOR)).toEqual([]);
  });

  it('[REG5] refuses an update with the same Call-ID and a CSeq not above the stored one (500); another Call-ID may update', () => {
    const { register, registrar } = setup();
    expect(register({ cseq: 5, expires: 600 }).status).toBe(200);
    const stale = register({ cseq: 5, expires: 0 });
    expect(stale.status).toBe(500);
    expect(stale.reason).toMatch(/out of order: CSeq 5 is not above 5/);
    expect(register({ cseq: 4, expires: 0 }).status).toBe(500);
    expect(registrar.resolve(AOR)).toHaveLength(1);
    expect(register({ cseq: 1, callId: 'another-phone-boot', expires: 900 }).status).toBe(200);
    expect(registrar.resolve(AOR)[0]?.expiresIn).toBe(900);
    const wildcard = register({
      cseq: 1,
      callId: 'another-phone-boot',
      contacts: ['*'],
      expires: 0,
    });
    expect(wildcard.status).toBe(500);
  });

  it('[REG7] orders contacts by q, then the latest registered; refuses bad q, expires and Contact values with 400, all or nothing', () => {
    const { register, registrar, clock } = setup();
    register({
      contacts: ['<sip:agent-7@192.0.2.10:5062>;q=0.5', '<sip:agent-7@192.0.2.11:5062>;q=1.0'],
    });
    clock.now += 1000;
    register({ cseq: 2, contacts: ['<sip:agent-7@192.0.2.12:5062>;q=0.5'] });
    expect(registrar.resolve(AOR).map((c) => [c.uri, c.q])).toEqual([
      ['sip:agent-7@192.0.2.11:5062', 1],
      ['sip:agent-7@192.0.2.12:5062', 0.5],
      ['sip:agent-7@192.0.2.10:5062', 0.5],
    ]);
    for (const bad of [
      '<sip:agent-7@192.0.2.13>;q=1.5',
      '<sip:agent-7@192.0.2.13>;q=high',
      '<sip:agent-7@192.0.2.13>;expires=soon',
      '<sip:agent-7@192.0.2.13',
      '<mailto:agent@example.com>',
      '<tel:+212600123456>',
      '<sip:agent%ZZ@192.0.2.13>',
    ]) {
      const outcome = register({ cseq: 3, contacts: ['<sip:agent-7@192.0.2.14>', bad] });
      expect(outcome.status, bad).toBe(400);
      expect(outcome.headers.find((h) => h.key === 'warning')?.value, bad).toMatch(/^399 relais "/);
    }
    expect(register({ cseq: 3, expires: 'never' }).status).toBe(400);
    expect(registrar.resolve(AOR)).toHaveLength(3);
  });

  it('[REG8] reaches WebSocket and TCP contacts on their connection, UDP ones at their address unless NAT or ;ob', () => {
    const { register, registrar } = setup();
    const ws: RemoteAddress = { protocol: 'ws', address: '198.51.100.7', port: 40000 };
    register(
      {
        via: 'SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK-ws',
        contacts: [
          '<sip:x8k2@df7jal23ls0d.invalid;transport=ws>;+sip.instance="<urn:uuid:0d9c>";reg-id=1',
        ],
      },
      ws,
    );
    expect(registrar.resolve(AOR)[0]).toMatchObject({
      destination: ws,
      flow: ws,
      instance: '<urn:uuid:0d9c>',
    });

    const other = setup();
    const tcp: RemoteAddress = { protocol: 'tcp', address: '192.0.2.10', port: 51234 };
    other.register(
      {
        via: 'SIP/2.0/TCP 192.0.2.10:5062;branch=z9hG4bK-t',
        contacts: ['<sip:agent-7@192.0.2.10:5062;transport=tcp>'],
      },
      tcp,
    );
    expect(other.registrar.resolve(AOR)[0]?.destination).toEqual(tcp);

    const udp = setup();
    udp.register({ contacts: ['<sip:agent-7@192.0.2.10:5062>'] });
    expect(udp.registrar.resolve(AOR)[0]?.destination).toEqual(phoneAt());
    const natted = setup();
    natted.register(
      {
        via: 'SIP/2.0/UDP 10.0.0.2:5060;rport;branch=z9hG4bK-n',
        contacts: ['<sip:agent-7@10.0.0.2:5060>'],
      },
      phoneAt('198.51.100.9', 34567),
    );
    expect(natted.registrar.resolve(AOR)[0]?.destination).toEqual(phoneAt('198.51.100.9', 34567));
    const outbound = setup();
    outbound.register({ contacts: ['<sip:agent-7@192.0.2.10:5070;ob>'] });
    expect(outbound.registrar.resolve(AOR)[0]?.destination).toEqual(phoneAt());
    const tcpContact = setup();
    tcpContact.register({ contacts: ['<sip:agent-7@192.0.2.10:5070;transport=TCP>'] });
    expect(tcpContact.registrar.resolve(AOR)[0]?.destination).toEqual({
      protocol: 'tcp',
      address: '192.0.2.10',
      port: 5070,
    });
  });

  it('[REG8] replaces a binding of the same instance and reg-id whatever its Contact URI (a browser reloading)', () => {
    const { register, registrar } = setup();
    const ws = (port: number): RemoteAddress => ({ protocol: 'ws', address: '127.0.0.1', port });
    const contact = (id: string) =>
      `<sip:${id}@${id}.invalid;transport=ws>;+sip.instance="<urn:uuid:1>";reg-id=1`;
    register({ callId: 'a', contacts: [contact('aaaa')] }, ws(1000));
    register({ callId: 'b', contacts: [contact('bbbb')] }, ws(1001));
    expect(registrar.resolve(AOR).map((c) => [c.uri, c.destination.port])).toEqual([
      ['sip:bbbb@bbbb.invalid;transport=ws', 1001],
    ]);
  });

  it('[REG9] forgets bindings when they expire on the clock and when their connection closes, telling the listener', () => {
    const { register, registrar, clock, changes } = setup();
    const ws: RemoteAddress = { protocol: 'ws', address: '127.0.0.1', port: 40001 };
    register({ contacts: ['<sip:agent-7@192.0.2.10:5062>;expires=60'] });
    register(
      {
        user: 'agent-8',
        contacts: ['<sip:b@b.invalid;transport=ws>'],
        via: 'SIP/2.0/WS b.invalid;branch=z9hG4bK-b',
      },
      ws,
    );
    expect(changes.map(([aor, b]) => [aor, b.length])).toEqual([
      [AOR, 1],
      ['sip:agent-8@relais.example.com', 1],
    ]);
    clock.now += 59_000;
    expect(registrar.resolve(AOR)[0]?.expiresIn).toBe(1);
    clock.now += 1_000;
    expect(registrar.resolve(AOR)).toEqual([]);
    registrar.sweep();
    expect(changes.at(-1)).toEqual([AOR, []]);
    registrar.flowClosed({ protocol: 'ws', address: '127.0.0.1', port: 40002 });
    expect(registrar.resolve('sip:agent-8@relais.example.com')).toHaveLength(1);
    registrar.flowClosed(ws);
    expect(registrar.resolve('sip:agent-8@relais.example.com')).toEqual([]);
    expect(changes.at(-1)).toEqual(['sip:agent-8@relais.example.com', []]);
    expect(registrar.aorCount).toBe(0);
  });

  it('[REG10] refuses more bindings than the per-AoR limit (403) and a policy that makes no sense', () => {
    const { register, registrar } = setup({ policy: { maxBindingsPerAor: 2 } });
    register({ contacts: ['<sip:agent-7@192.0.2.10>', '<sip:agent-7@192.0.2.11>'] });
    const third = register({ cseq: 2, contacts: ['<sip:agent-7@192.0.2.12>'] });
    expect(third.status).toBe(403);
    expect(registrar.resolve(AOR)).toHaveLength(2);
    expect(
      register({
        cseq: 3,
        contacts: ['<sip:a@192.0.2.1>', '<sip:b@192.0.2.1>', '<sip:c@192.0.2.1>'],
      }).status,
    ).toBe(403);
    expect(() => setup({ policy: { minExpires: 600, maxExpires: 60 } })).toThrow(
      /minExpires ≤ defaultExpires ≤ maxExpires/,
    );
    expect(() => setup({ policy: { maxBindingsPerAor: 0 } })).toThrow(RangeError);
  });

  it('[REG6] resolves an AoR whatever its spelling (case of host, URI parameters), and nothing for a bad one', () => {
    const { register, registrar } = setup();
    register();
    expect(registrar.resolve('sip:agent-7@RELAIS.example.com;transport=udp')).toHaveLength(1);
    expect(registrar.resolve('sip:agent-%37@relais.example.com')).toHaveLength(1);
    expect(registrar.resolve('not a uri')).toEqual([]);
    expect(registrar.resolve('sip:relais.example.com')).toEqual([]);
  });
});
