// Who is calling: a signed-in user (session cookie) or an integration (API key). Every request
// is bound to one tenant here; handlers never take a tenant id from the request.
import type { FastifyRequest } from 'fastify';
import type { Role, Scope } from '@relais/store';
import type { ServerContext } from '../context.ts';
import { ApiError, unauthorized } from '../http/errors.ts';
import { digest, sameDigest } from './secrets.ts';

export interface Principal {
  tenantId: string;
  /** `user:<id>` or `key:<id>`, for the audit log. */
  actor: string;
  role: Role;
  scope: Scope;
  via: 'session' | 'apiKey' | 'none';
}

export const SESSION_COOKIE = 'relais_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** API keys look like `rk_<id>_<secret>`; the id finds the row, the secret is checked against its hash. */
export const formatApiKey = (id: string, secret: string): string => `rk_${id}_${secret}`;
export function parseApiKey(text: string): { id: string; secret: string } | undefined {
  const match = /^rk_([A-Za-z0-9]+)_([A-Za-z0-9_-]{20,})$/.exec(text);
  return match === null ? undefined : { id: match[1] as string, secret: match[2] as string };
}

/**
 * Credentials checked in the last few seconds, so that an integration sending hundreds of
 * requests a second costs one lookup, not hundreds. Revoking a key or signing out clears its
 * entry here; another server node notices within CACHE_MS.
 */
const CACHE_MS = 5000;
interface Cached {
  principal: Principal;
  until: number;
  /** API keys: the secret's digest; sessions: the CSRF token writes must carry. */
  secretHash: string;
  /** Sessions: checked on every use. */
  expiresAt?: number;
}
const caches = new WeakMap<ServerContext, Map<string, Cached>>();

function cacheOf(context: ServerContext): Map<string, Cached> {
  let map = caches.get(context);
  if (map === undefined) caches.set(context, (map = new Map<string, Cached>()));
  if (map.size > 50_000) map.clear();
  return map;
}

/** Forgets every cached credential of a user (deleted, or their password changed). */
export function forgetActor(context: ServerContext, actor: string): void {
  const cache = cacheOf(context);
  for (const [key, entry] of cache) if (entry.principal.actor === actor) cache.delete(key);
}

/** Forgets a credential (an API key id or a session token hash) at once. */
export function forgetCredential(context: ServerContext, key: string): void {
  cacheOf(context).delete(key);
}

export async function authenticate(
  context: ServerContext,
  request: FastifyRequest,
): Promise<Principal> {
  const now = context.clock();
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, value] = header.split(' ', 2);
    const parsed =
      scheme?.toLowerCase() === 'bearer' && value !== undefined ? parseApiKey(value) : undefined;
    if (parsed === undefined)
      throw unauthorized('Authorization: expected "Bearer rk_…" with an API key');
    const secretHash = digest(parsed.secret);
    const hit = cacheOf(context).get(parsed.id);
    if (hit !== undefined && hit.until > now && hit.secretHash === secretHash) return hit.principal;
    const key = await context.store.getApiKey(parsed.id);
    if (
      key === undefined ||
      key.revokedAt !== undefined ||
      !sameDigest(key.secretHash, secretHash)
    ) {
      throw unauthorized('this API key is unknown or revoked');
    }
    const principal: Principal = {
      tenantId: key.tenantId,
      actor: `key:${key.id}`,
      role: key.role,
      scope: key.scope,
      via: 'apiKey',
    };
    cacheOf(context).set(parsed.id, { principal, until: now + CACHE_MS, secretHash });
    return principal;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token === undefined) throw unauthorized();
  const tokenHash = digest(token);
  let hit = cacheOf(context).get(tokenHash);
  if (hit === undefined || hit.until <= now) {
    const session = await context.store.getSession(tokenHash);
    const user =
      session === undefined
        ? undefined
        : await context.store.getUser(session.tenantId, session.userId);
    if (session === undefined || user === undefined)
      throw unauthorized('the session has ended; sign in again');
    const principal: Principal = {
      tenantId: user.tenantId,
      actor: `user:${user.id}`,
      role: user.role,
      scope: user.scope,
      via: 'session',
    };
    hit = {
      principal,
      until: now + CACHE_MS,
      secretHash: session.csrfToken,
      expiresAt: Date.parse(session.expiresAt),
    };
    cacheOf(context).set(tokenHash, hit);
  }
  if ((hit.expiresAt ?? 0) <= now) throw unauthorized('the session has expired; sign in again');
  if (!SAFE.has(request.method)) {
    const csrf = request.headers[CSRF_HEADER];
    if (typeof csrf !== 'string' || !sameDigest(csrf, hit.secretHash)) {
      throw new ApiError(
        403,
        'CsrfFailed',
        `writes with a session cookie need the ${CSRF_HEADER} header from sign-in`,
      );
    }
  }
  return hit.principal;
}
