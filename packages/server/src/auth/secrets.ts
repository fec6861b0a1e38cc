import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);
export const verifyPassword = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password).catch(() => false);

/** A random token, URL-safe. */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Tokens and API key secrets are long random strings: a SHA-256 digest is enough to store them. */
export const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A generated password for the first admin: 24 URL-safe characters. */
export const generatePassword = (): string => newToken(18);
