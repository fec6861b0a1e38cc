import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bootstrap,
  buildServer,
  customerKeyOf,
  SNAPSHOT_EVERY_COMMANDS,
  TelephonyOptionError,
  telephonyOptionsFromFlags,
  type DemoControl,
  type RelaisServer,
  type ServerOptions,
  type TelephonyOptions,
} from '@relais/server';
import type { CalledPartySpec } from '@relais/sim';
import type { Store } from '@relais/store';
import { MAX_SPEED, MIN_SPEED } from '../serve/demo-clock.ts';
import { buildLiveDemoNetwork } from '../serve/demo-network.ts';
import { peakArrivalRate, planShifts } from '../serve/demo-day-plan.ts';
import { DEMO_HISTORY_WEEKS, storeDemoHistory } from '../serve/demo-history.ts';
import { DEMO_SEED, seedDemo } from '../serve/demo-seed.ts';
import { startDemoTraffic, type DemoTraffic } from '../serve/demo-traffic.ts';
import { leaseOrRefuse, serveRefusal } from '../serve/store-lease.ts';
import {
  demoLoginLines,
  removeDemoUsers,
  resetDemoUsers,
  type DemoLogin,
} from '../serve/demo-users.ts';
import { calledPartyFlag, clockStartFlag, shiftedClock } from '../serve/training-flags.ts';
import { FlagError, numberFlag, settingsOrExit } from '../workload/flags.ts';
import {
  DATABASE_FLAGS,
  DEFAULT_DATA_DIR,
  openConfiguredStore,
  pgFlags,
  SQLITE_FILE,
} from '../serve/open-store.ts';

export const name = 'serve';
export const summary = 'Run the Relais server (HTTP API, WebSocket stream) on SQLite or PostgreSQL';

