// Sign-in with a session cookie, users, API keys and the audit log.
import { randomUUID } from 'node:crypto';
import {
  IdParams,
  Login,
  NewApiKey,
  NewPassword,
  NewUser,
  UserAccess,
  OwnPassword,
  UserPreferences,
  type MeView,
} from '@relais/protocol';
import type { ApiKey, User } from '@relais/store';
import { z } from 'zod';
import { audit } from '../audit.ts';
import {
  CSRF_HEADER,
  SESSION_COOKIE,
  forgetActor,
  forgetCredential,
  formatApiKey,
} from '../auth/principal.ts';
import { digest, hashPassword, newToken, verifyPassword } from '../auth/secrets.ts';
import type { ServerContext } from '../context.ts';
import { defined } from '../http/defined.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';

/** Verified against when the username is unknown, so both cases take the same time. */
const DUMMY_HASH = hashPassword(newToken());

const presentUser = (user: User): Record<string, unknown> => ({
  id: user.id,
  username: user.username,
  role: user.role,
  scope: user.scope,
  ...(user.locale === undefined ? {} : { locale: user.locale }),
  createdAt: user.createdAt,
});

const presentKey = (key: ApiKey): Record<string, unknown> => ({
  id: key.id,
  name: key.name,
  role: key.role,
  scope: key.scope,
  createdAt: key.createdAt,
  ...(key.revokedAt === undefined ? {} : { revokedAt: key.revokedAt }),
});

const ALL = ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'] as const;

