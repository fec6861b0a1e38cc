// Test harness: a real server on a real SQLite file (or PostgreSQL schema), driven in-process
// with Fastify's inject. Builders make the configuration; nothing is copied from fixtures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqliteStore, type Store } from '@relais/store';
import { buildServer, type RelaisServer, type ServerOptions } from '../app.ts';
import type { DialerOptions } from '../campaigns/live/dialer-service.ts';
import type { DemoControl } from '../routes/demo-routes.ts';
import { createAdmin } from '../bootstrap.ts';
import { CSRF_HEADER } from '../auth/principal.ts';
import type { TelephonyOptions } from '../telephony/telephony-options.ts';

/** Fast webhook retries and no sign-in limit, so tests run quickly. */
const serverOptions = (
  store: Store,
  clock?: () => number,
  demo?: DemoControl,
  dialer?: DialerOptions,
): ServerOptions => ({
  store,
  ...(clock === undefined ? {} : { runtime: { clock } }),
  ...(demo === undefined ? {} : { demo }),
  ...(dialer === undefined ? {} : { dialer }),
  settings: { loginPerMinute: 1000 },
  webhooks: { pollMs: 50, baseBackoffMs: 50, maxBackoffMs: 200 },
  reports: { flushMs: 100 },
});

export interface Caller {
  /** Headers that authenticate: a session cookie + CSRF token, or an API key. */
  headers: Record<string, string>;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export class Harness {
  private constructor(
    readonly server: RelaisServer,
    readonly store: Store,
    private readonly dir: string,
    private readonly clock: (() => number) | undefined,
    private readonly dialer?: DialerOptions,
  ) {}

  /**
   * `demo`: the server runs with a demo control, as `relais serve --demo` does; `dialer`: the live
   * dialer's scheduler and lines (tests drive a manual scheduler); `telephony`: with SIP calls
   * (not kept across `restart`).
   */
  static async start(
    options: {
      clock?: () => number;
      demo?: DemoControl;
      dialer?: DialerOptions;
      telephony?: TelephonyOptions;
      /** A store to run on (default: a fresh SQLite file); migrated here, closed by `stop`. */
      store?: Store;
    } = {},
  ): Promise<Harness> {
    const dir = mkdtempSync(path.join(tmpdir(), 'relais-server-'));
    const store = options.store ?? openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
    await store.migrate();
    const server = await buildServer({
      ...serverOptions(store, options.clock, options.demo, options.dialer),
      ...(options.telephony === undefined ? {} : { telephony: options.telephony }),
    });
    return new Harness(server, store, dir, options.clock, options.dialer);
  }

  /** Closes the server and builds a new one on the same database, as a process restart would. */
  async restart(): Promise<void> {
    await this.server.close();
    (this as { server: RelaisServer }).server = await buildServer(
      serverOptions(this.store, this.clock, undefined, this.dialer),
    );
  }

  async stop(): Promise<void> {
    await this.server.close();
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async call<T = Record<string, unknown>>(
    caller: Caller | undefined,
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const response = await this.server.app.inject({
      method: method as 'GET',
      url,
      headers: { ...caller?.headers, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const text = response.body;
    return { status: response.statusCode, body: (text === '' ? {} : JSON.parse(text)) as T };
  }

  /** A new tenant with its admin, signed in with a session cookie. */
  async tenantAdmin(tenantName: string): Promise<Caller & { tenantId: string }> {
    const made = await createAdmin(this.store, `admin-${tenantName}`, tenantName);
    const caller = await this.signIn(made.username, made.password);
    return { ...caller, tenantId: made.tenantId };
  }

  async signIn(username: string, password: string): Promise<Caller> {
    const response = await this.server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'relais_session');
    const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
    return {
      headers: { cookie: `relais_session=${cookie?.value ?? ''}`, [CSRF_HEADER]: csrfToken },
    };
  }

  /** A user with a role and scope, signed in. */
  async user(
    admin: Caller,
    role: string,
    scope: Record<string, unknown>,
    username: string,
  ): Promise<Caller> {
    const password = 'correct horse battery staple';
    const made = await this.call(admin, 'POST', '/api/v1/users', {
      username,
      password,
      role,
      scope,
    });
    if (made.status !== 201)
      throw new Error(`user ${username}: ${made.status} ${JSON.stringify(made.body)}`);
    return this.signIn(username, password);
  }

  /** An API key with a role and scope. */
  async apiKey(admin: Caller, role: string, scope: Record<string, unknown> = {}): Promise<Caller> {
    const made = await this.call<{ key: string }>(admin, 'POST', '/api/v1/api-keys', {
      name: `${role} key`,
      role,
      scope,
    });
    if (made.status !== 201)
      throw new Error(`api key: ${made.status} ${JSON.stringify(made.body)}`);
    return { headers: { authorization: `Bearer ${made.body.key}` } };
  }

  /** Sends a request and fails the test unless it succeeds (2xx). */
  async ok<T = Record<string, unknown>>(
    caller: Caller,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<T> {
    const reply = await this.call<T>(caller, method, url, body);
    if (reply.status < 200 || reply.status > 299)
      throw new Error(`${method} ${url}: got ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }
}

/** A small network: one site, French, one client, one voice queue, agents in the site. */
export async function seedNetwork(
  h: Harness,
  admin: Caller,
  prefix = '',
  agents = 2,
): Promise<void> {
  await h.ok(admin, 'POST', '/api/v1/sites', site(`${prefix}rabat`));
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: `${prefix}acme`, name: 'Acme' });
  await h.ok(admin, 'POST', '/api/v1/queues', queue(`${prefix}support`, `${prefix}acme`));
  await h.ok(admin, 'POST', '/api/v1/pause-codes', { id: 'lunch', label: 'Lunch' });
  await h.ok(admin, 'POST', '/api/v1/dispositions', { id: 'sold', label: 'Sale', success: true });
  for (let i = 1; i <= agents; i++)
    await h.ok(admin, 'POST', '/api/v1/agents', agent(`${prefix}a${i}`, `${prefix}rabat`));
}

export const site = (id: string, positions = 50): Record<string, unknown> => ({
  id,
  city: 'Rabat',
  timeZone: 'Africa/Casablanca',
  positions,
});
export const queue = (
  id: string,
  clientId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  id,
  clientId,
  channel: 'voice',
  skills: { fr: 1 },
  wrapUp: { mode: 'manual' },
  ...extra,
});
export const agent = (
  id: string,
  siteId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({ id, siteId, skills: { fr: 5 }, ...extra });
