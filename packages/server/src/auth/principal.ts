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

export async function authenticate(
  context: ServerContext,
  request: FastifyRequest,
): Promise<Principal> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, value] = header.split(' ', 2);
    const parsed =
      scheme?.toLowerCase() === 'bearer' && value !== undefined ? parseApiKey(value) : undefined;
    if (parsed === undefined)
      throw unauthorized('Authorization: expected "Bearer rk_…" with an API key');
    const key = await context.store.getApiKey(parsed.id);
    if (
      key === undefined ||
      key.revokedAt !== undefined ||
      !sameDigest(key.secretHash, digest(parsed.secret))
    ) {
      throw unauthorized('this API key is unknown or revoked');
    }
    return {
      tenantId: key.tenantId,
      actor: `key:${key.id}`,
      role: key.role,
      scope: key.scope,
      via: 'apiKey',
    };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token === undefined) throw unauthorized();
  const session = await context.store.getSession(digest(token));
  if (session === undefined || Date.parse(session.expiresAt) <= context.clock()) {
    throw unauthorized('the session has expired; sign in again');
  }
  if (!SAFE.has(request.method)) {
    const csrf = request.headers[CSRF_HEADER];
    if (typeof csrf !== 'string' || !sameDigest(csrf, session.csrfToken)) {
      throw new ApiError(
        403,
        'CsrfFailed',
        `writes with a session cookie need the ${CSRF_HEADER} header from sign-in`,
      );
    }
  }
  const user = await context.store.getUser(session.tenantId, session.userId);
  if (user === undefined) throw unauthorized('this user no longer exists');
  return {
    tenantId: user.tenantId,
    actor: `user:${user.id}`,
    role: user.role,
    scope: user.scope,
    via: 'session',
  };
}
