// `relais serve` as users run it: a child process on a real data directory. The durability
// test kills it with SIGKILL under load and checks that nothing acknowledged was lost.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from '@relais/engine';
import { openPostgresStore, openSqliteStore, type Store } from '@relais/store';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RELAIS_BIN as BIN, startServer } from '../server-bench/child-server.ts';
import { dropSchema } from '../server-bench/pg-schema.ts';
import { run } from './serve.ts';

/** The durability test runs on SQLite, and on PostgreSQL (a schema of its own) when RELAIS_PG_URL is set. */
const PG_URL = process.env.RELAIS_PG_URL;
const BACKENDS: ('sqlite' | 'postgres')[] =
  PG_URL === undefined ? ['sqlite'] : ['sqlite', 'postgres'];
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function json(
  base: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(base + url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  };
}

describe('relais serve --speed', () => {
  afterEach(() => vi.restoreAllMocks());
  it.each([
    [['--demo', '--speed', '0'], "--speed: expected a number from 1 to 60, got '0'"],
    [['--demo', '--speed', '61'], "--speed: expected a number from 1 to 60, got '61'"],
    [['--demo', '--speed', 'fast'], "got 'fast'"],
    [['--demo', '--speed', ''], "got ''"],
    [['--speed', '10'], '--speed needs --demo'],
    [
      ['--demo', '--history-weeks', '14'],
      "--history-weeks: expected an integer from 0 to 13, got '14'",
    ],
    [['--demo', '--history-weeks', '1.5'], "got '1.5'"],
    [['--history-weeks', '2'], '--history-weeks needs --demo'],
    [['--sip-udp-port', '5060'], '--sip-udp-port needs --sip-host'],
    [['--sip-host', '0.0.0.0'], '--sip-host: expected this server'],
    [['--sip-host', '127.0.0.1', '--rtpengine', 'here'], '--rtpengine: expected "start"'],
    [['--sip-host', '127.0.0.1'], '--hold-music FILE is needed'],
    [['--clock-start', '2026-12-01T10:30:00+01:00'], '--clock-start needs --training'],
    [
      ['--training', '--clock-start', '2026-12-01T10:30'],
      '--clock-start: expected a date and time',
    ],
    [['--training', '--clock-start', '2001-01-01T10:30:00Z'], 'is before this machine'],
    [['--training', '--demo'], '--training and --demo do not go together'],
    [
      ['--simulated-called-party', 'answer=2'],
      '--simulated-called-party: answer: expected a share',
    ],
    [['--sip-trunk-user', 'acct'], '--sip-trunk-user needs --sip-host'],
    [
      ['--sip-host', '127.0.0.1', '--hold-music', BIN, '--sip-trunk', 'provider.example'],
      "--sip-trunk: trunk address: expected the trunk's IPV4",
    ],
    [
      ['--sip-host', '127.0.0.1', '--hold-music', BIN, '--sip-trunk', '192.0.2.10'],
      '--sip-trunk needs --identification-message FILE',
    ],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(argv)).toBe(2);
    const stderr = error.mock.calls.map((call) => String(call[0])).join('\n');
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: relais serve');
    expect(log).not.toHaveBeenCalled();
  });
});