const USAGE = `Usage: relais serve [--data DIR | --pg URL [--pg-schema NAME]] [--port N] [--host ADDRESS] [--web DIR] [--demo [--speed S] [--history-weeks W]] [--sip-host ADDRESS --hold-music FILE [SIP options]] [--training [--clock-start INSTANT]] [--simulated-called-party SPEC]

Starts the API and the web app on http://HOST:PORT (API reference at /api/docs). State lives in DIR/relais.sqlite
(created on first start) or, with --pg, in PostgreSQL. On an empty database it creates a tenant
and an "admin" user and prints the generated password once. One server per store: it holds the
store's lease (renewed every 5 s, expiring 15 s after the last renewal), and a second server on
the same store is refused with the pid and host of the one that holds it.

Options:
${DATABASE_FLAGS}
  --port N          TCP port, 0 to 65535 (default 8080; 0 picks a free one)
  --host ADDRESS    address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --log-level L     fatal, error, warn, info, debug (default info)
  --snapshot-every N  a snapshot once N commands were logged after the latest, made on a
                    thread of its own; a restart replays only what follows it (default
                    ${SNAPSHOT_EVERY_COMMANDS}; 0: none, a restart replays the whole log)
  --web DIR         the built web app to serve at / (default: apps/web/dist, made by
                    npm run build:web; without it only the API is served)
  --demo            on first start configure the demo network (7 sites in Moroccan cities,
                    466 agents, 4 clients, 36 queues), play a simulated day on it (8:00 to
                    20:00, then the next day: callers, agents on shifts with pauses answering,
                    hang-ups), and print one demo login per role with a new password (a start
                    without --demo removes those users)
  --speed S         with --demo: simulated seconds per real second, ${MIN_SPEED} to ${MAX_SPEED} (default 1;
                    admins and supervisors can change it from the web app while it runs)
  --history-weeks W with --demo, on first start: weeks of past calls stored for the reports and
                    the planning forecast, 0 to 13 (default ${DEMO_HISTORY_WEEKS}; written after the
                    server is up, in the background)

Outbound campaigns (their calls are simulated until telephony places them: no real call):
  --simulated-called-party SPEC  the simulated callee's figures, KEY=VALUE pairs separated by
                    commas: answer, busy, wrong, failed (shares of all calls, 0 to 1), machine
                    (share of the calls picked up that machines take), ring and talk (fixed
                    seconds); keys not given keep the defaults (answer=0.25, machine=0.15,
                    busy=0.05, wrong=0.02, failed=0.01, rings ~9 s, talks ~180 s). For example
                    answer=1,machine=0,busy=0,wrong=0,failed=0,ring=4,talk=600
  --training        a training server: allows --clock-start (and says so at start)
  --clock-start INSTANT  with --training: the server's clock reads INSTANT (with its UTC offset)
                    at start, then runs at real speed; e.g. 2026-12-01T10:30:00+01:00, a Tuesday
                    inside the French calling hours. Not before this machine's time (the
                    browser would drop the session cookies). Refused without --training: the
                    compliance gate would check the wrong hours

Telephony (off unless --sip-host is given; needs rtpengine, Debian package rtpengine-daemon):
  --sip-host ADDRESS   IPv4 address SIP listens on and that phones and trunks reach
  --sip-udp-port N     SIP over UDP (default 5060; "off" to close it)
  --sip-tcp-port N     SIP over TCP (default 5060; "off")
  --sip-ws-port N      SIP over WebSocket for the desktop's softphone (default off)
  --rtpengine WHERE    "start" (default: run /usr/bin/rtpengine on --sip-host) or the ng
                       address IPV4:PORT of a running rtpengine
  --hold-music FILE    what queued callers hear (a WAV file rtpengine can read)
  --sip-realm NAME     digest realm agent phones authenticate in (default: --sip-host)
  --rtpengine-ports MIN-MAX  media ports of the rtpengine Relais starts, 4 a call (default
                       20000-29999: 2,500 calls at once); open them in the firewall
  --rtpengine-dtmf-port N  UDP port on --sip-host receiving rtpengine's DTMF log (keys pressed
                       in RTP, for voice menus); with a running rtpengine, set its
                       dtmf-log-dest to SIP-HOST:N (default: automatic with "start", else none)

SIP trunk (with telephony; campaigns then dial through it instead of a simulated called party):
  --sip-trunk IPV4[:PORT]        the trunk's SIP address (port 5060 by default)
  --sip-trunk-transport T        udp (default) or tcp
  --sip-trunk-domain NAME        host part of the URIs sent to it (default: its address)
  --sip-trunk-user USER          the account answering its digest challenges; the password
                                 is read from the environment variable RELAIS_SIP_TRUNK_PASSWORD
  --sip-trunk-register SECONDS   register the account for that long, refreshed (default off)
  --sip-trunk-amd-header NAME    the 200 OK header carrying the trunk's answering-machine verdict
  --identification-message FILE  what a dropped callee hears (a WAV file rtpengine can read; needed)
  --sip-ws-url URL     the SIP WebSocket as browsers reach it, e.g. wss://relais.example.com/sip
                       behind a TLS proxy (default: ws://SIP-HOST:SIP-WS-PORT)
  --prompts DIR        the queue position prompts on rtpengine's host (a copy of
                       packages/telephony/prompts/fr; default: that folder)
  -h, --help        show this help`;

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'];

interface ServeSettings {
  data: string;
  port: number;
  host: string;
  pg: string | undefined;
  pgSchema: string | undefined;
  logLevel: string;
  demo: boolean;
  /** Simulated seconds per real second of the demo day. */
  speed: number;
  /** Weeks of past calls the demo's first start stores. */
  historyWeeks: number;
  snapshotEvery: number;
  /** The built web app; undefined: API only. */
  web: string | undefined;
  webGiven: boolean;
  /** SIP calls; undefined: telephony off. */
  telephony: TelephonyOptions | undefined;
  training: boolean;
  /** With --training: what the server's clock reads at start (epoch ms); undefined: real time. */
  clockStartMs: number | undefined;
  /** The simulated called party's figures; undefined: the server's defaults. */
  calledParty: CalledPartySpec | undefined;
}

