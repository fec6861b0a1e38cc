// RFC 4733 digits and announcements with real peers: a sipp caller whose media is a Node UDP
// socket sending telephone-events through a real rtpengine (its DTMF log feeds the B2BUA), and
// rtpengine `play media` for announcements, the music coming back after each.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RtpPeer, settle, waitUntil } from '../media/testing/rtp-peer.ts';
import { freeUdpPort, killSipps, requireSipp, runSipp, type SippRun } from '../sip/testing/sipp.ts';
import type { CallEvent } from './call-control.ts';
import { CallControlError } from './errors.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';

const DID = '800300';
let harness: B2buaHarness;
const peers: RtpPeer[] = [];

beforeAll(async () => {
  requireSipp();
  harness = await B2buaHarness.start();
});
afterEach(async () => {
  // A failed test must not leave its call to the next one.
  for (const event of harness.events) {
    if (event.type === 'inbound') await harness.b2bua.hangUp(event.callId).catch(() => undefined);
  }
  killSipps();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  harness.reset();
});
afterAll(async () => {
  killSipps();
  await harness?.stop();
});

async function phoneMedia(name: string, ssrc: number): Promise<RtpPeer> {
  const peer = await RtpPeer.open(name, ssrc);
  peers.push(peer);
  return peer;
}

function caller(media: RtpPeer): SippRun {
  return runSipp('uac-caller-waits-bye.xml', [
    ...['-t', 'u1', '-p', '0', '-s', DID, '-key', 'rtp_port', String(media.port)],
    `127.0.0.1:${harness.port}`,
  ]);
}

async function agentPhone(agentId: string, media: RtpPeer): Promise<SippRun> {
  const port = await freeUdpPort();
  harness.agentOn(agentId, port);
  return runSipp('uas-agent-answers.xml', [
    ...['-t', 'u1', '-p', String(port), '-key', 'rtp_port', String(media.port), '-d', '0'],
  ]);
}

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

/** Answers every call; nothing else (each test drives the rest). */
function answerCalls(): void {
  harness.script = async (event, b2bua) => {
    if (event.type === 'inbound') await b2bua.answer(event.callId);
  };
}

/** Waits until no packet arrived for `quietMs`: a playback that ended. */
async function quiet(peer: RtpPeer, quietMs = 400): Promise<number> {
  for (;;) {
    const before = peer.received.length;
    await settle(quietMs);
    if (peer.received.length === before) return before;
  }
}

const digits = (events: readonly CallEvent[]) =>
  events.flatMap((e) => (e.type === 'dtmf' ? [`${e.leg}:${e.digit}`] : []));

async function hangUpAndCheck(callId: string, ...runs: SippRun[]): Promise<void> {
  await harness.b2bua.hangUp(callId);
  await Promise.all(runs.map(succeeds));
  await harness.event('call-ended', callId);
  await waitUntil(() => harness.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
  expect(await harness.engine.client.list()).toEqual([]);
  expect(harness.errors).toEqual([]);
}

describe('RFC 4733 digits through rtpengine', () => {
  it("[DTMF2] key presses in the caller's RTP while queued become dtmf events of the caller leg, in order", async () => {
    const callerMedia = await phoneMedia('caller', 0x4711);
    answerCalls();
    const call = caller(callerMedia);
    const inbound = await harness.event('inbound');
    await waitUntil(() => callerMedia.received.length >= 5, 'music on hold reaches the caller');
    const port = await harness.rtpenginePort(inbound.callId, 'caller');
    for (const key of ['5', '#', '0', '*']) await callerMedia.pressKey(port, key);
    await waitUntil(() => digits(harness.ofCall(inbound.callId)).length >= 4, 'four digits');
    await settle();
    // One event per press, although each end packet came three times (RFC 4733 §2.5.1.4).
    expect(digits(harness.ofCall(inbound.callId))).toEqual([
      'caller:5',
      'caller:#',
      'caller:0',
      'caller:*',
    ]);
    await hangUpAndCheck(inbound.callId, call);
  }, 60_000);

  it("[DTMF2] the agent's key presses once bridged are dtmf events of the agent leg", async () => {
    const callerMedia = await phoneMedia('caller', 0x4712);
    const agentMedia = await phoneMedia('agent', 0x4713);
    const agent = await agentPhone('ida', agentMedia);
    harness.script = async (event, b2bua) => {
      if (event.type === 'inbound') {
        await b2bua.answer(event.callId);
        await b2bua.ringAgent(event.callId, 'ida', { ringTimeoutMs: 10_000 });
      }
    };
    const call = caller(callerMedia);
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);
    await agentMedia.pressKey(await harness.rtpenginePort(inbound.callId, 'agent'), '9');
    await waitUntil(() => digits(harness.ofCall(inbound.callId)).length >= 1, 'a digit');
    expect(digits(harness.ofCall(inbound.callId))).toEqual(['agent:9']);
    await hangUpAndCheck(inbound.callId, call, agent);
  }, 60_000);

  it('[DTMF2] digit reports of unknown calls or participants are ignored', () => {
    harness.b2bua.mediaDtmf({
      callId: 'no-such-call',
      fromTag: 'caller',
      digit: '1',
      durationMs: 100,
    });
    expect(harness.events).toEqual([]);
  });
});

