import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { audioRtpStream, parseQueryReply } from './ng-query.ts';
import { startRtpengine, type RunningRtpengine } from './rtpengine-process.ts';
import { readAudio } from './sdp-audio.ts';
import { RtpPeer, settle, waitUntil } from './testing/rtp-peer.ts';
import { makeToneWav } from './testing/wav.ts';

let engine: RunningRtpengine;
const peers: RtpPeer[] = [];
beforeAll(async () => {
  engine = await startRtpengine();
});
afterAll(async () => {
  await Promise.all(peers.map((peer) => peer.close()));
  await engine?.stop();
});

let calls = 0;
/** A fresh call between two peers, offered and answered through rtpengine. */
async function makeCall() {
  const callId = `ng-client-${++calls}`;
  const a = await RtpPeer.open('a', 0xa);
  const b = await RtpPeer.open('b', 0xb);
  peers.push(a, b);
  const offered = await engine.client.offer({
    callId,
    fromTag: 'a',
    sdp: a.sdp(),
    replace: ['origin', 'session-connection'],
  });
  const answered = await engine.client.answer({ callId, fromTag: 'a', toTag: 'b', sdp: b.sdp() });
  return {
    callId,
    a,
    b,
    portForA: readAudio(answered.sdp, 'answer').port,
    portForB: readAudio(offered.sdp, 'offer').port,
  };
}

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof MediaError)) throw error;
  return error;
}

describe('ng client against rtpengine', () => {
  it('[MED4] ping, offer, answer, query, list and delete', async () => {
    await engine.client.ping();
    const { callId, a, b, portForA, portForB } = await makeCall();
    expect(portForA).toBeGreaterThanOrEqual(engine.portMin);
    expect(portForB).toBeLessThanOrEqual(engine.portMax);
    expect(portForA).not.toBe(portForB);
    await Promise.all([a.stream(portForA, 10), b.stream(portForB, 10)]);
    await waitUntil(() => a.countFrom(0xb) === 10 && b.countFrom(0xa) === 10, 'both see 10');
    const query = await engine.client.query({ callId });
    expect([...query.participants.keys()].sort()).toEqual(['a', 'b']);
    expect(audioRtpStream(query, 'a')).toMatchObject({
      localPort: portForA,
      endpoint: { address: '127.0.0.1', port: a.port },
      stats: { packets: 10, bytes: 10 * 172 },
    });
    expect(query.totals.rtp.packets).toBe(20);
    expect(await engine.client.list()).toContain(callId);
    expect(await engine.client.delete({ callId })).toEqual({});
    expect(await engine.client.list()).not.toContain(callId);
  });

  it('[MED6] rtpengine errors arrive as NgRejected with its reason', async () => {
    const unknown = await rejection(engine.client.query({ callId: 'no-such-call' }));
    expect(unknown).toMatchObject({ code: 'NgRejected' });
    expect(unknown.message).toMatch(/Unknown call-ID/i);
    const badSdp = await rejection(
      engine.client.offer({ callId: 'bad-sdp', fromTag: 'a', sdp: 'm=audio nonsense' }),
    );
    expect(badSdp.code).toBe('NgRejected');
    expect(badSdp.message).toMatch(/parse SDP/);
    // delete of an unknown call is a warning, unless asked to be fatal
    expect((await engine.client.delete({ callId: 'no-such-call' })).warning).toMatch(/not found/);
    expect((await rejection(engine.client.delete({ callId: 'gone', fatal: true }))).code).toBe(
      'NgRejected',
    );
  });

  it('[MED14] refuses bad input before sending anything', async () => {
    const noMedia = await rejection(
      engine.client.offer({ callId: 'c', fromTag: 'a', sdp: 'v=0\r\ns=-\r\n' }),
    );
    expect(noMedia.code).toBe('MediaInvalidInput');
    expect(noMedia.message).toContain('no m= line');
    const noCall = await rejection(engine.client.query({ callId: '' }));
    expect(noCall.code).toBe('MediaInvalidInput');
  });

  it('[MED9] play media (file and blob) reaches the selected participant; stop media ends it', async () => {
    const { callId, a, b } = await makeCall();
    const reply = await engine.client.playMedia({
      callId,
      fromTag: 'a',
      blob: makeToneWav({ seconds: 0.4, format: 'mulaw' }),
    });
    expect(reply).toEqual({ durationMs: 400 });
    await waitUntil(() => a.received.length >= 20, 'the 400 ms tone reaches a (20 packets)');
    expect(b.received).toHaveLength(0);
    const long = await engine.client.playMedia({
      callId,
      fromTag: 'b',
      blob: makeToneWav({ seconds: 0.5 }),
      repeatTimes: 100,
    });
    expect(long.durationMs).toBe(500);
    await waitUntil(() => b.received.length >= 5, 'the tone reaches b');
    await engine.client.stopMedia({ callId, fromTag: 'b' });
    await settle();
    const afterStop = b.received.length;
    await settle(300);
    expect(b.received.length).toBe(afterStop);
    await engine.client.delete({ callId });
  });

  it('[MED12] block media drops what a participant sends; unblock lets it through again', async () => {
    const { callId, a, b, portForA } = await makeCall();
    await engine.client.blockMedia({ callId, fromTag: 'a' });
    await a.stream(portForA, 10);
    await settle();
    expect(b.received).toHaveLength(0);
    await engine.client.unblockMedia({ callId, fromTag: 'a' });
    await a.stream(portForA, 10);
    await waitUntil(() => b.countFrom(0xa) === 10, 'b gets the 10 unblocked packets');
    await engine.client.delete({ callId });
  });

  it('[MED4] subscribe request returns a sendonly offer copying a participant', async () => {
    const { callId } = await makeCall();
    const subscription = await engine.client.subscribeRequest({ callId, fromTags: ['a'] });
    expect(subscription.sdp).toContain('a=sendonly');
    expect(subscription.toTag.length).toBeGreaterThan(0);
    await engine.client.unsubscribe({ callId, toTag: subscription.toTag });
    await engine.client.delete({ callId });
  });

  it('[MED6] a query reply without tags is NgBadResponse', () => {
    expect(() => parseQueryReply({ result: 'ok' })).toThrow(/no "tags"/);
  });
});
