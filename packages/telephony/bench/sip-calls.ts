// Call throughput of the B2BUA on loopback: a sipp caller places calls at a fixed rate to a
// DID, the B2BUA answers each with music on hold (rtpengine) and rings an agent at once, a sipp
// agent phone answers; each caller hangs up after --hold-ms and the B2BUA hangs up the agent.
// With --media the callers play sipp's G.711 sample and the agent phone echoes it.
// Run: npm run bench:sip -- [--rate 200] [--seconds 60] [--hold-ms 10000] [--media]
//      [--music-seconds 2]
// The last line is one JSON object.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CallCenterB2bua } from '../src/call/b2bua.ts';
import type { NgStats } from '../src/media/ng-transport.ts';
import { RtpengineMediaControl } from '../src/media/rtpengine-media-control.ts';
import { startRtpengine } from '../src/media/rtpengine-process.ts';
import { makeToneWav } from '../src/media/testing/wav.ts';
import { DialogLayer } from '../src/sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../src/sip/endpoint/sip-endpoint.ts';
import { cpuMsOf, readSippStats, rtpengineRelayed } from '../src/sip/testing/bench-measures.ts';
import { freeUdpPort, SCENARIOS } from '../src/sip/testing/sipp.ts';
import { realScheduler } from '../src/sip/transport/real-scheduler.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    'hold-ms': { type: 'string', default: '10000' },
    media: { type: 'boolean', default: false },
    // rtpengine decodes the music file on every `play media`: its length is a per-call cost.
    'music-seconds': { type: 'string', default: '2' },
  },
});
const rate = positive('rate', values.rate);
const seconds = positive('seconds', values.seconds);
const holdMs = positive('hold-ms', values['hold-ms']);
const withMedia = values.media;
const musicSeconds = positive('music-seconds', values['music-seconds']);
const total = Math.round(rate * seconds);

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number, got "${text}"`);
    process.exit(2);
  }
  return value;
}

// Enough media ports for every concurrent call: two participants, RTP and RTCP each, plus room.
const expectedConcurrent = Math.ceil(rate * (holdMs / 1000 + 2));
const rtpengine = await startRtpengine({
  portMin: 20_000,
  portMax: Math.min(60_000, 20_000 + expectedConcurrent * 6 + 200),
  logLevel: 3,
});
const work = await mkdtemp(join(tmpdir(), 'relais-bench-sip-'));
const musicFile = join(work, 'hold.wav');
await writeFile(musicFile, makeToneWav({ seconds: musicSeconds }));
const media = new RtpengineMediaControl(rtpengine.client, { holdMusic: { file: musicFile } });
const endpoint = await SipEndpoint.start({ udpPort: 0 });
const newId = () => randomBytes(8).toString('hex');
const dialogs = new DialogLayer(endpoint, {
  scheduler: realScheduler,
  newId,
  random: () => 0.5,
  contact: () => `sip:relais@127.0.0.1:${endpoint.local('udp').port}`,
});
const agentPort = await freeUdpPort();
const agentMediaPort = await freeUdpPort();

const started = new Map<string, number>();
const setupMs: number[] = [];
let failed = 0;
let ended = 0;
let peak = 0;
const errors = new Map<string, number>();
// Errors counted by kind: call ids and ports are taken out so that like errors add up.
const count = (what: string) => {
  const kind = what
    .replace(/[0-9a-f]{16}/g, '…')
    .replace(/:\d+/g, '')
    .slice(0, 140);
  errors.set(kind, (errors.get(kind) ?? 0) + 1);
};

const b2bua = new CallCenterB2bua({
  dialogs,
  media,
  scheduler: realScheduler,
  newId,
  resolveAgent: (agentId) => ({
    uri: `sip:${agentId}@127.0.0.1:${agentPort}`,
    destination: { protocol: 'udp', address: '127.0.0.1', port: agentPort },
    media: 'rtp',
  }),
  onEvent: (event) => {
    switch (event.type) {
      case 'inbound':
        started.set(event.callId, performance.now());
        peak = Math.max(peak, b2bua.activeCalls);
        b2bua
          .answer(event.callId)
          .then(() => b2bua.ringAgent(event.callId, 'agent', { ringTimeoutMs: 10_000 }))
          .catch((error: unknown) => count(`action: ${String(error)}`.slice(0, 160)));
        return;
      case 'agent-answered': {
        const start = started.get(event.callId);
        if (start !== undefined) setupMs.push(performance.now() - start);
        return;
      }
      case 'agent-failed':
        failed++;
        count(`agent-failed ${event.reason}`);
        return;
      case 'call-ended':
        ended++;
        started.delete(event.callId);
        return;
      default:
    }
  },
});

function sipp(args: string[]): Promise<{ code: number | null; output: string }> {
  // sipp's own socket buffers default to 64 KiB: at these rates it would drop our messages.
  const child = spawn('sipp', ['-i', '127.0.0.1', '-nostdin', '-buff_size', '4194304', ...args], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-6000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  running.push(child);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}
const running: ReturnType<typeof spawn>[] = [];

const agent = sipp([
  '-sf',
  join(SCENARIOS, 'uas-bench-agent.xml'),
  '-p',
  String(agentPort),
  '-mp',
  String(agentMediaPort),
  '-d',
  '0',
  ...(withMedia ? ['-rtp_echo'] : []),
  '-trace_stat',
  '-fd',
  '1',
]);
void agent;
const callerPort = await freeUdpPort();
const loadBefore = loadavg()[0];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const cpuBefore = process.cpuUsage();
const rtpengineCpuBefore = await cpuMsOf(rtpengine.pid);
const udpDropsBefore = await udpReceiveDrops();
const ngBefore = rtpengine.client.stats();
const t0 = performance.now();
const caller = await sipp([
  '-sf',
  join(SCENARIOS, withMedia ? 'uac-bench-caller-media.xml' : 'uac-bench-caller.xml'),
  '-p',
  String(callerPort),
  '-mp',
  String(await freeUdpPort()),
  '-s',
  '800100',
  '-r',
  String(rate),
  '-m',
  String(total),
  '-l',
  String(expectedConcurrent + 500),
  '-d',
  String(holdMs),
  '-timeout',
  `${Math.ceil(seconds + holdMs / 1000 + 60)}s`,
  '-trace_stat',
  '-stf',
  join(work, 'caller-stats.csv'),
  '-fd',
  '1',
  `127.0.0.1:${endpoint.local('udp').port}`,
]);
const elapsedS = (performance.now() - t0) / 1000;
const stats = await readSippStats(join(work, 'caller-stats.csv'));
// Let the last BYEs to the agent finish.
for (let waited = 0; b2bua.activeCalls > 0 && waited < 10_000; waited += 100)
  await new Promise((resolve) => setTimeout(resolve, 100));
loopDelay.disable();
const cpu = process.cpuUsage(cpuBefore);
const rtpengineCpuMs = (await cpuMsOf(rtpengine.pid)) - rtpengineCpuBefore;
const ng = ngDelta(ngBefore, rtpengine.client.stats());
const udpDrops = (await udpReceiveDrops()) - udpDropsBefore;
const loadAfter = loadavg()[0];

for (const child of running) child.kill('SIGTERM');
const relayedPackets = await rtpengineRelayed(rtpengine.client);
await endpoint.close();
await rtpengine.stop();

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
  callsPerSec: Math.round((answered / Math.max(elapsedS - holdMs / 1000, 1)) * 10) / 10,
  concurrentCalls: peak,
  failedCalls: callerFailed + failed,
  setupP99Ms: quantile(0.99),
  setupP50Ms: quantile(0.5),
  withMedia,
  offered: total,
  answered,
  rateAsked: rate,
  seconds,
  holdMs,
  musicSeconds,
  leftAtEnd: b2bua.activeCalls,
  // RTP packets rtpengine relayed (music on hold included); checks that media really flowed.
  relayedPackets,
  ended,
  // Costs per ended call: CPU of this process (the B2BUA, plus the bench's own bookkeeping) and
  // of rtpengine, ng requests sent and resent; comparable across machine loads, unlike rates.
  b2buaCpuMsPerCall: perCall((cpu.user + cpu.system) / 1000),
  rtpengineCpuMsPerCall: perCall(rtpengineCpuMs),
  ngRequestsPerCall: perCall(ng.requests),
  ngResends: ng.resends,
  ngTimeouts: ng.timeouts,
  // The most ng requests that waited for a free slot (maxInFlight) at once.
  ngQueuePeak: rtpengine.client.stats().queuePeak,
  ngByCommand: ng.byCommand,
  // Datagrams the kernel dropped for full receive buffers, machine-wide (other work included).
  udpReceiveBufferDrops: Number.isNaN(udpDrops) ? null : udpDrops,
  eventLoopDelayP99Ms: ms(loopDelay.percentile(99)),
  eventLoopDelayMaxMs: ms(loopDelay.max),
  loadAverage: [round1(loadBefore), round1(loadAfter)],
  ...(errors.size > 0 ? { errors: Object.fromEntries(errors) } : {}),
  ...(caller.code !== 0
    ? { callerSippExit: caller.code, callerTail: caller.output.slice(-600) }
    : {}),
};
console.log(JSON.stringify(report));

function ngDelta(
  before: NgStats,
  after: NgStats,
): { requests: number; resends: number; timeouts: number; byCommand: Record<string, number> } {
  const byCommand: Record<string, number> = {};
  let requests = 0;
  for (const [command, count] of Object.entries(after.requests)) {
    const sent = count - (before.requests[command] ?? 0);
    if (sent === 0) continue;
    byCommand[command] = sent;
    requests += sent;
  }
  return {
    requests,
    resends: after.resends - before.resends,
    timeouts: after.timeouts - before.timeouts,
    byCommand,
  };
}

function round1(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}

/** UDP datagrams dropped for a full receive buffer so far, machine-wide (Linux); NaN elsewhere. */
async function udpReceiveDrops(): Promise<number> {
  try {
    const lines = (await readFile('/proc/net/snmp', 'utf8'))
      .split('\n')
      .filter((line) => line.startsWith('Udp: '));
    const names = lines[0]?.split(' ') ?? [];
    const values = lines[1]?.split(' ') ?? [];
    return Number(values[names.indexOf('RcvbufErrors')]);
  } catch {
    return Number.NaN;
  }
}
