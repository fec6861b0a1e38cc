// The per-call ng cost and the re-offer operations of RtpengineMediaControl, against a real
// rtpengine: requests counted by the client, ports and endpoints read back with `query`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import type { NgStats } from './ng-transport.ts';
import { audioRtpStream } from './ng-query.ts';
import { startRtpengine, type RunningRtpengine } from './rtpengine-process.ts';
import { AGENT_TAG, CALLER_TAG, RtpengineMediaControl } from './rtpengine-media-control.ts';
import { readAudio } from './sdp-audio.ts';
import { audioDirection } from './sdp-direction.ts';
import { RtpPeer, settle, waitUntil } from './testing/rtp-peer.ts';
import { makeToneWav } from './testing/wav.ts';

let engine: RunningRtpengine;
let media: RtpengineMediaControl;
const peers: RtpPeer[] = [];

beforeAll(async () => {
  engine = await startRtpengine();
  const musicFile = join(await mkdtemp(join(tmpdir(), 'relais-moh-')), 'hold.wav');
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

/** Requests sent since `before`, by command. */
function sentSince(before: NgStats): Record<string, number> {
  const after = engine.client.stats();
  return Object.fromEntries(
    Object.entries(after.requests)
      .map(([command, count]) => [command, count - (before.requests[command] ?? 0)] as const)
      .filter(([, count]) => count > 0),
  );
}

const portOf = (sdp: string) => readAudio(sdp, 'test').port;

async function endpointPort(callId: string, tag: string): Promise<number | undefined> {
  return audioRtpStream(await engine.client.query({ callId }), tag)?.endpoint?.port;
}

/** `sdp` with a different audio direction. */
const withDirection = (sdp: string, direction: string) =>
  sdp.replace(/^a=sendrecv\r?$/m, `a=${direction}`);

describe('RtpengineMediaControl: per-call cost and re-offers', () => {
  it('[MED17] a call answered by its first agent costs 8 ng requests; the next plain-RTP agent needs no new offer, a WebRTC one does', async () => {
    const caller = await peer('caller', 0x3131);
    const agent = await peer('agent', 0x3232);
    const callId = 'cost-one-call';
    const before = engine.client.stats();
    const callerPort = portOf(await media.anchorCaller(callId, caller.sdp()));
    await media.playHold(callId);
    const offer = await media.offerToAgent(callId, 'rtp');
    await media.bridge(callId, agent.sdp());
    expect(sentSince(before)).toEqual({
      offer: 1,
      answer: 2,
      'block media': 1,
      'play media': 1,
      'stop media': 1,
      'unblock media': 1,
    });
    // The offer reused from the anchor carries media both ways.
    await settle();
    caller.clear();
    await Promise.all([caller.stream(callerPort, 20), agent.stream(portOf(offer), 20)]);
    await waitUntil(
      () => agent.countFrom(caller.ssrc) >= 20 && caller.countFrom(agent.ssrc) >= 20,
      'RTP both ways with the reused offer',
    );

    await media.returnToHold(callId);
    const again = engine.client.stats();
    const second = await media.offerToAgent(callId, 'rtp');
    expect(sentSince(again)).toEqual({});
    expect(portOf(second)).toBe(portOf(offer));
    await media.returnToHold(callId);
    const webrtc = engine.client.stats();
    await media.offerToAgent(callId, 'webrtc');
    expect(sentSince(webrtc)).toEqual({ offer: 1 });
    const end = engine.client.stats();
    await media.release(callId);
    expect(sentSince(end)).toEqual({ delete: 1 });
  });

  it('[MED18] a held caller’s new offer is taken with the caller’s port unchanged; one dropping the call’s codec is refused', async () => {
    const caller = await peer('caller', 0x3333);
    const moved = await peer('caller-moved', 0x3333);
    const callId = 'update-held-caller';
    const answer = await media.anchorCaller(callId, caller.sdp());
    await media.playHold(callId);
    const update = await media.updateCaller(callId, moved.sdp(), 'rtp');
    if (update.kind !== 'answered') throw new Error(`expected an answer, got ${update.kind}`);
    expect(portOf(update.callerSdp)).toBe(portOf(answer));
    expect(await endpointPort(callId, CALLER_TAG)).toBe(moved.port);
    // The music plays on, to the new address.
    await waitUntil(() => moved.received.length >= 10, 'music at the new address');
    const pcmaOnly = moved
      .sdp()
      .replace(/RTP\/AVP 0 101/, 'RTP/AVP 8')
      .replace(/a=rtpmap:0 .*\r\n/, '');
    const refused = await media.updateCaller(callId, pcmaOnly, 'rtp').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MediaError);
    expect((refused as MediaError).code).toBe('MediaInvalidInput');
    expect((refused as MediaError).message).toMatch(/drops PCMU/);
    await media.release(callId);
  });

  it('[MED18] a bridged caller’s new offer is relayed to the agent and bridged again, or restored; the agent’s new SDP is followed', async () => {
    const caller = await peer('caller', 0x3434);
    const agent = await peer('agent', 0x3535);
    const agentMoved = await peer('agent-moved', 0x3535);
    const callId = 'update-bridged';
    await media.anchorCaller(callId, caller.sdp());
    await media.playHold(callId);
    await media.offerToAgent(callId, 'rtp');
    await media.bridge(callId, agent.sdp());
    const localPorts = async () => {
      const query = await engine.client.query({ callId });
      return [CALLER_TAG, AGENT_TAG].map((tag) => audioRtpStream(query, tag)?.localPort);
    };
    const portsBefore = await localPorts();

    const hold = await media.updateCaller(callId, withDirection(caller.sdp(), 'sendonly'), 'rtp');
    if (hold.kind !== 'relay') throw new Error(`expected a relay, got ${hold.kind}`);
    expect(audioDirection(hold.agentOfferSdp, 'offer')).toBe('sendonly');
    const bridged = await media.bridge(callId, withDirection(agent.sdp(), 'recvonly'));
    expect(audioDirection(bridged.callerSdp, 'answer')).toBe('recvonly');
    expect(bridged.callerSdpChanged).toBe(false);

    // An agent that refuses: the previous offer and answer come back.
    const refused = await media.updateCaller(callId, caller.sdp(), 'rtp');
    if (refused.kind !== 'relay') throw new Error(`expected a relay, got ${refused.kind}`);
    await media.restoreBridge(callId, refused.previousCallerOfferSdp, 'rtp');
    await expect(media.bridge(callId, agent.sdp())).rejects.toMatchObject({
      code: 'MediaCallState',
    });

    await media.updateAgent(callId, agentMoved.sdp());
    expect(await endpointPort(callId, AGENT_TAG)).toBe(agentMoved.port);
    // A caller that moves too: rtpengine's own ports never change through any of it.
    const callerMoved = await peer('caller-moved', 0x3434);
    const moved = await media.updateCaller(callId, callerMoved.sdp(), 'rtp');
    if (moved.kind !== 'relay') throw new Error(`expected a relay, got ${moved.kind}`);
    await media.bridge(callId, agentMoved.sdp());
    expect(await endpointPort(callId, CALLER_TAG)).toBe(callerMoved.port);
    expect(await localPorts()).toEqual(portsBefore);
    await media.release(callId);
  });
});
