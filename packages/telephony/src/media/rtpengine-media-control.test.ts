// The hold → bridge spike as a test: plain UDP sockets play caller and agents, rtpengine relays,
// and packets are counted by SSRC (music carries rtpengine's own SSRC, phones their own).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { audioRtpStream } from './ng-query.ts';
import { startRtpengine, type RunningRtpengine } from './rtpengine-process.ts';
import { AGENT_TAG, CALLER_TAG, RtpengineMediaControl } from './rtpengine-media-control.ts';
import { readAudio } from './sdp-audio.ts';
import { RtpPeer, settle, waitUntil } from './testing/rtp-peer.ts';
import { makeToneWav } from './testing/wav.ts';

let engine: RunningRtpengine;
let media: RtpengineMediaControl;
let musicFile: string;
const peers: RtpPeer[] = [];

beforeAll(async () => {
  engine = await startRtpengine();
  musicFile = join(await mkdtemp(join(tmpdir(), 'relais-moh-')), 'hold.wav');
  await writeFile(musicFile, makeToneWav({ seconds: 1 }));
  media = new RtpengineMediaControl(engine.client, { holdMusic: { file: musicFile } });
});
afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.close()));
  await engine?.stop();
});

async function peer(name: string, ssrc: number): Promise<RtpPeer> {
  const opened = await RtpPeer.open(name, ssrc);
  peers.push(opened);
  return opened;
}

const portOf = (sdp: string): number => readAudio(sdp, 'test').port;

async function callerPortInRtpengine(callId: string): Promise<number | undefined> {
  return audioRtpStream(await engine.client.query({ callId }), CALLER_TAG)?.localPort;
}

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof MediaError)) throw error;
  return error;
}

