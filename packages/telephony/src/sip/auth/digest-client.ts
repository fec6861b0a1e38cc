// The client side of digest authentication: answer a trunk's 401/407 (RFC 7616, RFC 3261 §22.2).
import { cseqOf } from '../message/fields.ts';
import { header, type SipHeader, type SipRequest, type SipResponse } from '../message/message.ts';
import { parseVia, serializeVia, MAGIC_COOKIE } from '../message/via.ts';
import { setParam } from '../message/params.ts';
import { parseAuthHeader, serializeAuthHeader, type AuthHeader } from './auth-params.ts';
import { digestHash, digestResponse, parseAlgorithm, type DigestAlgorithm } from './digest.ts';

export interface DigestCredentials {
  readonly username: string;
  readonly password: string;
}

const UNQUOTED = new Set(['algorithm', 'qop', 'nc']);

export class DigestClient {
  /** Nonce → requests sent with it, for the nc count (RFC 7616 §3.4). */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly credentials: DigestCredentials,
    private readonly newCnonce: () => string,
  ) {}

  /** The Authorization (or Proxy-Authorization) header answering a 401 or 407; undefined when no challenge is usable. */
  authorize(request: SipRequest, challenge: SipResponse): SipHeader | undefined {
    const key = challenge.status === 407 ? 'proxy-authenticate' : 'www-authenticate';
    let best: { auth: AuthHeader; algorithm: DigestAlgorithm } | undefined;
    for (const h of challenge.headers) {
      if (h.key !== key) continue;
      const auth = parseAuthHeader(h.value);
      const algorithm = parseAlgorithm(auth?.params.get('algorithm'));
      if (
        auth?.scheme !== 'digest' ||
        algorithm === undefined ||
        auth.params.get('nonce') === undefined
      )
        continue;
      const qop = auth.params.get('qop');
      if (qop !== undefined && !qop.split(',').some((q) => q.trim() === 'auth')) continue;
      if (best === undefined || (algorithm === 'SHA-256' && best.algorithm === 'MD5'))
        best = { auth, algorithm };
    }
    if (best === undefined) return undefined;
    return header(
      key === 'proxy-authenticate' ? 'Proxy-Authorization' : 'Authorization',
      this.answer(request, best.auth, best.algorithm),
    );
  }

  /** The request again with credentials, a new branch and the next CSeq (RFC 3261 §22.2). */
  retry(request: SipRequest, challenge: SipResponse, newBranch: string): SipRequest | undefined {
    const authorization = this.authorize(request, challenge);
    if (authorization === undefined) return undefined;
    const seq = (cseqOf(request)?.seq ?? 1) + 1;
    let viaDone = false;
    const headers: SipHeader[] = [];
    for (const h of request.headers) {
      if (h.key === authorization.key) continue;
      if (h.key === 'cseq') headers.push(header('CSeq', `${seq} ${request.method}`));
      else if (h.key === 'via' && !viaDone) {
        viaDone = true;
        const via = parseVia(h.value);
        if (via === undefined) return undefined;
        const params = via.params.map(([n, v]): [string, string | null] => [n, v]);
        setParam(params, 'branch', `${MAGIC_COOKIE}${newBranch}`);
        headers.push(header('Via', serializeVia({ ...via, params })));
      } else headers.push(h);
    }
    headers.push(authorization);
    return { ...request, headers };
  }

  private answer(request: SipRequest, challenge: AuthHeader, algorithm: DigestAlgorithm): string {
    const realm = challenge.params.get('realm') ?? '';
    const nonce = challenge.params.get('nonce') ?? '';
    const opaque = challenge.params.get('opaque');
    const { username, password } = this.credentials;
    const params: Array<[string, string]> = [
      ['username', username],
      ['realm', realm],
      ['nonce', nonce],
      ['uri', request.uri],
    ];
    if (challenge.params.get('qop') === undefined) {
      // RFC 2069 compatibility: a challenge without qop.
      const ha1 = digestHash(algorithm, `${username}:${realm}:${password}`);
      const ha2 = digestHash(algorithm, `${request.method}:${request.uri}`);
      params.push(
        ['response', digestHash(algorithm, `${ha1}:${nonce}:${ha2}`)],
        ['algorithm', algorithm],
      );
    } else {
      const count = (this.counts.get(nonce) ?? 0) + 1;
      this.counts.set(nonce, count);
      const nc = count.toString(16).padStart(8, '0');
      const cnonce = this.newCnonce();
      const response = digestResponse({
        algorithm,
        username,
        realm,
        password,
        method: request.method,
        uri: request.uri,
        nonce,
        nc,
        cnonce,
      });
      params.push(
        ['response', response],
        ['algorithm', algorithm],
        ['qop', 'auth'],
        ['nc', nc],
        ['cnonce', cnonce],
      );
    }
    if (opaque !== undefined) params.push(['opaque', opaque]);
    return serializeAuthHeader('Digest', params, UNQUOTED);
  }
}
