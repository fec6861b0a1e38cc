// Short-lived digest credentials for the desktop softphone (SPD1): the agent's stored SIP
// password is write-only, so the browser registers with a credential the server signs instead.
// Its digest user name is the SIP user and an expiry (`agent-7~1764205200`); its password an
// HMAC of the tenant, agent, SIP user, stored password and expiry with a secret of this process.
// Nothing is stored: the registrar recomputes the password from the user name it receives.
import { createHmac } from 'node:crypto';
import type { SipAccount } from './phone-book.ts';

/** Between the SIP user and the expiry; SIP users never hold it (TEL10: letters, digits, `. _ -`). */
const MARK = '~';

/** How long a credential is good for, and when the desktop should renew it (at half its life). */
export const SOFTPHONE_CREDENTIAL_MS = 60 * 60_000;

export interface SoftphoneCredential {
  readonly authorizationUser: string;
  readonly password: string;
  readonly expiresAtMs: number;
  readonly renewAtMs: number;
}

/** The SIP user a digest user name registers as: itself, or the part before the expiry. */
export function sipUserOf(username: string): string {
  const at = username.indexOf(MARK);
  return at < 0 ? username : username.slice(0, at);
}

export class SoftphoneCredentials {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number,
    private readonly lifetimeMs = SOFTPHONE_CREDENTIAL_MS,
  ) {}

  issue(account: SipAccount): SoftphoneCredential {
    const now = this.now();
    // Whole seconds: the user name carries them as digits.
    const expiresAtS = Math.ceil((now + this.lifetimeMs) / 1000);
    return {
      authorizationUser: `${account.user}${MARK}${expiresAtS}`,
      password: this.sign(account, expiresAtS),
      expiresAtMs: expiresAtS * 1000,
      renewAtMs: now + Math.floor(this.lifetimeMs / 2),
    };
  }

  /**
   * The password the registrar checks a softphone's digest against; undefined when the user
   * name is not a softphone's, has expired, lies further ahead than a credential lives, or
   * names a SIP user no agent has (any more).
   */
  passwordFor(
    username: string,
    accountOf: (user: string) => SipAccount | undefined,
  ): string | undefined {
    const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})~(\d{1,12})$/.exec(username);
    if (match === null) return undefined;
    const expiresAtS = Number(match[2]);
    const now = this.now();
    if (expiresAtS * 1000 <= now || expiresAtS * 1000 > now + this.lifetimeMs + 1000)
      return undefined;
    const account = accountOf(match[1] as string);
    return account === undefined ? undefined : this.sign(account, expiresAtS);
  }

  private sign(account: SipAccount, expiresAtS: number): string {
    // The stored password is in it: changing it revokes every softphone credential at once.
    return createHmac('sha256', this.secret)
      .update(
        [account.tenantId, account.agentId, account.user, account.password, expiresAtS].join(
          '\u0000',
        ),
      )
      .digest('base64url');
  }
}