describe('MediaControl on rtpengine: hold, then bridge', () => {
  it('[MED8][MED9][MED10][MED11] caller held with music, then bridged to an agent both ways', async () => {
    const caller = await peer('caller', 0x1111);
    const agent = await peer('agent', 0x2222);
    const callId = 'spike-hold-bridge';

    const callerAnswer = await media.anchorCaller(callId, caller.sdp());
    const callerPort = portOf(callerAnswer);
    expect(callerPort).toBeGreaterThanOrEqual(engine.portMin);
    expect(callerAnswer).toContain('c=IN IP4 127.0.0.1');
    expect(callerAnswer).toContain('a=sendrecv');

    await media.playHold(callId);
    await waitUntil(() => caller.received.length >= 25, 'music reaches the silent caller');
    const music = caller.received[0]!;
    expect(music.payloadType).toBe(0); // PCMU, the codec the caller offered first
    expect(caller.sources()).toEqual([`127.0.0.1:${callerPort}`]);

    const agentOffer = await media.offerToAgent(callId, 'rtp');
    const agentFacingPort = portOf(agentOffer);
    expect(agentFacingPort).not.toBe(callerPort);
    const bridged = await media.bridge(callId, agent.sdp());
    expect(bridged.callerSdpChanged).toBe(false);
    expect(portOf(bridged.callerSdp)).toBe(callerPort);

    await settle();
    caller.clear();
    await Promise.all([caller.stream(callerPort, 50), agent.stream(agentFacingPort, 50)]);
    await waitUntil(
      () => caller.countFrom(agent.ssrc) === 50 && agent.countFrom(caller.ssrc) === 50,
      'all 50 packets cross each way',
    );
    await settle();
    expect(caller.countFrom(music.ssrc)).toBe(0); // the music stopped
    expect(caller.countNotFrom(agent.ssrc)).toBe(0);
    // Symmetric: each phone hears rtpengine from the port it sends to.
    expect(caller.sources()).toEqual([`127.0.0.1:${callerPort}`]);
    expect(agent.sources()).toEqual([`127.0.0.1:${agentFacingPort}`]);
    await media.release(callId);
  });

  it('[MED10] re-offers keep the agent-facing port; the agent gets only the caller codec and DTMF', async () => {
    const caller = await peer('caller', 0x3333);
    const callId = 'spike-reoffer';
    const callerSdp = caller
      .sdp()
      .replace('RTP/AVP 0 101', 'RTP/AVP 0 8 101')
      .replace('a=rtpmap:0 PCMU/8000', 'a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000');
    await media.anchorCaller(callId, callerSdp);
    const offers = [
      await media.offerToAgent(callId, 'rtp'),
      await media.offerToAgent(callId, 'rtp'),
      await media.offerToAgent(callId, 'webrtc'),
      await media.offerToAgent(callId, 'rtp'),
    ];
    expect(new Set(offers.map(portOf)).size).toBe(1);
    const plain = readAudio(offers[0]!, 'agent offer');
    expect(plain.protocol).toBe('RTP/AVP');
    expect(plain.codecs.map((codec) => codec.encoding)).toEqual(['PCMU', 'telephone-event']);
    await media.release(callId);
  });

  it('[MED10] a WebRTC agent is offered ICE, DTLS-SRTP and rtcp-mux on the same port', async () => {
    const caller = await peer('caller', 0x4444);
    const callId = 'spike-webrtc';
    await media.anchorCaller(callId, caller.sdp());
    const offer = await media.offerToAgent(callId, 'webrtc');
    const port = portOf(offer);
    expect(readAudio(offer, 'webrtc offer').protocol).toBe('UDP/TLS/RTP/SAVPF');
    for (const line of [
      'a=rtcp-mux',
      'a=setup:active', // rtpengine starts DTLS (MED16)
      'a=fingerprint:sha-256 ',
      'a=ice-ufrag:',
      'a=ice-pwd:',
      'a=mid:',
      ` 127.0.0.1 ${port} typ host`,
    ]) {
      expect(offer, line).toContain(line);
    }
    expect(offer).not.toContain('a=crypto:'); // SDES off: browsers use DTLS-SRTP only
    await media.release(callId);
  });

  it('[MED12] an agent leg that ends returns the caller to music, then a second agent is bridged', async () => {
    const caller = await peer('caller', 0x5555);
    const first = await peer('agent-1', 0x6666);
    const second = await peer('agent-2', 0x7777);
    const callId = 'spike-return-to-hold';
    const callerPort = portOf(await media.anchorCaller(callId, caller.sdp()));
    await media.playHold(callId);
    const agentPort = portOf(await media.offerToAgent(callId, 'rtp'));
    await media.bridge(callId, first.sdp());

    await media.returnToHold(callId);
    await settle();
    caller.clear();
    first.clear();
    await caller.stream(callerPort, 20);
    await waitUntil(() => caller.countNotFrom(first.ssrc) >= 15, 'music again');
    await settle();
    expect(first.received).toHaveLength(0); // the caller's media goes nowhere while held
    expect(await callerPortInRtpengine(callId)).toBe(callerPort);

    expect(portOf(await media.offerToAgent(callId, 'rtp'))).toBe(agentPort);
    const bridged = await media.bridge(callId, second.sdp());
    expect(bridged.callerSdpChanged).toBe(false);
    await settle();
    caller.clear();
    await Promise.all([caller.stream(callerPort, 30), second.stream(agentPort, 30)]);
    await waitUntil(
      () => caller.countFrom(second.ssrc) === 30 && second.countFrom(caller.ssrc) === 30,
      'the second agent and the caller hear each other',
    );
    await settle();
    expect(caller.countNotFrom(second.ssrc)).toBe(0);
    expect(first.received).toHaveLength(0);
    expect(await callerPortInRtpengine(callId)).toBe(callerPort);
    await media.release(callId);
  });

  it('[MED13] rtpengine latches onto the address media comes from, not the one in the SDP', async () => {
    const caller = await peer('caller', 0x8888);
    const advertised = await peer('agent-sdp', 0x9999);
    const behindNat = await peer('agent-nat', 0xaaaa);
    const callId = 'spike-latching';
    const callerPort = portOf(await media.anchorCaller(callId, caller.sdp()));
    const agentPort = portOf(await media.offerToAgent(callId, 'rtp'));
    await media.bridge(callId, advertised.sdp());
    await settle();
    // The agent's phone says "send to me at A" but sends from B, as behind a NAT.
    await behindNat.stream(agentPort, 10);
    await caller.stream(callerPort, 30);
    await waitUntil(() => behindNat.countFrom(caller.ssrc) >= 25, 'caller media follows the NAT');
    expect(caller.countFrom(behindNat.ssrc)).toBe(10);
    const learned = audioRtpStream(await engine.client.query({ callId }), AGENT_TAG);
    expect(learned?.endpoint).toEqual({ address: '127.0.0.1', port: behindNat.port });
    await media.release(callId);
  });

  it('[MED15] release frees the call in rtpengine; releasing an unknown call is harmless', async () => {
    const caller = await peer('caller', 0xbbbb);
    await media.anchorCaller('spike-release', caller.sdp());
    expect(await engine.client.list(1000)).toContain('spike-release');
    await media.release('spike-release');
    expect(await engine.client.list(1000)).not.toContain('spike-release');
    await media.release('spike-release');
    expect((await rejection(media.playHold('spike-release'))).code).toBe('MediaCallState');
  });

  it('[MED14] operations out of order or on unknown calls fail with MediaCallState', async () => {
    const caller = await peer('caller', 0xcccc);
    const agent = await peer('agent', 0xdddd);
    expect((await rejection(media.playHold('never-anchored'))).code).toBe('MediaCallState');
    expect((await rejection(media.offerToAgent('never-anchored', 'rtp'))).code).toBe(
      'MediaCallState',
    );
    await media.anchorCaller('spike-order', caller.sdp());
    const early = await rejection(media.bridge('spike-order', agent.sdp()));
    expect(early.code).toBe('MediaCallState');
    expect(early.message).toContain('offerToAgent first');
    expect((await rejection(media.anchorCaller('spike-order', caller.sdp()))).code).toBe(
      'MediaCallState',
    );
    await media.offerToAgent('spike-order', 'rtp');
    await media.bridge('spike-order', agent.sdp());
    expect((await rejection(media.playHold('spike-order'))).code).toBe('MediaCallState');
    expect((await rejection(media.offerToAgent('spike-order', 'rtp'))).code).toBe('MediaCallState');
    await media.release('spike-order');
  });

  it('[MED14] operations fired together on one call run one at a time, in call order', async () => {
    const caller = await peer('caller', 0x2468);
    const agent = await peer('agent', 0x1357);
    const callId = 'spike-serial';
    const results = await Promise.all([
      media.anchorCaller(callId, caller.sdp()),
      media.playHold(callId),
      media.offerToAgent(callId, 'rtp'),
      media.bridge(callId, agent.sdp()),
    ]);
    expect((results[3] as { callerSdpChanged: boolean }).callerSdpChanged).toBe(false);
    await media.release(callId);
  });

  it('[MED14] bad SDP or an empty call id is refused and leaves nothing in rtpengine', async () => {
    const before = await engine.client.list(1000);
    const noAudio =
      'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\n';
    expect((await rejection(media.anchorCaller('spike-bad-sdp', noAudio))).code).toBe(
      'MediaInvalidInput',
    );
    expect((await rejection(media.anchorCaller('', noAudio))).code).toBe('MediaInvalidInput');
    const onlyDtmf = noAudio.replace(
      'm=video 5000 RTP/AVP 96\r\n',
      'm=audio 5000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n',
    );
    const dtmf = await rejection(media.anchorCaller('spike-only-dtmf', onlyDtmf));
    expect(dtmf.code).toBe('MediaInvalidInput');
    expect(dtmf.message).toContain('no voice codec');
    expect(await engine.client.list(1000)).toEqual(before);
    const caller = await peer('caller', 0xeeee);
    await media.anchorCaller('spike-bad-agent', caller.sdp());
    await media.offerToAgent('spike-bad-agent', 'rtp');
    const badAgent = await rejection(media.bridge('spike-bad-agent', noAudio));
    expect(badAgent.code).toBe('MediaInvalidInput');
    expect(badAgent.message).toContain('agent of call spike-bad-agent');
    await media.release('spike-bad-agent');
  });

  it('[MED9] hold music in any format rtpengine decodes; an unreadable file is refused', async () => {
    const caller = await peer('caller', 0xffff);
    const directory = await mkdtemp(join(tmpdir(), 'relais-moh-formats-'));
    const files = {
      'pcm16-8k.wav': makeToneWav({ seconds: 0.2 }),
      'pcm16-16k.wav': makeToneWav({ seconds: 0.2, sampleRate: 16000 }),
      'mulaw.wav': makeToneWav({ seconds: 0.2, format: 'mulaw' }),
      'not-audio.wav': Buffer.from('this is not a sound file'),
    };
    for (const [name, bytes] of Object.entries(files))
      await writeFile(join(directory, name), bytes);
    const callId = 'spike-formats';
    await media.anchorCaller(callId, caller.sdp());
    for (const name of ['pcm16-8k.wav', 'pcm16-16k.wav', 'mulaw.wav']) {
      const reply = await engine.client.playMedia({
        callId,
        fromTag: CALLER_TAG,
        file: join(directory, name),
      });
      expect(reply, name).toEqual({ durationMs: 200 });
    }
    const broken = new RtpengineMediaControl(engine.client, {
      holdMusic: { file: join(directory, 'not-audio.wav') },
    });
    const otherCaller = await peer('caller-2', 0x1234);
    await broken.anchorCaller('spike-broken-music', otherCaller.sdp());
    const refused = await rejection(broken.playHold('spike-broken-music'));
    expect(refused.code).toBe('NgRejected');
    expect(refused.message).toMatch(/media playback/);
    await broken.release('spike-broken-music');
    await media.release(callId);
  });
});