describe('relais serve', () => {
  it('refuses bad flags with exit code 2', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', 'eighty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain("--port: expected an integer from 0 to 65535, got 'eighty'");
  }, 60_000);

  it('--demo configures the demo network on first start and plays a simulated day on it', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'relais-demo-'));
    dirs.push(data);
    const server = await startServer([
      '--data',
      data,
      '--demo',
      '--speed',
      '60',
      '--history-weeks',
      '1',
    ]);
    try {
      const login = await fetch(`${server.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: server.password }),
      });
      const cookie = { cookie: login.headers.get('set-cookie')?.split(';')[0] ?? '' };
      const agents = await json(server.base, 'GET', '/api/v1/agents?limit=1000', cookie);
      expect((agents.body.items as unknown[]).length).toBe(466);
      const sites = await json(server.base, 'GET', '/api/v1/sites?limit=1000', cookie);
      const cities = (sites.body.items as { city: string; positions: number }[]).map(
        (site) => site.city,
      );
      expect(cities.sort()).toEqual(
        ['Agadir', 'Casablanca', 'Fès', 'Marrakech', 'Oujda', 'Rabat', 'Tanger'].sort(),
      );
      for (const site of sites.body.items as { positions: number }[]) {
        expect(site.positions).toBeGreaterThanOrEqual(50);
        expect(site.positions).toBeLessThanOrEqual(1000);
      }
      const queues = await json(server.base, 'GET', '/api/v1/queues?limit=1000', cookie);
      expect((queues.body.items as { id: string }[]).map((q) => q.id)).toContain(
        'orbitel.billing.fr',
      );
      expect((queues.body.items as unknown[]).length).toBe(36);
      // The agent a person signs in as stays logged out: the simulation leaves it alone.
      const human = await json(server.base, 'GET', '/api/v1/agents/casa-001/status', cookie);
      expect(human.body).toMatchObject({ state: 'loggedOut' });
      let arrivals = 0;
      for (let i = 0; i < 100 && arrivals === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const events = await json(server.base, 'GET', '/api/v1/events?type=contactArrived', cookie);
        arrivals = (events.body.events as unknown[]).length;
      }
      expect(arrivals).toBeGreaterThan(0);
      const demo = await json(server.base, 'GET', '/api/v1/demo', cookie);
      expect(demo).toMatchObject({ status: 200, body: { speed: 60, paused: false, day: 1 } });
      expect(demo.body.agentsSimulated).toBe(465);
      expect(server.output()).toContain('speed 60x');
      // The week before today is in the reports (written once the server is up).
      for (let i = 0; i < 300 && !server.output().includes('demo history'); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.output()).toMatch(/demo history: [\d,]+ calls over the last 1 weeks/);
      const day = (offset: number): string =>
        new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const report = await json(
        server.base,
        'GET',
        `/api/v1/reports?dimension=queue&ids=orbitel.billing.fr&from=${day(-6)}&to=${day(-2)}&interval=60&zone=Africa/Casablanca`,
        cookie,
      );
      expect(report.status).toBe(200);
      const total = (report.body.total as { counters: { offered: number; answered: number } })
        .counters;
      expect(total.offered).toBeGreaterThan(100);
      expect(total.answered).toBeGreaterThan(total.offered * 0.8);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('--demo prints a login per role that works; a start without --demo removes them', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'relais-demo-users-'));
    dirs.push(data);
    const signIn = (base: string, username: string, password: string) =>
      json(base, 'POST', '/api/v1/auth/login', {}, { username, password });
    const demo = await startServer(['--data', data, '--demo', '--history-weeks', '0']);
    let logins: Map<string, string>;
    try {
      for (let i = 0; i < 200 && !demo.output().includes('demo.admin'); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      logins = new Map(
        [...demo.output().matchAll(/^ {2}(demo\.\w+)\s+(\S+)/gm)].map((m) => [m[1]!, m[2]!]),
      );
      expect([...logins.keys()]).toEqual([
        'demo.agent',
        'demo.supervisor',
        'demo.planner',
        'demo.client',
        'demo.admin',
      ]);
      const agent = await signIn(demo.base, 'demo.agent', logins.get('demo.agent')!);
      expect(agent).toMatchObject({
        status: 200,
        body: { user: { role: 'agent', scope: { agentId: 'casa-001' } } },
      });
      const client = await signIn(demo.base, 'demo.client', logins.get('demo.client')!);
      expect(client.body).toMatchObject({ user: { role: 'clientViewer' } });
      // The supervisor changes the demo's speed and pauses it; the planner may only look.
      const session = async (username: string): Promise<Record<string, string>> => {
        const response = await fetch(`${demo.base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: logins.get(username) }),
        });
        const { csrfToken } = (await response.json()) as { csrfToken: string };
        return {
          cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '',
          'x-csrf-token': csrfToken,
        };
      };
      const supervisor = await session('demo.supervisor');
      expect(await json(demo.base, 'GET', '/api/v1/demo', supervisor)).toMatchObject({
        status: 200,
        body: { speed: 1 },
      });
      const changed = await json(demo.base, 'PUT', '/api/v1/demo', supervisor, {
        speed: 30,
        paused: true,
      });
      expect(changed).toMatchObject({ status: 200, body: { speed: 30, paused: true } });
      const bad = await json(demo.base, 'PUT', '/api/v1/demo', supervisor, { speed: 100 });
      expect(bad.status).toBe(400);
      const planner = await session('demo.planner');
      expect((await json(demo.base, 'PUT', '/api/v1/demo', planner, { speed: 5 })).status).toBe(
        403,
      );
    } finally {
      await demo.stop();
    }
    const plain = await startServer(['--data', data]);
    try {
      expect(plain.output()).toContain('removed the demo users');
      expect((await signIn(plain.base, 'demo.agent', logins.get('demo.agent')!)).status).toBe(401);
      // No demo, no demo endpoint.
      const admin = await fetch(`${plain.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: demo.password }),
      });
      expect(admin.status).toBe(200);
      const cookie = { cookie: admin.headers.get('set-cookie')?.split(';')[0] ?? '' };
      expect((await json(plain.base, 'GET', '/api/v1/demo', cookie)).status).toBe(404);
    } finally {
      await plain.stop();
    }
  }, 90_000);

  it.each(BACKENDS)(
    '[SL6] a second server on the same store is refused, saying who holds it; it starts once the first stops (%s)',
    async (backend) => {
      const data = mkdtempSync(path.join(tmpdir(), 'relais-lease-'));
      dirs.push(data);
      const schema = `relais_lease_${Date.now().toString(36)}`;
      const where =
        backend === 'sqlite' ? ['--data', data] : ['--pg', PG_URL ?? '', '--pg-schema', schema];
      const first = await startServer(where);
      try {
        const refused = await startServer(where).then(
          (second) => second.stop().then(() => expect.fail('the second server started')),
          (error: unknown) => String(error),
        );
        expect(refused).toContain('relais serve exited with 1');
        expect(refused).toContain(
          `relais serve: this store is in use by relais serve (pid ${first.child.pid} on host `,
        );
        expect(refused).toContain('One server per store: stop that process first');
        expect(refused).toMatch(/its lease expires 15 s after its last heartbeat, at \S+Z/);
        // The first one serves on, untouched.
        expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
      } finally {
        await first.stop();
      }
      const again = await startServer(where);
      await again.stop();
      if (backend === 'postgres') await dropSchema(PG_URL ?? '', schema);
    },
    90_000,
  );

  it('[SL8] a server whose lease another process took over says so and exits without writing', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'relais-lease-lost-'));
    dirs.push(data);
    const server = await startServer(['--data', data]);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    const store = openSqliteStore({ file: path.join(data, 'relais.sqlite') });
    try {
      const held = await store.readLease();
      expect(held).toMatchObject({ purpose: 'relais serve', pid: server.child.pid });
      // As a process on another machine would after this one slept past its expiry.
      const intruder = { holderId: 'intruder', purpose: 'relais serve', pid: 1, host: 'elsewhere' };
      const taken = await store.takeLease(intruder, {
        nowMs: Date.now(),
        replacing: held?.holderId ?? '',
      });
      expect(taken.taken).toBe(true);
      expect(await exited).toBe(1);
      expect(server.output()).toContain(
        "relais serve: STOPPING: this process no longer holds the store's lease (now held by relais serve (pid 1 on host elsewhere)",
      );
      expect(await store.readLease()).toMatchObject({ holderId: 'intruder' });
    } finally {
      await store.close();
      await server.stop();
    }
  }, 60_000);

  it.each(BACKENDS)(
    'loses no acknowledged contact when killed with SIGKILL under load, and recovers the engine from a snapshot and the log (%s)',
    async (backend) => {
      const data = mkdtempSync(path.join(tmpdir(), 'relais-serve-'));
      dirs.push(data);
      const schema = `relais_kill_${Date.now().toString(36)}`;
      const where = [
        ...(backend === 'sqlite'
          ? ['--data', data]
          : ['--pg', PG_URL ?? '', '--pg-schema', schema]),
        '--snapshot-every',
        '10',
      ];
      const openStore = (): Store =>
        backend === 'sqlite'
          ? openSqliteStore({ file: path.join(data, 'relais.sqlite') })
          : openPostgresStore({ url: PG_URL ?? '', schema });
      const first = await startServer(where);
      const password = first.password;
      expect(password).toBeDefined();
      // Sign in, make an API key for the load, configure a small network.
      const login = await fetch(`${first.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const session = { cookie, 'x-csrf-token': csrfToken };
      const key = await json(first.base, 'POST', '/api/v1/api-keys', session, {
        name: 'load',
        role: 'admin',
      });
      const auth = { authorization: `Bearer ${String(key.body.key)}` };
      const setup: [string, unknown][] = [
        [
          '/api/v1/sites',
          { id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 10 },
        ],
        ['/api/v1/skills', { id: 'fr' }],
        ['/api/v1/clients', { id: 'acme', name: 'Acme' }],
        [
          '/api/v1/queues',
          {
            id: 'support',
            clientId: 'acme',
            channel: 'voice',
            skills: { fr: 1 },
            offerTimeoutSeconds: 3600,
          },
        ],
        ...[1, 2, 3].map((i): [string, unknown] => [
          '/api/v1/agents',
          { id: `a${i}`, siteId: 'rabat', skills: { fr: 5 } },
        ]),
      ];
      for (const [url, body] of setup)
        expect((await json(first.base, 'POST', url, auth, body)).status).toBe(201);
      for (const i of [1, 2, 3]) {
        await json(first.base, 'POST', `/api/v1/agents/a${i}/login`, auth, {});
        await json(first.base, 'PUT', `/api/v1/agents/a${i}/state`, auth, { state: 'available' });
      }

      // The snapshot thread saves one of the configured network (it passes every 2 s).
      const snapshotStore = openStore();
      const [tenant] = await snapshotStore.listTenants();
      let snapshot;
      for (let waited = 0; snapshot === undefined && waited < 20_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        snapshot = await snapshotStore.latestSnapshot(tenant?.id ?? '');
      }
      await snapshotStore.close();
      expect(snapshot?.commandSeq).toBeGreaterThanOrEqual(10);

      // Load: 16 clients creating contacts back to back; SIGKILL once 300 are acknowledged. The
      // clients go on sending until the server is gone, as real ones would: answers that came in
      // one group commit arrive together, so stopping at the kill could leave none in flight.
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      const acknowledged = new Map<string, string>();
      let killed = false;
      let sent = 0;
      const worker = async (w: number): Promise<void> => {
        for (let n = 0; ; n++) {
          const id = `w${w}-${n}`;
          sent++;
          try {
            const reply = await json(
              first.base,
              'POST',
              '/api/v1/contacts',
              { ...auth, 'idempotency-key': id },
              { id, queueId: 'support' },
            );
            if (reply.status === 201) acknowledged.set(id, String(reply.body.state));
          } catch {
            return; // the connection died with the server
          }
          if (acknowledged.size >= 300 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
      await exited;
      expect(acknowledged.size).toBeGreaterThanOrEqual(300);
      expect(sent).toBeGreaterThan(acknowledged.size); // some requests were never answered

      const second = await startServer([...where, '--log-level', 'info']);
      try {
        // It started from a snapshot (that one or a later one), then replayed the rest of the log.
        const recovered = /"recovery":(\{[^}]*\})/.exec(second.output())?.[1];
        const recovery = JSON.parse(recovered ?? '{}') as {
          fromCommandSeq: number;
          replayed: number;
        };
        expect(recovery.fromCommandSeq).toBeGreaterThanOrEqual(snapshot?.commandSeq ?? Infinity);
        for (const [id, state] of acknowledged) {
          const contact = await json(second.base, 'GET', `/api/v1/contacts/${id}`, auth);
          expect(contact.status, id).toBe(200);
          expect(contact.body.state, id).toBe(state);
        }
        // The live engine equals an independent replay of the log.
        const live = await json(second.base, 'GET', '/api/v1/engine/snapshot', auth);
        const store = openStore();
        const [tenant] = await store.listTenants();
        const engine = new Engine();
        const logged = await store.readCommands(tenant?.id ?? '', 0, 1_000_000);
        expect(recovery.fromCommandSeq + recovery.replayed).toBe(logged.length);
        for (const entry of logged) {
          const command = entry.command as { type: string };
          if (command.type === 'advance') engine.advance(entry.atMs);
          else expect(engine.apply(command as never, entry.atMs).ok).toBe(true);
        }
        await store.close();
        expect(live.body).toEqual(JSON.parse(JSON.stringify(engine.inspect())));
      } finally {
        await second.stop();
        if (backend === 'postgres') await dropSchema(PG_URL ?? '', schema);
      }
    },
    180_000,
  );
});
