import { describe, expect, it } from 'vitest';
import { answeredBy, failureOf } from './outbound.ts';
import { trunkSettings, TrunkSettingsError, type TrunkDescription } from './trunk-settings.ts';
import { header } from '../sip/message/message.ts';
import type { SipResponse } from '../sip/message/message.ts';

const good: TrunkDescription = {
  address: '192.0.2.10:5080',
  transport: 'tcp',
  domain: 'sip.example.net',
  username: 'acct-1',
  password: 's3cret',
  register: '600',
  amdHeader: 'X-AMD-Result',
};

function refused(description: TrunkDescription): TrunkSettingsError {
  try {
    trunkSettings(description);
  } catch (error) {
    if (error instanceof TrunkSettingsError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('trunk settings', () => {
  it('[TRK1] a full description: destination, domain, account, registration, AMD header', () => {
    expect(trunkSettings(good)).toEqual({
      destination: { protocol: 'tcp', address: '192.0.2.10', port: 5080 },
      domain: 'sip.example.net',
      fromUser: 'acct-1',
      credentials: { username: 'acct-1', password: 's3cret' },
      registerExpiresS: 600,
      amdHeader: 'X-AMD-Result',
    });
  });

  it('[TRK1] defaults: UDP, port 5060, the address as domain, no account, no REGISTER', () => {
    expect(trunkSettings({ address: '192.0.2.10' })).toEqual({
      destination: { protocol: 'udp', address: '192.0.2.10', port: 5060 },
      domain: '192.0.2.10',
    });
  });

  it.each([
    [{ address: 'sip.example.net' }, 'address', /IPV4 or IPV4:PORT/],
    [{ address: '192.0.2.10:70000' }, 'address', /IPV4 or IPV4:PORT/],
    [{ address: '0.0.0.0' }, 'address', /IPV4/],
    [{ address: '192.0.2.10', transport: 'tls' }, 'transport', /"udp" or "tcp"/],
    [{ address: '192.0.2.10', domain: 'bad domain' }, 'domain', /domain name/],
    [{ address: '192.0.2.10', username: 'a' }, 'password', /both the username and the password/],
    [{ address: '192.0.2.10', username: 'a b', password: 'x' }, 'username', /letters, digits/],
    [{ address: '192.0.2.10', username: 'a', password: '' }, 'password', /1 to 256/],
    [{ address: '192.0.2.10', register: '600' }, 'register', /needs the account/],
    [{ ...good, register: '30' }, 'register', /60 to 86400/],
    [{ ...good, register: 'soon' }, 'register', /60 to 86400/],
    [{ ...good, amdHeader: 'X AMD' }, 'amdHeader', /header name/],
  ] as const)('[TRK1] refuses %j (%s)', (description, setting, message) => {
    const error = refused(description);
    expect(error.setting).toBe(setting);
    expect(error.message).toMatch(message);
  });

  it('[TRK1] register "off" means no REGISTER', () => {
    expect(trunkSettings({ ...good, register: 'off' }).registerExpiresS).toBeUndefined();
  });
});

describe('outbound results', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [603, 'busy'],
    [404, 'wrong-number'],
    [484, 'wrong-number'],
    [604, 'wrong-number'],
    [408, 'no-answer'],
    [480, 'no-answer'],
    [403, 'failed'],
    [500, 'failed'],
    [503, 'failed'],
  ] as const)('[OUT5] status %i is %s', (status, reason) => {
    expect(failureOf(status)).toBe(reason);
  });

  const ok = (headers: [string, string][]): SipResponse => ({
    kind: 'response',
    status: 200,
    reason: 'OK',
    headers: headers.map(([name, value]) => header(name, value)),
    body: new Uint8Array(),
  });

  it.each([
    ['MACHINE', 'machine'],
    ['voicemail', 'machine'],
    ['fax', 'machine'],
    ['HUMAN', 'person'],
    ['person', 'person'],
    ['notsure', 'unknown'],
  ] as const)('[OUT4] X-AMD-Result: %s → %s', (value, verdict) => {
    expect(answeredBy(ok([['X-AMD-Result', value]]), 'X-AMD-Result')).toBe(verdict);
    // Header names are case-insensitive.
    expect(answeredBy(ok([['x-amd-result', value]]), 'X-Amd-Result')).toBe(verdict);
  });

  it('[OUT4] no header configured, or none sent: unknown', () => {
    expect(answeredBy(ok([['X-AMD-Result', 'MACHINE']]), undefined)).toBe('unknown');
    expect(answeredBy(ok([]), 'X-AMD-Result')).toBe('unknown');
  });
});
