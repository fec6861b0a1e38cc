// The digest computation of RFC 7616 §3.4.1 (qop=auth), MD5 and SHA-256.
import { createHash } from 'node:crypto';

export type DigestAlgorithm = 'MD5' | 'SHA-256';

export function digestHash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(text, 'utf8')
    .digest('hex');
}

export interface DigestInput {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly realm: string;
  readonly password: string;
  readonly method: string;
  readonly uri: string;
  readonly nonce: string;
  readonly nc: string;
  readonly cnonce: string;
}

/** response = H(H(user:realm:password):nonce:nc:cnonce:auth:H(method:uri)). */
export function digestResponse(input: DigestInput): string {
  const ha1 = digestHash(input.algorithm, `${input.username}:${input.realm}:${input.password}`);
  const ha2 = digestHash(input.algorithm, `${input.method}:${input.uri}`);
  return digestHash(
    input.algorithm,
    `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${ha2}`,
  );
}

/** Reads an algorithm name; undefined for one we do not support (e.g. -sess variants). */
export function parseAlgorithm(value: string | undefined): DigestAlgorithm | undefined {
  const upper = (value ?? 'MD5').toUpperCase();
  return upper === 'MD5' || upper === 'SHA-256' ? upper : undefined;
}
