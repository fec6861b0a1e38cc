// Stateless nonces: issue time plus an HMAC over it, so any node holding the secret can check them.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type NonceCheck = 'fresh' | 'stale' | 'forged';

export class NonceIssuer {
  constructor(
    private readonly secret: string,
    private readonly lifetimeMs: number,
    private readonly now: () => number,
  ) {}

  issue(): string {
    const issuedAt = this.now().toString(36);
    return `${issuedAt}.${this.mac(issuedAt)}`;
  }

  /** `stale` when genuine but older than the lifetime (the client retries with stale=true, RFC 7616 §3.3). */
  check(nonce: string): NonceCheck {
    const dot = nonce.indexOf('.');
    if (dot <= 0) return 'forged';
    const issuedAt = nonce.slice(0, dot);
    const given = Buffer.from(nonce.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(issuedAt), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    const age = this.now() - Number.parseInt(issuedAt, 36);
    return age >= 0 && age <= this.lifetimeMs ? 'fresh' : 'stale';
  }

  private mac(issuedAt: string): string {
    return createHmac('sha256', this.secret).update(issuedAt).digest('base64url');
  }
}
