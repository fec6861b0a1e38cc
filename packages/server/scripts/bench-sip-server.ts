// Call throughput through the real server: buildServer on SQLite in a temp folder with telephony
// on loopback, one queue whose routing number the sipp callers dial, N agents with a SIP user
// each, logged in and available, wrap-up 0 s; every agent's phone registered (digest, from a
// Node UDP socket) with its Contact at ONE sipp phone that answers every INVITE. The routing engine chooses the agent of
// each call; each caller hangs up after --hold-ms. Progress on stderr; the last line of stdout
// is one JSON object. Run: npm run bench:sip-server -- [--rate 200] [--seconds 60]
// [--hold-ms 10000] [--media] [--agents N] [--music-seconds 2]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openSqliteStore } from '@relais/store';
import { startRtpengine } from '@relais/telephony';
import {
  cpuMsOf,
  freeUdpPort,
  makeToneWav,
  readSippStats,
  rtpengineRelayed,
  requireSipp,
  SCENARIOS,
} from '@relais/telephony/testing';
import { buildServer } from '../src/app.ts';
import { createAdmin } from '../src/bootstrap.ts';
import { CSRF_HEADER } from '../src/auth/principal.ts';
import type { TelephonyService } from '../src/telephony/telephony-service.ts';
import { registerPhones } from './bench-sip-phones.ts';
import { BenchFlagError, readBenchSipFlags, type BenchSipFlags } from './bench-sip-flags.ts';

const DID = '800100';
const PASSWORD = 'bench-phone-secret';

let flags: BenchSipFlags;
try {
  flags = readBenchSipFlags(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchFlagError)) throw error;
  console.error(`bench:sip-server: ${error.message}`);
  process.exit(2);
}
requireSipp();
const progress = (line: string) => console.error(`bench:sip-server: ${line}`);
const total = Math.round(flags.rate * flags.seconds);
const expectedConcurrent = Math.ceil(flags.rate * (flags.holdMs / 1000 + 2));

// rtpengine started here with media ports for every call at once (two participants, RTP and
// RTCP each): the one `relais serve` starts itself has a 100-port block, for tests.
const rtpengine = await startRtpengine({
  portMin: 20_000,
  portMax: Math.min(60_000, 20_000 + expectedConcurrent * 6 + 200),
  logLevel: 3,
});
const work = await mkdtemp(join(tmpdir(), 'relais-bench-sip-server-'));
const musicFile = join(work, 'hold.wav');
await writeFile(musicFile, makeToneWav({ seconds: flags.musicSeconds }));
// As `relais serve` opens it: the log's commits (and their fsync) on a worker thread;
// RELAIS_SQLITE_LOG_WRITER=inline keeps them on the server's thread, to compare.
const logWriter = process.env.RELAIS_SQLITE_LOG_WRITER === 'inline' ? 'inline' : 'worker';
const store = openSqliteStore({ file: join(work, 'relais.sqlite'), logWriter });
await store.migrate();
const server = await buildServer({
  store,
  logger: { level: 'warn' },
  telephony: {
    host: '127.0.0.1',
    udpPort: 0,
    tcpPort: false,
    wsPort: false,
    rtpengine: { host: '127.0.0.1', port: rtpengine.ngPort },
    holdMusicFile: musicFile,
  },
});
const telephony = server.telephony as TelephonyService;
const sipPort = telephony.endpoint.local('udp').port;
const running: ChildProcess[] = [];