/** apps/web/dist, beside this package. */
const DEFAULT_WEB = fileURLToPath(new URL('../../../web/dist', import.meta.url));

function readSettings(argv: string[]): ServeSettings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      pg: { type: 'string' },
      'pg-schema': { type: 'string' },
      'log-level': { type: 'string' },
      'snapshot-every': { type: 'string' },
      web: { type: 'string' },
      demo: { type: 'boolean' },
      speed: { type: 'string' },
      'history-weeks': { type: 'string' },
      'sip-host': { type: 'string' },
      'sip-udp-port': { type: 'string' },
      'sip-tcp-port': { type: 'string' },
      'sip-ws-port': { type: 'string' },
      rtpengine: { type: 'string' },
      'hold-music': { type: 'string' },
      'sip-realm': { type: 'string' },
      training: { type: 'boolean' },
      'clock-start': { type: 'string' },
      'simulated-called-party': { type: 'string' },
      'rtpengine-dtmf-port': { type: 'string' },
      'rtpengine-ports': { type: 'string' },
      'sip-trunk': { type: 'string' },
      'sip-trunk-transport': { type: 'string' },
      'sip-trunk-domain': { type: 'string' },
      'sip-trunk-user': { type: 'string' },
      'sip-trunk-register': { type: 'string' },
      'sip-trunk-amd-header': { type: 'string' },
      'identification-message': { type: 'string' },
      'sip-ws-url': { type: 'string' },
      prompts: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  if (positionals.length > 0) throw new FlagError(`unexpected argument '${positionals.join(' ')}'`);
  const logLevel = values['log-level'] ?? 'info';
  if (!LEVELS.includes(logLevel))
    throw new FlagError(`--log-level: expected one of ${LEVELS.join(', ')}, got '${logLevel}'`);
  if (values.speed !== undefined && values.demo !== true)
    throw new FlagError('--speed needs --demo (it sets the speed of the demo day)');
  if (values['history-weeks'] !== undefined && values.demo !== true)
    throw new FlagError("--history-weeks needs --demo (it sets the demo network's past calls)");
  if (values.training === true && values.demo === true)
    throw new FlagError(
      '--training and --demo do not go together: the demo plays its own day on its own clock',
    );
  let telephony: TelephonyOptions | undefined;
  try {
    telephony = telephonyOptionsFromFlags(values, process.env);
  } catch (error) {
    if (error instanceof TelephonyOptionError) throw new FlagError(error.message);
    throw error;
  }
  const training = values.training === true;
  return {
    telephony,
    training,
    clockStartMs: clockStartFlag(values['clock-start'], training, Date.now()),
    calledParty: calledPartyFlag(values['simulated-called-party']),
    data: values.data ?? process.env.RELAIS_DATA ?? DEFAULT_DATA_DIR,
    port: numberFlag('port', values.port, { min: 0, max: 65_535, fallback: 8080, integer: true }),
    host: values.host ?? '127.0.0.1',
    ...pgFlags(values),
    logLevel,
    demo: values.demo === true,
    speed: numberFlag('speed', values.speed, { min: MIN_SPEED, max: MAX_SPEED, fallback: 1 }),
    historyWeeks: numberFlag('history-weeks', values['history-weeks'], {
      min: 0,
      max: 13,
      fallback: DEMO_HISTORY_WEEKS,
      integer: true,
    }),
    web: values.web ?? DEFAULT_WEB,
    webGiven: values.web !== undefined,
    snapshotEvery: numberFlag('snapshot-every', values['snapshot-every'], {
      min: 0,
      max: 100_000_000,
      fallback: SNAPSHOT_EVERY_COMMANDS,
      integer: true,
    }),
  };
}

