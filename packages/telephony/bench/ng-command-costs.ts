// What each ng command costs rtpengine: runs the B2BUA's sequence for --calls calls, one
// command at a time for all calls (20 in flight), and prints rtpengine's CPU time (from
// /proc, Linux) and the wall time per command, then one JSON line. Music files of several
// lengths show what `play media` costs: rtpengine 10.5 decodes the file on every play.
// Run: npm run bench:ng-costs -w @relais/telephony -- [--calls 200]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { agentLegOptions } from '../src/media/rtpengine-media-control.ts';
import { startRtpengine } from '../src/media/rtpengine-process.ts';
import { standInAnswer } from '../src/media/sdp-audio.ts';
import { makeToneWav } from '../src/media/testing/wav.ts';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200' } } });
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 20) {
  console.error(`--calls must be a whole number of at least 20, got "${values.calls}"`);
  process.exit(2);
}

const engine = await startRtpengine({ portMin: 20_000, portMax: 40_000, logLevel: 3 });
const work = await mkdtemp(join(tmpdir(), 'relais-ng-costs-'));
const ng = engine.client;
const REPLACE = ['origin', 'session-connection'];
const LATCH = ['port latching'];
const ids = Array.from({ length: calls }, (_, i) => `cost-${i}`);
const offers = new Map<string, string>();
const costs: Record<string, { cpuMs: number; wallMs: number }> = {};

const phoneSdp = (port: number) =>
  [
    'v=0',
    'o=phone 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 8 101`,
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');

async function cpuMs(): Promise<number> {
  const fields = (await readFile(`/proc/${engine.pid}/stat`, 'utf8')).split(') ')[1]?.split(' ');
  // utime and stime, fields 14 and 15 of stat(5), in ticks of 10 ms.
  return (Number(fields?.[11]) + Number(fields?.[12])) * 10;
}

async function step(name: string, run: (id: string, index: number) => Promise<unknown>) {
  const cpuBefore = await cpuMs();
  const start = performance.now();
  for (let i = 0; i < calls; i += 20) {
    await Promise.all(ids.slice(i, i + 20).map((id, j) => run(id, i + j)));
  }
  const wallMs = (performance.now() - start) / calls;
  const cpu = ((await cpuMs()) - cpuBefore) / calls;
  costs[name] = { cpuMs: Math.round(cpu * 1000) / 1000, wallMs: Math.round(wallMs * 100) / 100 };
  console.log(`${name.padEnd(26)} ${cpu.toFixed(3)} ms CPU, ${wallMs.toFixed(2)} ms wall`);
}

async function music(seconds: number): Promise<string> {
  const file = join(work, `music-${seconds}s.wav`);
  await writeFile(file, makeToneWav({ seconds }));
  return file;
}

const loadBefore = loadavg()[0];
await step('offer (caller)', async (id, i) => {
  const offered = await ng.offer({
    callId: id,
    fromTag: 'caller',
    sdp: phoneSdp(40_000 + 2 * i),
    replace: REPLACE,
    codec: { strip: ['all'], except: ['PCMA', 'telephone-event'] },
    ...agentLegOptions('rtp'),
  });
  offers.set(id, offered.sdp);
});
await step('answer (stand-in)', (id) =>
  ng.answer({
    callId: id,
    fromTag: 'caller',
    toTag: 'agent',
    sdp: standInAnswer(offers.get(id) ?? '').sdp,
    replace: REPLACE,
    flags: LATCH,
  }),
);
await step('block media', (id) => ng.blockMedia({ callId: id, fromTag: 'caller' }));
for (const seconds of [0.2, 2, 30]) {
  const file = await music(seconds);
  await step(`play media (${seconds} s file)`, (id) =>
    ng.playMedia({ callId: id, fromTag: 'caller', file, repeatTimes: 1000 }),
  );
  await step('stop media', (id) => ng.stopMedia({ callId: id, fromTag: 'caller' }));
}
await step('answer (agent)', (id, i) =>
  ng.answer({
    callId: id,
    fromTag: 'caller',
    toTag: 'agent',
    sdp: phoneSdp(50_000 + 2 * i),
    replace: REPLACE,
    flags: LATCH,
  }),
);
await step('unblock media', (id) => ng.unblockMedia({ callId: id, fromTag: 'caller' }));
await step('delete', (id) => ng.delete({ callId: id }));
await step('ping', () => ng.ping());
const loadAfter = loadavg()[0];
await engine.stop();
await rm(work, { recursive: true, force: true });
console.log(JSON.stringify({ calls, costs, loadAverage: [loadBefore, loadAfter] }));
