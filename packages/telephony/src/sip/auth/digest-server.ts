// The server side of digest authentication: challenge with 401/407, verify credentials (RFC 7616, RFC 3261 §22).
import { timingSafeEqual } from 'node:crypto';
import { header, type SipHeader, type SipRequest } from '../message/message.ts';
import { parseAuthHeader, serializeAuthHeader, type AuthHeader } from './auth-params.ts';
import { digestResponse, parseAlgorithm, type DigestAlgorithm } from './digest.ts';
import { NonceIssuer } from './nonce.ts';

export interface DigestServerOptions {
  readonly realm: string;
  /** Signs the nonces; keep it secret and the same on every node of the realm. */
  readonly secret: string;
  /** The password of a user of the realm, or undefined when unknown. */
  readonly lookupPassword: (username: string) => string | undefined;
  readonly nonceLifetimeMs?: number;
  readonly now?: () => number;
  /** Offered in this order of preference (RFC 7616 §3.7: the strongest first). */
  readonly algorithms?: readonly DigestAlgorithm[];
  /** Challenge as a proxy (407, Proxy-Authenticate) rather than a registrar or UAS (401, WWW-Authenticate). */
  readonly proxy?: boolean;
}

export type DigestRejection =
  | 'missing'
  | 'malformed'
  | 'unsupported'
  | 'wrong-realm'
  | 'uri-mismatch'
  | 'forged-nonce'
  | 'unknown-user'
  | 'wrong-response'
  | 'stale';

export type DigestVerdict =
  | { readonly ok: true; readonly username: string }
  | { readonly ok: false; readonly reason: DigestRejection };

const UNQUOTED = new Set(['algorithm', 'stale']);

export class DigestServer {
  private readonly nonces: NonceIssuer;
  private readonly algorithms: readonly DigestAlgorithm[];

  constructor(private readonly options: DigestServerOptions) {
    this.nonces = new NonceIssuer(
      options.secret,
      options.nonceLifetimeMs ?? 300_000,
      options.now ?? Date.now,
    );
    this.algorithms = options.algorithms ?? ['SHA-256', 'MD5'];
  }

  /** The status and headers of a challenge, one per algorithm; `stale` after a 'stale' verdict. */
  challenge(stale = false): { status: 401 | 407; headers: SipHeader[] } {
    const name = this.options.proxy === true ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    const nonce = this.nonces.issue();
    const headers = this.algorithms.map((algorithm) => {
      const params: Array<[string, string]> = [
        ['realm', this.options.realm],
        ['qop', 'auth'],
        ['algorithm', algorithm],
        ['nonce', nonce],
      ];
      if (stale) params.push(['stale', 'true']);
      return header(name, serializeAuthHeader('Digest', params, UNQUOTED));
    });
    return { status: this.options.proxy === true ? 407 : 401, headers };
  }

  /** Checks the credentials a request carries for this realm. */
  verify(request: SipRequest): DigestVerdict {
    const key = this.options.proxy === true ? 'proxy-authorization' : 'authorization';
    const values = request.headers
      .filter((h) => h.key === key)
      .map((h) => parseAuthHeader(h.value));
    if (values.length === 0) return { ok: false, reason: 'missing' };
    const mine = values.find((v) => v?.params.get('realm') === this.options.realm);
    if (mine === undefined)
      return { ok: false, reason: values.includes(undefined) ? 'malformed' : 'wrong-realm' };
    return this.check(mine, request);
  }

  private check(credentials: AuthHeader, request: SipRequest): DigestVerdict {
    const p = credentials.params;
    const username = p.get('username');
    const nonce = p.get('nonce');
    const uri = p.get('uri');
    const response = p.get('response');
    const nc = p.get('nc');
    const cnonce = p.get('cnonce');
    if (
      credentials.scheme !== 'digest' ||
      username === undefined ||
      nonce === undefined ||
      uri === undefined ||
      response === undefined
    ) {
      return { ok: false, reason: 'malformed' };
    }
    const algorithm = parseAlgorithm(p.get('algorithm'));
    if (
      algorithm === undefined ||
      !this.algorithms.includes(algorithm) ||
      p.get('qop') !== 'auth'
    ) {
      return { ok: false, reason: 'unsupported' };
    }
    if (nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc) || cnonce === undefined || cnonce === '') {
      return { ok: false, reason: 'malformed' };
    }
    if (uri !== request.uri) return { ok: false, reason: 'uri-mismatch' };
    const nonceState = this.nonces.check(nonce);
    if (nonceState === 'forged') return { ok: false, reason: 'forged-nonce' };
    const password = this.options.lookupPassword(username);
    if (password === undefined) return { ok: false, reason: 'unknown-user' };
    const expected = digestResponse({
      algorithm,
      username,
      realm: this.options.realm,
      password,
      method: request.method,
      uri,
      nonce,
      nc,
      cnonce,
    });
    const given = Buffer.from(response.toLowerCase(), 'utf8');
    const wanted = Buffer.from(expected, 'utf8');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
      return { ok: false, reason: 'wrong-response' };
    // A right answer to an old nonce: challenge again with stale=true, the client need not ask the user.
    if (nonceState === 'stale') return { ok: false, reason: 'stale' };
    return { ok: true, username };
  }
}