/** The snapshot thread on the same database, unless --snapshot-every 0. */
function snapshotOptions(settings: ServeSettings): Pick<ServerOptions, 'snapshots'> {
  if (settings.snapshotEvery === 0) return {};
  const store =
    settings.pg === undefined
      ? { kind: 'sqlite' as const, file: path.join(settings.data, SQLITE_FILE) }
      : {
          kind: 'postgres' as const,
          url: settings.pg,
          ...(settings.pgSchema === undefined ? {} : { schema: settings.pgSchema }),
        };
  return { snapshots: { store, follower: { every: settings.snapshotEvery } } };
}

/** The simulated day on the first tenant's demo queues and agents. */
async function demoTraffic(
  store: Store,
  server: RelaisServer,
  speed: number,
): Promise<DemoTraffic | undefined> {
  const [tenant] = await store.listTenants();
  if (tenant === undefined) return undefined;
  const ids = async (kind: 'queue' | 'agent'): Promise<string[]> =>
    (await store.listConfig(tenant.id, kind)).map((row) => row.id);
  const runtime = await server.context.tenants.get(tenant.id);
  const agentIds = await ids('agent');
  // Agents that users sign in as (the demo agent's casa-001, any made since) get real offers.
  const claimed = async (): Promise<Set<string>> =>
    new Set(
      (await store.listUsers(tenant.id)).flatMap((user) =>
        user.role === 'agent' && user.scope.agentId !== undefined ? [user.scope.agentId] : [],
      ),
    );
  // The demo network's shares of the calls; queues added since (or an older demo's) share alike.
  const known = buildLiveDemoNetwork(DEMO_SEED).queueShares;
  const queueIds = await ids('queue');
  const shares = Object.fromEntries(
    queueIds.map((id) => [id, known[id] ?? 1 / Math.max(1, queueIds.length)]),
  );
  return startDemoTraffic(runtime, {
    queueShares: shares,
    agentIds,
    claimed,
    speed,
    seed: DEMO_SEED,
    onArrived(contactId, queueId, attributes) {
      const customerKey = customerKeyOf(attributes, undefined);
      const clientId = runtime.directory.clientOfQueue(queueId);
      if (customerKey === undefined || clientId === undefined) return;
      // History is a convenience for the demo desktop: a lost link is not worth stopping for.
      store
        .addCustomerContact(tenant.id, { clientId, customerKey, contactId, atMs: Date.now() })
        .catch(() => undefined);
    },
  });
}

/**
 * Past weeks of calls for the demo's reports and forecast, on its first start only. Written
 * while the server already answers (a few seconds per week of history): they cover days before
 * today, which the live report projection never writes.
 */
