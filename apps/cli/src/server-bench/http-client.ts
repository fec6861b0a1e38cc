// A small JSON-over-HTTP client for the benchmark on undici's request API: Node's fetch costs
// several times more CPU per call, and at 1,500 calls a second the load generator's own event
// loop fell seconds behind (measured), which made the server look slow.
import { Pool } from 'undici';

/**
 * Connections by who calls: the IVR creating contacts has its own, and the simulated agents
 * share theirs. Real agents each have a browser with connections of its own; with one shared
 * set, the agents' calls queued in this process ahead of the IVR's and the figures measured
 * that queue, not the server (seen on PostgreSQL, whose calls take longer).
 */
export type Caller = 'ivr' | 'agents';
const CONNECTIONS: Record<Caller, number> = { ivr: 64, agents: 256 };
const pools = new Map<string, Pool>();
const poolFor = (base: string, caller: Caller): Pool => {
  let pool = pools.get(`${caller} ${base}`);
  if (pool === undefined) {
    pool = new Pool(base, { connections: CONNECTIONS[caller], pipelining: 1 });
    pools.set(`${caller} ${base}`, pool);
  }
  return pool;
};

/** Closes the connections of every base URL used. */
export async function closeClients(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.close()));
}
export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
}

export class ApiClient {
  constructor(
    readonly base: string,
    private readonly headers: Record<string, string>,
    private readonly caller: Caller = 'ivr',
  ) {}

  /** The same server with other credentials, on the connections of `caller`. */
  as(headers: Record<string, string>, caller: Caller = this.caller): ApiClient {
    return new ApiClient(this.base, headers, caller);
  }

  async call(
    method: string,
    url: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<JsonReply> {
    const response = await poolFor(this.base, this.caller).request({
      method: method as 'GET',
      path: url,
      headers: {
        ...this.headers,
        ...extra,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
    };
  }

  /** Like call, but throws unless the status is 2xx. */
  async ok(method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
    const reply = await this.call(method, url, body);
    if (reply.status < 200 || reply.status > 299) {
      throw new Error(`${method} ${url}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply.body;
  }
}

/** Signs in as a user with the first-start password and makes an admin API key. */
export async function adminClient(base: string, password: string): Promise<ApiClient> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (login.status !== 200)
    throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const session = new ApiClient(base, { cookie, 'x-csrf-token': csrfToken });
  const key = await session.ok('POST', '/api/v1/api-keys', { name: 'benchmark', role: 'admin' });
  return new ApiClient(base, { authorization: `Bearer ${String(key.key)}` });
}
