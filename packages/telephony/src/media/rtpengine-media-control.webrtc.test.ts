// A WebRTC agent leg end to end: Debian's Chromium answers the agent offer with a real
// RTCPeerConnection (an oscillator as microphone), does ICE and DTLS-SRTP with rtpengine, and
// RTP is counted at both ends. Fails, loudly, when Chromium is missing (.ci/run installs it).
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRtpengine, type RunningRtpengine } from './rtpengine-process.ts';
import { RtpengineMediaControl } from './rtpengine-media-control.ts';
import { readAudio } from './sdp-audio.ts';
import { RtpPeer, settle, waitUntil } from './testing/rtp-peer.ts';
import { makeToneWav } from './testing/wav.ts';

const CHROMIUM = process.env['RELAIS_CHROMIUM'] ?? '/usr/bin/chromium';

let engine: RunningRtpengine;
let browser: Browser;
let caller: RtpPeer;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the WebRTC media test needs it ` +
        '(apt-get install -y chromium; .ci/run does this), or set RELAIS_CHROMIUM',
    );
  }
  engine = await startRtpengine();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // The oscillator standing in for a microphone must run without a click.
      '--autoplay-policy=no-user-gesture-required',
      // Plain host candidates instead of mDNS names (rtpengine learns the peer either way).
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
  caller = await RtpPeer.open('caller', 0x1111);
}, 60_000);

afterAll(async () => {
  await caller?.close();
  await browser?.close();
  await engine?.stop();
});

/** The page's side: answer rtpengine's offer, as the softphone in the agent desktop will. */
async function answerInBrowser(page: Page, offerSdp: string): Promise<string> {
  return page.evaluate(async (sdp) => {
    const connection = new RTCPeerConnection();
    Object.assign(globalThis, { connection });
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const microphone = audio.createMediaStreamDestination();
    oscillator.connect(microphone);
    oscillator.start();
    await connection.setRemoteDescription({ type: 'offer', sdp });
    for (const track of microphone.stream.getAudioTracks()) {
      connection.addTrack(track, microphone.stream);
    }
    await connection.setLocalDescription(await connection.createAnswer());
    await new Promise<void>((resolve) => {
      if (connection.iceGatheringState === 'complete') resolve();
      connection.addEventListener('icegatheringstatechange', () => {
        if (connection.iceGatheringState === 'complete') resolve();
      });
    });
    return connection.localDescription?.sdp ?? '';
  }, offerSdp);
}

/** The page's answer to a re-offer on the connection it has: a re-INVITE, as JsSIP handles it. */
async function reanswerInBrowser(page: Page, offerSdp: string): Promise<string> {
  return page.evaluate(async (sdp) => {
    const { connection } = globalThis as unknown as { connection: RTCPeerConnection };
    await connection.setRemoteDescription({ type: 'offer', sdp });
    await connection.setLocalDescription(await connection.createAnswer());
    return connection.localDescription?.sdp ?? '';
  }, offerSdp);
}

interface BrowserRtp {
  iceState: string;
  connectionState: string;
  dtlsState: string | undefined;
  srtpCipher: string | undefined;
  packetsReceived: number;
  sentSsrc: number | undefined;
}

async function browserRtp(page: Page): Promise<BrowserRtp> {
  return page.evaluate(async () => {
    const { connection } = globalThis as unknown as { connection: RTCPeerConnection };
    const result: BrowserRtp = {
      iceState: connection.iceConnectionState,
      connectionState: connection.connectionState,
      dtlsState: undefined,
      srtpCipher: undefined,
      packetsReceived: 0,
      sentSsrc: undefined,
    };
    (await connection.getStats()).forEach((report: Record<string, unknown>) => {
      if (report['type'] === 'transport') {
        result.dtlsState = report['dtlsState'] as string;
        result.srtpCipher = report['srtpCipher'] as string;
      }
      if (report['type'] === 'inbound-rtp')
        result.packetsReceived = report['packetsReceived'] as number;
      if (report['type'] === 'outbound-rtp') result.sentSsrc = report['ssrc'] as number;
    });
    return result;
  });
}

/** Polls the browser until `done`; fails at once when ICE or DTLS failed, or after 20 s. */
async function untilBrowser(
  page: Page,
  done: (state: BrowserRtp) => boolean,
  what: string,
): Promise<BrowserRtp> {
  for (let waitedMs = 0; ; waitedMs += 50) {
    const state = await browserRtp(page);
    if (done(state)) return state;
    if (state.iceState === 'failed' || state.connectionState === 'failed' || waitedMs > 20_000) {
      throw new Error(`browser never reached: ${what} (${JSON.stringify(state)})`);
    }
    await settle(50);
  }
}

describe('MediaControl with a WebRTC agent (Chromium)', () => {
  it('[MED16] a browser bridged late still completes ICE and DTLS-SRTP; RTP flows both ways', async () => {
    const musicFile = join(await mkdtemp(join(tmpdir(), 'relais-moh-webrtc-')), 'hold.wav');
    await writeFile(musicFile, makeToneWav({ seconds: 1 }));
    const media = new RtpengineMediaControl(engine.client, { holdMusic: { file: musicFile } });
    const callId = 'webrtc-agent';
    const callerPort = readAudio(await media.anchorCaller(callId, caller.sdp()), 'caller').port;
    await media.playHold(callId);
    const offer = await media.offerToAgent(callId, 'webrtc');
    expect(offer).toContain('a=setup:active');

    const page = await browser.newPage();
    const answer = await answerInBrowser(page, offer);
    expect(answer).toContain('a=setup:passive');
    // The SIP 200 OK is late on purpose: ICE is up before rtpengine sees the answer.
    await untilBrowser(page, (state) => state.iceState === 'connected', 'ICE connected');
    const bridged = await media.bridge(callId, answer);
    expect(bridged.callerSdpChanged).toBe(false);

    let rtp = await untilBrowser(
      page,
      (state) => state.connectionState === 'connected' && state.dtlsState === 'connected',
      'DTLS-SRTP with rtpengine',
    );
    expect(rtp.srtpCipher).toMatch(/^(SRTP|AEAD)_/);

    await settle();
    caller.clear();
    await caller.stream(callerPort, 50);
    await untilBrowser(page, (state) => state.packetsReceived >= 50, 'the caller heard');
    await waitUntil(() => caller.received.length >= 25, 'the browser is heard by the caller');
    await settle();
    rtp = await browserRtp(page);
    expect(rtp.packetsReceived).toBe(50); // all of the caller's, decrypted nowhere but the browser
    const fromBrowser = new Set(caller.received.map((packet) => packet.ssrc));
    expect([...fromBrowser]).toEqual([rtp.sentSsrc]); // no music left, only the agent
    expect(new Set(caller.received.map((packet) => packet.payloadType))).toEqual(new Set([0]));
    await page.close();
    await media.release(callId);
  }, 60_000);

  it('[MED21] a browser held (music to the caller) and resumed with a re-offer keeps its DTLS-SRTP session; RTP flows both ways again', async () => {
    const musicFile = join(await mkdtemp(join(tmpdir(), 'relais-moh-webrtc-')), 'hold.wav');
    await writeFile(musicFile, makeToneWav({ seconds: 1 }));
    const media = new RtpengineMediaControl(engine.client, { holdMusic: { file: musicFile } });
    const callId = 'webrtc-agent-resumed';
    const callerPort = readAudio(await media.anchorCaller(callId, caller.sdp()), 'caller').port;
    await media.playHold(callId);
    const page = await browser.newPage();
    const answer = await answerInBrowser(page, await media.offerToAgent(callId, 'webrtc'));
    await media.bridge(callId, answer);
    await untilBrowser(page, (state) => state.dtlsState === 'connected', 'DTLS-SRTP');

    // Held: the caller hears music, not the browser; the browser hears nothing of the caller.
    await media.returnToHold(callId, { agentStays: true });
    await settle();
    const browserSsrc = (await browserRtp(page)).sentSsrc;
    const heardBeforeHold = (await browserRtp(page)).packetsReceived;
    caller.clear();
    await caller.stream(callerPort, 25);
    await waitUntil(() => caller.received.length >= 25, 'the music reaches the held caller');
    expect(caller.received.some((packet) => packet.ssrc === browserSsrc)).toBe(false);
    expect((await browserRtp(page)).packetsReceived).toBe(heardBeforeHold);

    // Resumed with a re-offer the browser answers on its connection (a re-INVITE's 200 OK).
    const reoffer = await media.offerToAgent(callId, 'webrtc');
    await media.bridge(callId, await reanswerInBrowser(page, reoffer));
    await settle();
    caller.clear();
    await caller.stream(callerPort, 50);
    const rtp = await untilBrowser(
      page,
      (state) => state.packetsReceived >= heardBeforeHold + 50,
      'the caller heard again after the resume',
    );
    expect(rtp.dtlsState).toBe('connected');
    await waitUntil(
      () => caller.received.some((packet) => packet.ssrc === browserSsrc),
      'the browser heard again by the caller',
    );
    await page.close();
    await media.release(callId);
  }, 60_000);
  it('[MED21] a browser held then released: the next browser is bridged with a DTLS session of its own', async () => {
    const musicFile = join(await mkdtemp(join(tmpdir(), 'relais-moh-webrtc-')), 'hold.wav');
    await writeFile(musicFile, makeToneWav({ seconds: 1 }));
    const media = new RtpengineMediaControl(engine.client, { holdMusic: { file: musicFile } });
    const callId = 'webrtc-agent-transferred';
    const callerPort = readAudio(await media.anchorCaller(callId, caller.sdp()), 'caller').port;
    await media.playHold(callId);
    const first = await browser.newPage();
    await media.bridge(
      callId,
      await answerInBrowser(first, await media.offerToAgent(callId, 'webrtc')),
    );
    await untilBrowser(first, (state) => state.dtlsState === 'connected', 'DTLS-SRTP (first)');
    // Held first (the browser stays attached), then released: the caller waits for another.
    await media.returnToHold(callId, { agentStays: true });
    await media.returnToHold(callId);
    await first.close();

    const second = await browser.newPage();
    await media.bridge(
      callId,
      await answerInBrowser(second, await media.offerToAgent(callId, 'webrtc')),
    );
    await untilBrowser(second, (state) => state.dtlsState === 'connected', 'DTLS-SRTP (second)');
    await settle();
    const secondSsrc = (await browserRtp(second)).sentSsrc;
    caller.clear();
    await caller.stream(callerPort, 50);
    await untilBrowser(second, (state) => state.packetsReceived >= 50, 'the second browser hears');
    await waitUntil(
      () => caller.received.some((packet) => packet.ssrc === secondSsrc),
      'the second browser heard by the caller',
    );
    await second.close();
    await media.release(callId);
  }, 60_000);
});
