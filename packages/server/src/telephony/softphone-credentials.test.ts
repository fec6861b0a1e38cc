// The desktop softphone's short-lived credentials, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import type { SipAccount } from './phone-book.ts';
import { SoftphoneCredentials, sipUserOf } from './softphone-credentials.ts';

const HOUR = 3_600_000;

function account(extra: Partial<SipAccount> = {}): SipAccount {
  return { tenantId: 't1', agentId: 'a7', user: 'agent-7', password: 'stored-secret', ...extra };
}

function setup(start = Date.UTC(2026, 10, 27, 3, 0, 0)) {
  const clock = { now: start };
  const credentials = new SoftphoneCredentials(Buffer.alloc(32, 7), () => clock.now, HOUR);
  return { clock, credentials };
}

describe('softphone credentials', () => {
  it('[SPD1] a credential names the SIP user and its expiry, is renewed at half its life, and the registrar recomputes its password', () => {
    const { clock, credentials } = setup();
    const issued = credentials.issue(account());
    expect(issued.authorizationUser).toBe(`agent-7~${(clock.now + HOUR) / 1000}`);
    expect(issued.expiresAtMs).toBe(clock.now + HOUR);
    expect(issued.renewAtMs).toBe(clock.now + HOUR / 2);
    expect(issued.password).not.toContain('stored-secret');
    expect(sipUserOf(issued.authorizationUser)).toBe('agent-7');
    expect(sipUserOf('agent-7')).toBe('agent-7');
    const lookup = (user: string) => (user === 'agent-7' ? account() : undefined);
    expect(credentials.passwordFor(issued.authorizationUser, lookup)).toBe(issued.password);
    clock.now += HOUR - 1;
    expect(credentials.passwordFor(issued.authorizationUser, lookup)).toBe(issued.password);
    clock.now += 1;
    expect(credentials.passwordFor(issued.authorizationUser, lookup)).toBeUndefined();
  });

  it('[SPD1] a changed expiry, SIP password, agent or secret gives another password; bad user names none', () => {
    const { clock, credentials } = setup();
    const issued = credentials.issue(account());
    const expiry = Number(issued.authorizationUser.split('~')[1]);
    const lookup = (user: string) => (user === 'agent-7' ? account() : undefined);
    const sooner = credentials.passwordFor(`agent-7~${expiry - 1}`, lookup);
    expect(sooner).toBeDefined();
    expect(sooner).not.toBe(issued.password);
    expect(
      credentials.passwordFor(issued.authorizationUser, () => account({ password: 'new-one!' })),
    ).not.toBe(issued.password);
    expect(
      credentials.passwordFor(issued.authorizationUser, () => account({ agentId: 'a8' })),
    ).not.toBe(issued.password);
    const other = new SoftphoneCredentials(Buffer.alloc(32, 8), () => clock.now, HOUR);
    expect(other.passwordFor(issued.authorizationUser, lookup)).not.toBe(issued.password);
    for (const bad of [
      'agent-7', // a phone's own user name: not a softphone credential
      'agent-7~',
      '~123',
      'agent-7~12x',
      'agent-7~1~2',
      `agent-7~${expiry + 3600}`, // further ahead than a credential lives
      `agent-7~${Math.floor(clock.now / 1000) - 1}`, // already expired
      `unknown~${expiry}`,
      `${'a'.repeat(65)}~${expiry}`,
    ]) {
      expect(credentials.passwordFor(bad, lookup), bad).toBeUndefined();
    }
  });
});
