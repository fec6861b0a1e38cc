// The spoken place in line and expected wait through the real server: sipp callers dial a queue
// nobody answers, rtpengine plays the French prompts one after another (`play media` each, the
// next when the last one's length has passed), then the music again; the engine says the place.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FRENCH_PROMPTS_DIR, type CallCenterB2bua } from '@relais/telephony';
import {
  killSipps,
  makeToneWav,
  requireSipp,
  RtpPeer,
  runSipp,
  waitUntil,
  type SippRun,
} from '@relais/telephony/testing';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { agent, Harness, queue, site, type Caller } from '../testing/harness.ts';
import type { TelephonyService } from './telephony-service.ts';

const DID = '800600';
const WAIT_DID = '800601';
let h: Harness;
let admin: Caller & { tenantId: string };
let telephony: TelephonyService;
let announce: MockInstance<CallCenterB2bua['announce']>;
let playMusic: MockInstance<CallCenterB2bua['playMusic']>;
const peers: RtpPeer[] = [];
/** Per call: packets its caller had received when the music was asked for again. */
const atMusic = new Map<string, number>();
const mediaOf = new Map<string, RtpPeer>();

beforeAll(async () => {
  requireSipp();
  const directory = await mkdtemp(join(tmpdir(), 'relais-position-'));
  const music = join(directory, 'hold.wav');
  await writeFile(music, makeToneWav({ seconds: 1 }));
  h = await Harness.start({
    telephony: {
      host: '127.0.0.1',
      udpPort: 0,
      tcpPort: false,
      wsPort: false,
      rtpengine: { start: true },
      holdMusicFile: music,
    },
  });
  telephony = h.server.telephony as TelephonyService;
  admin = await h.tenantAdmin('positions');
  await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(admin, 'POST', '/api/v1/pause-codes', { id: 'lunch', label: 'Lunch' });
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('line', 'acme', { phoneNumbers: [DID], announcePosition: { say: 'position' } }),
  );
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('hotline', 'acme', {
      phoneNumbers: [WAIT_DID],
      announcePosition: { say: 'both', everySeconds: 15 },
      wrapUp: { mode: 'timed', seconds: 0 },
    }),
  );
  announce = vi.spyOn(telephony.b2bua, 'announce');
  const original = telephony.b2bua.playMusic.bind(telephony.b2bua);
  playMusic = vi.spyOn(telephony.b2bua, 'playMusic').mockImplementation((callId) => {
    if (!atMusic.has(callId)) atMusic.set(callId, mediaOf.get(callId)?.received.length ?? -1);
    return original(callId);
  });
}, 60_000);

afterEach(async () => {
  for (const callId of await telephony.ng.list()) {
    await telephony.b2bua.hangUp(callId).catch(() => undefined);
  }
  killSipps();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
  await waitUntil(() => telephony.bridge.size === 0, 'the bridge forgets its calls');
  announce.mockClear();
  playMusic.mockClear();
  atMusic.clear();
  mediaOf.clear();
});

afterAll(async () => {
  killSipps();
  await h?.stop();
});

async function media(name: string, ssrc: number): Promise<RtpPeer> {
  const peer = await RtpPeer.open(name, ssrc);
  peers.push(peer);
  return peer;
}

function caller(callerMedia: RtpPeer, did: string): SippRun {
  return runSipp('uac-caller-waits-bye.xml', [
    ...['-t', 'u1', '-p', '0', '-s', did, '-key', 'rtp_port', String(callerMedia.port)],
    `127.0.0.1:${telephony.endpoint.local('udp').port}`,
  ]);
}

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

/** The prompts (names, no folder) played to a call so far, and their lengths from rtpengine. */
async function playedTo(callId: string): Promise<{ prompts: string[]; durationMs: number }> {
  const prompts: string[] = [];
  let durationMs = 0;
  for (const [index, [id, file]] of announce.mock.calls.entries()) {
    if (id !== callId) continue;
    expect(file.startsWith(FRENCH_PROMPTS_DIR)).toBe(true);
    prompts.push(basename(file, '.wav'));
    const reply = (await announce.mock.results[index]?.value) as { durationMs?: number };
    durationMs += reply.durationMs ?? 0;
  }
  return { prompts, durationMs };
}