async function seedDemoHistory(store: Store, tenantId: string, weeks: number): Promise<void> {
  if (weeks === 0) return;
  const started = performance.now();
  const network = buildLiveDemoNetwork(DEMO_SEED);
  try {
    const calls = await storeDemoHistory(store, tenantId, {
      peakRate: peakArrivalRate(planShifts(network.agents.length, DEMO_SEED)),
      queueShares: network.queueShares,
      seed: DEMO_SEED,
      nowMs: Date.now(),
      weeks,
    });
    console.log(
      `relais: demo history: ${calls.toLocaleString('en-US')} calls over the last ${weeks} weeks stored for the reports and the forecast (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    // The demo runs on without its history; say why it is missing.
    console.error(`relais: demo history not stored: ${String(error)}`);
  }
}

/** The demo endpoint's view of the traffic, which starts once the server listens. */
function demoControl(tenantId: string): DemoControl & { traffic?: DemoTraffic } {
  const control: DemoControl & { traffic?: DemoTraffic } = {
    tenantId,
    status: () => control.traffic?.state(),
    update(change) {
      const traffic = control.traffic;
      if (traffic === undefined) return undefined;
      if (change.speed !== undefined) traffic.setSpeed(change.speed);
      if (change.paused !== undefined) traffic.setPaused(change.paused);
      return traffic.state();
    },
  };
  return control;
}

/** The web app's folder, or undefined (with a note) when the default one was never built. */
function webRoot(settings: ServeSettings): string | undefined {
  if (settings.web === undefined) return undefined;
  if (existsSync(path.join(settings.web, 'index.html')) || settings.webGiven) return settings.web;
  console.log(`relais: no web app in ${settings.web} (npm run build:web); serving the API only`);
  return undefined;
}

/** Demo mode: the demo users with new passwords; otherwise none may be left. */
async function demoLogins(store: Store, demo: boolean): Promise<DemoLogin[] | undefined> {
  const [tenant] = await store.listTenants();
  if (demo) return tenant === undefined ? undefined : resetDemoUsers(store, tenant.id);
  const removed = await removeDemoUsers(store);
  if (removed.length > 0)
    console.log(`relais: not in demo mode; removed the demo users ${removed.join(', ')}`);
  return undefined;
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  const store = await openConfiguredStore(settings);
  // One server per store, before anything is read or written (SL6).
  const lease = await leaseOrRefuse(store, 'relais serve', serveRefusal);
  if (lease === undefined) {
    await store.close();
    return 1;
  }
  const first = await bootstrap(store);
  if (first !== undefined && settings.demo) {
    await seedDemo(store, first.tenantId);
  }
  const logins = await demoLogins(store, settings.demo);
  const web = webRoot(settings);
  const [tenant] = settings.demo ? await store.listTenants() : [];
  const control = tenant === undefined ? undefined : demoControl(tenant.id);
  const server = await buildServer({
    store,
    logger: { level: settings.logLevel },
    ...snapshotOptions(settings),
    ...(web === undefined ? {} : { web: { root: web } }),
    ...(control === undefined ? {} : { demo: control }),
    ...(settings.telephony === undefined ? {} : { telephony: settings.telephony }),
    ...(settings.clockStartMs === undefined
      ? {}
      : { runtime: { clock: shiftedClock(settings.clockStartMs, Date.now) } }),
    ...(settings.calledParty === undefined
      ? {}
      : { dialer: { calledParty: settings.calledParty } }),
  });
  const address = await server.app.listen({ port: settings.port, host: settings.host });
  const traffic = settings.demo ? await demoTraffic(store, server, settings.speed) : undefined;
  if (control !== undefined && traffic !== undefined) control.traffic = traffic;
  const history =
    first !== undefined && settings.demo
      ? seedDemoHistory(store, first.tenantId, settings.historyWeeks)
      : Promise.resolve();
  if (first !== undefined) {
    console.log(
      `relais: first start — created user "${first.username}" with password: ${first.password}`,
    );
    console.log('relais: this password is shown once; sign in and keep it safe.');
  }
  const where = settings.pg === undefined ? `SQLite in ${settings.data}` : 'PostgreSQL';
  console.log(`relais: serving on ${address} (${where}); API reference at ${address}/api/docs`);
  if (logins !== undefined) for (const line of demoLoginLines(address, logins)) console.log(line);
  if (settings.training) {
    const clock = server.context.clock;
    console.log(
      `relais: training server; its clock reads ${new Date(clock()).toISOString()}` +
        (settings.clockStartMs === undefined ? ' (real time)' : ' (shifted by --clock-start)') +
        '; campaign calls are simulated',
    );
  }
  if (server.telephony !== undefined)
    console.log(`relais: telephony on: SIP on ${server.telephony.listening().join(', ')}`);
  if (traffic !== undefined) {
    const demo = traffic.state();
    console.log(
      `relais: demo day ${demo.day} from ${demo.dayStart} to ${demo.dayEnd} (then the next day), simulated time ${demo.simulatedTime}, speed ${demo.speed}x; ` +
        'an admin or supervisor changes the speed in the web app (or PUT /api/v1/demo)',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  traffic?.stop();
  await history;
  await server.close();
  await lease.release();
  await store.close();
  return 0;
}