try {
  const admin = await createAdmin(store, 'admin-bench', 'bench');
  const headers = await signIn(admin.username, admin.password);
  const api = async (method: string, url: string, body?: unknown): Promise<void> => {
    const response = await server.app.inject({
      method: method as 'POST',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (response.statusCode >= 300)
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  };
  await api('POST', '/api/v1/sites', {
    id: 'rabat',
    city: 'Rabat',
    timeZone: 'Africa/Casablanca',
    positions: flags.agents,
  });
  await api('POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await api('POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await api('POST', '/api/v1/queues', {
    id: 'support',
    clientId: 'acme',
    channel: 'voice',
    skills: { fr: 1 },
    wrapUp: { mode: 'timed', seconds: 0 },
    offerTimeoutSeconds: 10,
    phoneNumbers: [DID],
  });
  const ids = Array.from({ length: flags.agents }, (_, i) => `a${i + 1}`);
  let t = performance.now();
  for (const id of ids)
    await api('POST', '/api/v1/agents', {
      id,
      siteId: 'rabat',
      skills: { fr: 5 },
      sipUser: `phone-${id}`,
      sipPassword: PASSWORD,
    });
  progress(`${ids.length} agents configured in ${seconds(t)} s`);

  // One sipp phone answers for every agent; the registrations point their Contact at it.
  const phonePort = await freeUdpPort();
  const phone = sipp('phone', [
    '-sf',
    join(SCENARIOS, 'uas-bench-agent.xml'),
    '-p',
    String(phonePort),
    '-mp',
    String(await freeUdpPort()),
    '-d',
    '0',
    ...(flags.media ? ['-rtp_echo'] : []),
  ]);
  void phone.done;
  t = performance.now();
  await registerPhones(
    ids.map((id) => ({ user: `phone-${id}`, password: PASSWORD })),
    sipPort,
    phonePort,
  );
  progress(`${ids.length} phones registered in ${seconds(t)} s`);
  t = performance.now();
  for (const id of ids) {
    await api('POST', `/api/v1/agents/${id}/login`, {});
    await api('PUT', `/api/v1/agents/${id}/state`, { state: 'available' });
  }
  progress(`${ids.length} agents logged in and available in ${seconds(t)} s`);

  const events = new Map<string, number>();
  const runtime = await server.context.tenants.get(admin.tenantId);
  runtime.subscribe((batch) => {
    for (const event of batch) events.set(event.type, (events.get(event.type) ?? 0) + 1);
  });
  const started = new Map<string, number>();
  const setupMs: number[] = [];
  const errors = new Map<string, number>();
  let agentFailed = 0;
  let ended = 0;
  let peak = 0;
  telephony.onCall((event) => {
    switch (event.type) {
      case 'inbound':
        started.set(event.callId, performance.now());
        peak = Math.max(peak, telephony.b2bua.activeCalls);
        return;
      case 'agent-answered': {
        const start = started.get(event.callId);
        if (start !== undefined) setupMs.push(performance.now() - start);
        return;
      }
      case 'agent-failed':
        agentFailed++;
        errors.set(event.reason, (errors.get(event.reason) ?? 0) + 1);
        return;
      case 'call-ended':
        ended++;
        started.delete(event.callId);
        return;
      default:
    }
  });

  const loadBefore = loadavg()[0];
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const rtpengineCpuBefore = await cpuMsOf(rtpengine.pid);
  progress(
    `calling: ${flags.rate} calls/s for ${flags.seconds} s, each held ${flags.holdMs} ms` +
      (flags.media ? ', with media' : ''),
  );
  const ticker = setInterval(
    () =>
      progress(
        `${telephony.b2bua.activeCalls} calls alive, ${events.get('contactConnected') ?? 0} connected, ${ended} ended`,
      ),
    5000,
  );
  const t0 = performance.now();
  const caller = await sipp('caller', [
    '-sf',
    join(SCENARIOS, flags.media ? 'uac-bench-caller-media.xml' : 'uac-bench-caller.xml'),
    '-p',
    String(await freeUdpPort()),
    '-mp',
    String(await freeUdpPort()),
    '-s',
    DID,
    '-r',
    String(flags.rate),
    '-m',
    String(total),
    '-l',
    String(expectedConcurrent + 500),
    '-d',
    String(flags.holdMs),
    '-timeout',
    `${Math.ceil(flags.seconds + flags.holdMs / 1000 + 60)}s`,
    '-trace_stat',
    '-stf',
    join(work, 'caller-stats.csv'),
    '-fd',
    '1',
    `127.0.0.1:${sipPort}`,
  ]).done;
  const elapsedS = (performance.now() - t0) / 1000;
  // The last BYEs to the phone, and the engine's events of the last calls.
  for (let waited = 0; telephony.b2bua.activeCalls > 0 && waited < 10_000; waited += 100)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(ticker);
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const rtpengineCpuMs = (await cpuMsOf(rtpengine.pid)) - rtpengineCpuBefore;
  const loadAfter = loadavg()[0];
  const stats = await readSippStats(join(work, 'caller-stats.csv'));
  const relayedPackets = await rtpengineRelayed(rtpengine.client);

  const callerFailed = stats?.failed ?? (caller.code === 0 ? 0 : Number.NaN);
  setupMs.sort((a, b) => a - b);
  const quantile = (q: number) => {
    const value = setupMs[Math.min(setupMs.length - 1, Math.floor(setupMs.length * q))];
    return value === undefined ? null : Math.round(value * 10) / 10;
  };
  const answered = stats?.successful ?? setupMs.length;
  const perCall = (value: number) => (ended > 0 ? Math.round((value / ended) * 100) / 100 : null);
  const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;
  const report = {
    callsPerSec: Math.round((answered / Math.max(elapsedS - flags.holdMs / 1000, 1)) * 10) / 10,
    concurrentCalls: peak,
    failedCalls: callerFailed + agentFailed,
    setupP99Ms: quantile(0.99),
    setupP50Ms: quantile(0.5),
    withMedia: flags.media,
    offered: total,
    answered,
    rateAsked: flags.rate,
    seconds: flags.seconds,
    holdMs: flags.holdMs,
    agents: flags.agents,
    logWriter,
    // What the routing engine did: every answered call should be a contact it connected.
    contactsArrived: events.get('contactArrived') ?? 0,
    contactsConnected: events.get('contactConnected') ?? 0,
    contactsAbandoned: events.get('contactAbandoned') ?? 0,
    contactsOffered: events.get('contactOffered') ?? 0,
    ended,
    // RTP packets rtpengine relayed (music on hold included): with --media, that media flowed.
    relayedPackets,
    leftAtEnd: telephony.b2bua.activeCalls,
    // CPU per ended call: this process is the whole server (HTTP, engine, store, SIP, bridge).
    serverCpuMsPerCall: perCall((cpu.user + cpu.system) / 1000),
    rtpengineCpuMsPerCall: perCall(rtpengineCpuMs),
    eventLoopDelayP99Ms: ms(loopDelay.percentile(99)),
    eventLoopDelayMaxMs: ms(loopDelay.max),
    loadAverage: [round1(loadBefore), round1(loadAfter)],
    ...(errors.size > 0 ? { agentErrors: Object.fromEntries(errors) } : {}),
    ...(caller.code !== 0 ? { callerSippExit: caller.code, callerTail: caller.tail } : {}),
  };
  progress('done; closing the server');
  await stop();
  console.log(JSON.stringify(report));
} catch (error) {
  await stop();
  throw error;
}

async function stop(): Promise<void> {
  for (const child of running) child.kill('SIGTERM');
  await server.close();
  await store.close();
  await rtpengine.stop();
  await rm(work, { recursive: true, force: true });
}

async function signIn(username: string, password: string): Promise<Record<string, string>> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'relais_session');
  const { csrfToken } = JSON.parse(response.body) as { csrfToken: string };
  return { cookie: `relais_session=${cookie?.value ?? ''}`, [CSRF_HEADER]: csrfToken };
}

function sipp(
  name: string,
  args: string[],
): { done: Promise<{ code: number | null; tail: string }> } {
  // sipp's socket buffers default to 64 KiB: at these rates it would drop messages.
  const child = spawn('sipp', ['-i', '127.0.0.1', '-nostdin', '-buff_size', '4194304', ...args], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  // sipp says why it stopped at the start of its output (a fatal error) or at the end.
  let head = '';
  let output = '';
  const keep = (chunk: Buffer) => {
    if (head.length < 600) head += chunk.toString().slice(0, 600 - head.length);
    output = (output + chunk.toString()).slice(-3000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    done: new Promise((resolve) =>
      child.on('exit', (code) =>
        resolve({ code, tail: `${name}: ${head} … ${output.slice(-600)}` }),
      ),
    ),
  };
}

function seconds(since: number): number {
  return Math.round((performance.now() - since) / 100) / 10;
}

function round1(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}