/** `demoTenant`: the tenant `relais serve --demo` plays on, told so at sign-in and by /auth/me. */
export function authRoutes(
  context: ServerContext,
  demoTenant: () => string | undefined = () => undefined,
): AnyRoute[] {
  const { store, settings } = context;
  /** New hash, and every session of the user ends (a changed password must lock others out). */
  const changePassword = async (
    userId: string,
    tenantId: string,
    password: string,
  ): Promise<void> => {
    await store.setPassword(tenantId, userId, await hashPassword(password));
    await store.deleteSessionsOf(tenantId, userId);
    forgetActor(context, `user:${userId}`);
  };
  return [
    route({
      method: 'POST',
      url: '/api/v1/auth/login',
      summary: 'Sign in: sets an httpOnly session cookie and returns the CSRF token for writes',
      tag: 'auth',
      roles: 'public',
      limitPerMinute: settings.loginPerMinute,
      body: Login,
      responses: {
        200: { description: 'signed in' },
        401: { description: 'wrong username or password' },
        423: { description: 'locked after too many failures' },
      },
      async handler({ body, reply }) {
        const user = await store.findUserByUsername(body.username.toLowerCase());
        const now = context.clock();
        if (user?.lockedUntil !== undefined && Date.parse(user.lockedUntil) > now) {
          throw new ApiError(
            423,
            'Locked',
            `too many failed sign-ins; try again after ${user.lockedUntil}`,
          );
        }
        const ok = await verifyPassword(user?.passwordHash ?? (await DUMMY_HASH), body.password);
        if (user === undefined || !ok) {
          if (user !== undefined) {
            const lock = user.failedLogins + 1 >= settings.maxLoginFailures;
            await store.recordLoginFailure(
              user.tenantId,
              user.id,
              lock ? new Date(now + settings.lockoutMinutes * 60_000).toISOString() : undefined,
            );
          }
          throw new ApiError(401, 'Unauthorized', 'wrong username or password');
        }
        await store.resetLoginFailures(user.tenantId, user.id);
        const token = newToken();
        const csrfToken = newToken();
        const expiresAt = new Date(now + settings.sessionHours * 3_600_000).toISOString();
        await store.createSession({
          tokenHash: digest(token),
          userId: user.id,
          tenantId: user.tenantId,
          csrfToken,
          expiresAt,
        });
        void reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: settings.secureCookies,
          path: '/',
          expires: new Date(expiresAt),
        });
        return {
          user: presentUser(user),
          csrfToken,
          csrfHeader: CSRF_HEADER,
          expiresAt,
          ...(demoTenant() === user.tenantId ? { demo: true } : {}),
          ...(context.telephony === undefined ? {} : { telephony: true }),
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/auth/logout',
      summary: 'Sign out: ends the session',
      tag: 'auth',
      roles: ALL,
      responses: { 200: { description: 'signed out' } },
      async handler({ request, reply }) {
        const token = request.cookies[SESSION_COOKIE];
        if (token !== undefined) {
          await store.deleteSession(digest(token));
          forgetCredential(context, digest(token));
        }
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/auth/me',
      summary:
        'Who you are: role and scope; a session also gets its username and CSRF token back, ' +
        'so that a reloaded page can still write',
      tag: 'auth',
      roles: ALL,
      responses: { 200: { description: 'the caller' } },
      async handler({ principal, request }) {
        const me: MeView = {
          actor: principal.actor,
          tenantId: principal.tenantId,
          role: principal.role,
          scope: principal.scope,
          via: principal.via,
          ...(demoTenant() === principal.tenantId ? { demo: true } : {}),
          ...(context.telephony === undefined ? {} : { telephony: true }),
        };
        const token = request.cookies[SESSION_COOKIE];
        if (principal.via !== 'session' || token === undefined) return me;
        // Same-origin reads only (no CORS), so the token reaches our own pages and nobody else.
        const session = await store.getSession(digest(token));
        const user = session && (await store.getUser(principal.tenantId, session.userId));
        return {
          ...me,
          ...(user === undefined ? {} : { username: user.username }),
          ...(session === undefined ? {} : { csrfToken: session.csrfToken }),
          ...(user?.locale === undefined ? {} : { locale: user.locale }),
        };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/auth/me/preferences',
      summary:
        "The signed-in user's own preferences: the app's language (fr or en; null forgets it), applied at each sign-in",
      tag: 'auth',
      roles: ALL,
      body: UserPreferences,
      responses: {
        200: { description: 'the preferences as saved' },
        400: { description: 'a language the app does not have' },
        403: { description: 'an API key has no user to remember them for' },
      },
      async handler({ principal, body }) {
        if (principal.via !== 'session' || !principal.actor.startsWith('user:'))
          throw forbidden('preferences belong to a signed-in user, not to an API key');
        const userId = principal.actor.slice('user:'.length);
        if (!(await store.setUserLocale(principal.tenantId, userId, body.locale)))
          throw notFound('user', userId);
        return { locale: body.locale };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/users',
      summary: 'List users',
      tag: 'auth',
      roles: ['admin'],
      responses: { 200: { description: 'users' } },
      async handler({ principal }) {
        return { items: (await store.listUsers(principal.tenantId)).map(presentUser) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/users',
      summary: 'Create a user (password at least 12 characters)',
      tag: 'auth',
      roles: ['admin'],
      body: NewUser,
      responses: {
        201: { description: 'created' },
        400: { description: 'invalid body' },
        409: { description: 'username taken' },
      },
      async handler({ principal, body, reply }) {
        checkScope(body.role, body.scope);
        const user = await store.createUser({
          id: randomUUID(),
          tenantId: principal.tenantId,
          username: body.username.toLowerCase(),
          passwordHash: await hashPassword(body.password),
          role: body.role,
          scope: defined(body.scope),
        });
        await audit(context, principal, 'create', `user:${user.id}`, {
          username: user.username,
          role: user.role,
        });
        void reply.code(201);
        return presentUser(user);
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/users/:id',
      summary: "Change a user's role and scope (their next request has them)",
      tag: 'auth',
      roles: ['admin'],
      params: IdParams,
      body: UserAccess,
      responses: {
        200: { description: 'the user' },
        400: { description: 'invalid body, or a scope the role does not take' },
        404: { description: 'unknown user' },
        409: { description: 'you cannot change your own role' },
      },
      async handler({ principal, params, body }) {
        checkScope(body.role, body.scope);
        const before = await store.getUser(principal.tenantId, params.id);
        if (before === undefined) throw notFound('user', params.id);
        // An admin who demoted themselves could lock the tenant out of its administration.
        if (principal.actor === `user:${params.id}` && body.role !== before.role) {
          throw new ApiError(
            409,
            'IllegalTransition',
            'you cannot change your own role; another admin can',
          );
        }
        const scope = defined(body.scope);
        if (!(await store.setUserAccess(principal.tenantId, params.id, { role: body.role, scope })))
          throw notFound('user', params.id);
        forgetActor(context, `user:${params.id}`);
        await audit(context, principal, 'update', `user:${params.id}`, {
          role: body.role,
          before: before.role,
        });
        return presentUser({ ...before, role: body.role, scope });
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/users/:id',
      summary: 'Remove a user; their sessions end at once',
      tag: 'auth',
      roles: ['admin'],
      params: IdParams,
      responses: {
        200: { description: 'removed' },
        404: { description: 'unknown user' },
        409: { description: 'you cannot remove yourself' },
      },
      async handler({ principal, params }) {
        if (principal.actor === `user:${params.id}`) {
          throw new ApiError(
            409,
            'IllegalTransition',
            'you cannot remove your own user; another admin can',
          );
        }
        if (!(await store.deleteUser(principal.tenantId, params.id)))
          throw notFound('user', params.id);
        forgetActor(context, `user:${params.id}`);
        await audit(context, principal, 'delete', `user:${params.id}`);
        return { ok: true };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/users/:id/password',
      summary: "Set a user's password (admin reset; the user's sessions end)",
      tag: 'auth',
      roles: ['admin'],
      params: IdParams,
      body: NewPassword,
      responses: { 200: { description: 'changed' }, 404: { description: 'unknown user' } },
      async handler({ principal, params, body }) {
        if ((await store.getUser(principal.tenantId, params.id)) === undefined)
          throw notFound('user', params.id);
        await changePassword(params.id, principal.tenantId, body.password);
        await audit(context, principal, 'reset-password', `user:${params.id}`);
        return { ok: true };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/auth/password',
      summary: 'Change your own password (send the current one); your other sessions end',
      tag: 'auth',
      roles: ALL,
      body: OwnPassword,
      responses: {
        200: { description: 'changed' },
        403: { description: 'the current password is wrong' },
      },
      async handler({ principal, body }) {
        const id = principal.actor.startsWith('user:') ? principal.actor.slice(5) : undefined;
        const user = id === undefined ? undefined : await store.getUser(principal.tenantId, id);
        if (user === undefined)
          throw new ApiError(400, 'InvalidCommand', 'API keys have no password; sign in as a user');
        if (!(await verifyPassword(user.passwordHash, body.current)))
          throw new ApiError(403, 'Forbidden', 'the current password is wrong');
        await changePassword(user.id, principal.tenantId, body.password);
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/api-keys',
      summary: 'List API keys (never their secrets)',
      tag: 'auth',
      roles: ['admin'],
      responses: { 200: { description: 'keys' } },
      async handler({ principal }) {
        return { items: (await store.listApiKeys(principal.tenantId)).map(presentKey) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/api-keys',
      summary: 'Create an API key; the key is in this answer only',
      tag: 'auth',
      roles: ['admin'],
      body: NewApiKey,
      responses: { 201: { description: 'created; `key` is shown once' } },
      async handler({ principal, body, reply }) {
        checkScope(body.role, body.scope);
        const id = newToken(9).replace(/[^A-Za-z0-9]/g, 'x');
        const secret = newToken(30);
        const key = await store.createApiKey({
          id,
          tenantId: principal.tenantId,
          name: body.name,
          secretHash: digest(secret),
          role: body.role,
          scope: defined(body.scope),
        });
        await audit(context, principal, 'create', `apiKey:${id}`, {
          name: body.name,
          role: body.role,
        });
        void reply.code(201);
        return { ...presentKey(key), key: formatApiKey(id, secret) };
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/api-keys/:id',
      summary: 'Revoke an API key',
      tag: 'auth',
      roles: ['admin'],
      params: IdParams,
      responses: { 200: { description: 'revoked' }, 404: { description: 'unknown key' } },
      async handler({ principal, params }) {
        forgetCredential(context, params.id);
        if (
          !(await store.revokeApiKey(
            principal.tenantId,
            params.id,
            new Date(context.clock()).toISOString(),
          ))
        ) {
          throw notFound('API key', params.id);
        }
        await audit(context, principal, 'revoke', `apiKey:${params.id}`);
        return { ok: true };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/audit',
      summary: 'The audit log of admin actions and exports',
      tag: 'auth',
      roles: ['admin'],
      query: z.object({
        afterId: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      responses: { 200: { description: 'entries' } },
      async handler({ principal, query }) {
        return { items: await store.listAudit(principal.tenantId, query.afterId, query.limit) };
      },
    }),
  ];
}

/** Scoped roles need their scope: a supervisor without sites, or an agent without an agent id, sees nothing useful. */
function checkScope(
  role: string,
  scope: {
    siteIds?: string[] | undefined;
    agentId?: string | undefined;
    clientId?: string | undefined;
  },
): void {
  const need: Record<string, [keyof typeof scope, string] | undefined> = {
    supervisor: ['siteIds', 'scope.siteIds: a supervisor needs the sites they supervise'],
    agent: ['agentId', 'scope.agentId: an agent user needs the agent id it acts as'],
    clientViewer: ['clientId', 'scope.clientId: a client viewer needs its client id'],
  };
  const rule = need[role];
  if (rule !== undefined && scope[rule[0]] === undefined)
    throw new ApiError(400, 'ValidationFailed', rule[1]);
}