describe('announcements', () => {
  it('[ANN1] an announcement plays once in place of the music, then the music comes back', async () => {
    const callerMedia = await phoneMedia('caller', 0x4721);
    answerCalls();
    const call = caller(callerMedia);
    const inbound = await harness.event('inbound');
    await waitUntil(() => callerMedia.received.length >= 5, 'music on hold reaches the caller');

    // Silence after it: the 0.4 s file is 20 packets of 20 ms, then nothing.
    const played = await harness.b2bua.announce(inbound.callId, harness.announcementFile, {
      thenMusic: false,
    });
    expect(played.durationMs).toBe(400);
    await quiet(callerMedia);
    callerMedia.clear();
    await harness.b2bua.announce(inbound.callId, harness.announcementFile, { thenMusic: false });
    expect(await quiet(callerMedia)).toBeGreaterThanOrEqual(18);
    expect(callerMedia.received.length).toBeLessThanOrEqual(22);

    // The default: the music resumes after the file.
    callerMedia.clear();
    await harness.b2bua.announce(inbound.callId, harness.announcementFile);
    await waitUntil(() => callerMedia.received.length >= 60, 'music again after the announcement');
    await hangUpAndCheck(inbound.callId, call);
    expect(harness.timers.pending).toBe(0);
  }, 60_000);

  it('[ANN1] playMusic brings the music back after a silent prompt', async () => {
    const callerMedia = await phoneMedia('caller', 0x4722);
    answerCalls();
    const call = caller(callerMedia);
    const inbound = await harness.event('inbound');
    await waitUntil(() => callerMedia.received.length >= 1, 'answered: music');
    await harness.b2bua.announce(inbound.callId, harness.announcementFile, { thenMusic: false });
    await quiet(callerMedia);
    callerMedia.clear();
    await harness.b2bua.playMusic(inbound.callId);
    await waitUntil(() => callerMedia.received.length >= 40, 'music after playMusic');
    await hangUpAndCheck(inbound.callId, call);
  }, 60_000);

  it('[ANN2] an announcement to a bridged caller is refused (wrong-state), a missing file fails with its path (media-failed)', async () => {
    const callerMedia = await phoneMedia('caller', 0x4731);
    const agentMedia = await phoneMedia('agent', 0x4732);
    const agent = await agentPhone('joe', agentMedia);
    answerCalls();
    const call = caller(callerMedia);
    const inbound = await harness.event('inbound');
    await waitUntil(() => callerMedia.received.length >= 1, 'music');

    const missing = await harness.b2bua
      .announce(inbound.callId, '/nonexistent/relais-announcement.wav')
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(CallControlError);
    expect((missing as CallControlError).code).toBe('media-failed');
    expect((missing as CallControlError).message).toMatch(
      /\/nonexistent\/relais-announcement\.wav/,
    );

    await harness.b2bua.ringAgent(inbound.callId, 'joe', { ringTimeoutMs: 10_000 });
    await harness.event('agent-answered', inbound.callId);
    for (const action of [
      () => harness.b2bua.announce(inbound.callId, harness.announcementFile),
      () => harness.b2bua.playMusic(inbound.callId),
      () => harness.b2bua.announce('no-such-call', harness.announcementFile),
    ]) {
      const error = await action().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallControlError);
      expect(['wrong-state', 'unknown-call']).toContain((error as CallControlError).code);
    }
    // Still bridged: RTP flows caller → agent, no announcement reached the caller.
    await settle();
    callerMedia.clear();
    await agentMedia.stream(await harness.rtpenginePort(inbound.callId, 'agent'), 20);
    await waitUntil(() => callerMedia.countFrom(agentMedia.ssrc) >= 20, 'agent audio');
    expect(callerMedia.countNotFrom(agentMedia.ssrc)).toBe(0);
    await hangUpAndCheck(inbound.callId, call, agent);
  }, 60_000);
});