/** Dials `did` and waits until the call's announcement has played and the music is back. */
async function dialAndHear(did: string, ssrc: number): Promise<{ callId: string; run: SippRun }> {
  const callerMedia = await media(`caller-${ssrc}`, ssrc);
  const run = caller(callerMedia, did);
  let callId = '';
  await waitUntil(
    () => {
      const first = announce.mock.calls.find(
        ([id]) => !mediaOf.has(id) || mediaOf.get(id) === callerMedia,
      );
      if (first === undefined) return false;
      callId = first[0];
      // The music until then does not count: only what the announcement sent.
      if (!mediaOf.has(callId)) {
        callerMedia.clear();
        mediaOf.set(callId, callerMedia);
      }
      return atMusic.has(callId);
    },
    `the announcement to ${did} plays, then the music`,
    25_000,
  );
  return { callId, run };
}

describe('the place in line, spoken', () => {
  it('[POS1][POS2][POS6] two callers queued, nobody to answer: the first hears "premier", the second "deuxième", each piece in full, then the music', async () => {
    const first = await dialAndHear(DID, 0x6101);
    const second = await dialAndHear(DID, 0x6102);
    expect((await playedTo(first.callId)).prompts).toEqual([
      'vous-etes-le',
      'ord-1',
      'en-attente',
      'merci',
    ]);
    const heard = await playedTo(second.callId);
    expect(heard.prompts).toEqual(['vous-etes-le', 'ord-2', 'en-attente', 'merci']);
    // rtpengine read every piece (its replies give their lengths), and the caller got the RTP
    // of all of it (one packet per 20 ms; the packets before the first piece are not counted):
    // no piece was cut short by the next one.
    expect(heard.durationMs).toBeGreaterThan(2000);
    const expected = heard.durationMs / 20;
    const got = atMusic.get(second.callId) ?? 0;
    expect(got).toBeGreaterThanOrEqual(Math.floor(expected * 0.9));
    expect(got).toBeLessThanOrEqual(Math.ceil(expected * 1.1) + 5);
    // Then the music again.
    const secondMedia = mediaOf.get(second.callId) as RtpPeer;
    await waitUntil(() => secondMedia.received.length >= got + 25, 'music after the announcement');
    for (const { callId, run } of [first, second]) {
      await telephony.b2bua.hangUp(callId);
      await succeeds(run);
    }
  }, 90_000);

  it('[POS1][POS3] with an estimate from the engine, the wait follows the place: "moins d’une minute"; again every 15 s with the place of then', async () => {
    // One answered and ended contact gives the engine a handle time (a few ms): its estimate.
    await h.ok(admin, 'POST', '/api/v1/agents', agent('a1', 'rabat'));
    const runtime = await h.server.context.tenants.get(admin.tenantId);
    await runtime.execute({ type: 'login', agentId: 'a1' });
    await runtime.execute({
      type: 'arrive',
      contact: { contactId: 'warm-up', queueId: 'hotline', channel: 'voice' },
    });
    await runtime.execute({ type: 'accept', agentId: 'a1', contactId: 'warm-up' });
    await runtime.execute({ type: 'end', contactId: 'warm-up' });
    await runtime.execute({ type: 'pause', agentId: 'a1', reason: 'lunch' });
    expect(runtime.engine.queueStatus('hotline').estimatedWaitMs).toBeLessThan(60_000);

    const first = await dialAndHear(WAIT_DID, 0x6201);
    const second = await dialAndHear(WAIT_DID, 0x6202);
    const says = (ordinal: string) => [
      'vous-etes-le',
      ordinal,
      'en-attente',
      'temps-attente',
      'moins-d-une-minute',
      'merci',
    ];
    // (The first caller may have heard it again since: 15 s after it came.)
    expect((await playedTo(first.callId)).prompts.slice(0, 6)).toEqual(says('ord-1'));
    expect((await playedTo(second.callId)).prompts).toEqual(says('ord-2'));
    // The first leaves: 15 s after it came, the second is told it is first now.
    await telephony.b2bua.hangUp(first.callId);
    await succeeds(first.run);
    await waitUntil(
      () => announce.mock.calls.filter(([id]) => id === second.callId).length === 12,
      'the second announcement',
      25_000,
    );
    expect((await playedTo(second.callId)).prompts.slice(6)).toEqual(says('ord-1'));
    await telephony.b2bua.hangUp(second.callId);
    await succeeds(second.run);
  }, 90_000);
});
