// Phones' re-INVITEs through the B2BUA with in-process phones, for the paths sipp cannot easily
// play: refusals, bad SDP, a re-INVITE while the agent rings, a new offer while on music.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audioRtpStream } from '../media/ng-query.ts';
import { CALLER_TAG } from '../media/rtpengine-media-control.ts';
import { readAudio } from '../media/sdp-audio.ts';
import { audioDirection } from '../media/sdp-direction.ts';
import { waitUntil } from '../media/testing/rtp-peer.ts';
import { DialogLayer, type IncomingInvite, type SipDialog } from '../sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import { seededRandom } from '../sip/testing/seeded-random.ts';
import { realScheduler } from '../sip/transport/real-scheduler.ts';
import type { CallEvent } from './call-control.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';

/** A phone's SDP; `version` is the o= version, `direction` the audio direction. */
function sdp(port: number, options: { version?: number; direction?: string } = {}): string {
  return [
    'v=0',
    `o=p 1 ${options.version ?? 1} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    `a=${options.direction ?? 'sendrecv'}`,
    '',
  ].join('\r\n');
}

let harness: B2buaHarness;
let phones: { endpoint: SipEndpoint; layer: DialogLayer; invites: IncomingInvite[] };

beforeAll(async () => {
  harness = await B2buaHarness.start();
  const endpoint = await SipEndpoint.start({ udpPort: 0 });
  let n = 0;
  const layer = new DialogLayer(endpoint, {
    scheduler: realScheduler,
    newId: () => `phone-${++n}`,
    random: seededRandom(9),
    contact: () => `sip:phone@127.0.0.1:${endpoint.local('udp').port}`,
  });
  const invites: IncomingInvite[] = [];
  layer.onInvite((invite) => invites.push(invite));
  phones = { endpoint, layer, invites };
});
afterEach(() => {
  harness.reset();
  phones.invites.length = 0;
});
afterAll(async () => {
  await phones?.endpoint.close();
  await harness?.stop();
});

/** A caller dialing the DID; the server answers it, and rings `agentId` unless undefined. */
async function answeredCaller(agentId: string | undefined): Promise<{
  dialog: SipDialog;
  answerSdp: string;
  callId: string;
}> {
  harness.script = async (event, b2bua) => {
    if (event.type !== 'inbound') return;
    await b2bua.answer(event.callId);
    if (agentId !== undefined)
      await b2bua.ringAgent(event.callId, agentId, { ringTimeoutMs: 20_000 });
  };
  if (agentId !== undefined) harness.agentOn(agentId, phones.endpoint.local('udp').port);
  const port = harness.endpoint.local('udp').port;
  const outgoing = phones.layer.invite({
    uri: `sip:800300@127.0.0.1:${port}`,
    from: '<sip:caller@127.0.0.1>',
    to: '<sip:800300@127.0.0.1>',
    sdp: sdp(33_000),
    destination: { protocol: 'udp', address: '127.0.0.1', port },
  });
  const outcome = await outgoing.result;
  if (outcome.kind !== 'answered') throw new Error(`caller not answered: ${outcome.kind}`);
  const inbound = await harness.event('inbound');
  return { dialog: outcome.dialog, answerSdp: outcome.sdp, callId: inbound.callId };
}

async function hangUpAndCheck(callId: string): Promise<void> {
  await harness.b2bua.hangUp(callId);
  await harness.event('call-ended', callId);
  await waitUntil(() => harness.b2bua.activeCalls === 0, 'the call is gone');
  await waitUntil(() => harness.dialogs.size === 0 && phones.layer.size === 0, 'no dialogs');
  await waitUntil(() => harness.timers.pending === 0, 'no timers');
  expect(await harness.engine.client.list()).toEqual([]);
  expect(harness.errors).toEqual([]);
}

const holdEvents = (callId: string) =>
  harness
    .ofCall(callId)
    .filter((e): e is Extract<CallEvent, { type: 'phone-hold' }> => e.type === 'phone-hold')
    .map((e) => `${e.leg} ${e.held ? 'held' : 'back'}`);

describe('phones re-INVITE through the B2BUA', () => {
  it('[B2B16] on music: a refresh gets the same answer, a new port is taken by rtpengine (same port for the caller), bad SDP gets 488', async () => {
    const caller = await answeredCaller(undefined);
    expect(await caller.dialog.reinvite(sdp(33_000, { version: 1 }))).toEqual({
      sdp: caller.answerSdp,
    });
    const moved = await caller.dialog.reinvite(sdp(33_010, { version: 2 }));
    if (!('sdp' in moved)) throw new Error(`re-INVITE refused: ${moved.status}`);
    // rtpengine keeps the caller's port (latching): our answer, version included, is unchanged.
    expect(readAudio(moved.sdp, 'answer').port).toBe(readAudio(caller.answerSdp, 'answer').port);
    expect(moved.sdp).toBe(caller.answerSdp);
    const query = await harness.engine.client.query({ callId: caller.callId });
    expect(audioRtpStream(query, CALLER_TAG)?.endpoint?.port).toBe(33_010);
    expect(await caller.dialog.reinvite('v=0\r\ns=-\r\n')).toEqual({ status: 488 });
    // Still queued with music: an agent can be rung as before.
    harness.agentOn('ola', phones.endpoint.local('udp').port);
    await harness.b2bua.ringAgent(caller.callId, 'ola', { ringTimeoutMs: 20_000 });
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    phones.invites[0]!.answer(sdp(34_000));
    await harness.event('agent-answered', caller.callId);
    await hangUpAndCheck(caller.callId);
  }, 60_000);

  it('[B2B17] bridged: the caller’s hold reaches the agent as sendonly, the answer comes back recvonly, then both return', async () => {
    const offers: string[] = [];
    const caller = await answeredCaller('pia');
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    const agentInvite = phones.invites[0]!;
    agentInvite.answer(sdp(34_010), {
      onReinvite: (_dialog, offer) => {
        offers.push(offer);
        const direction = audioDirection(offer, 'relayed offer');
        return Promise.resolve({
          sdp: sdp(34_010, {
            version: offers.length + 1,
            direction: direction === 'sendonly' ? 'recvonly' : 'sendrecv',
          }),
        });
      },
    });
    await harness.event('agent-answered', caller.callId);
    const held = await caller.dialog.reinvite(sdp(33_000, { version: 2, direction: 'sendonly' }));
    if (!('sdp' in held)) throw new Error(`hold refused: ${held.status}`);
    expect(audioDirection(held.sdp, 'answer')).toBe('recvonly');
    expect(audioDirection(offers[0]!, 'offer')).toBe('sendonly');
    const back = await caller.dialog.reinvite(sdp(33_000, { version: 3 }));
    if (!('sdp' in back)) throw new Error(`return refused: ${back.status}`);
    expect(audioDirection(back.sdp, 'answer')).toBe('sendrecv');
    expect(offers).toHaveLength(2);
    // One origin throughout, its version one up at each change (RFC 3264 §8).
    const origin = (text: string) => /^o=(.*)$/m.exec(text)?.[1]?.split(' ');
    expect(origin(held.sdp)?.[2]).toBe('2');
    expect(origin(back.sdp)?.[2]).toBe('3');
    expect(origin(back.sdp)?.[0]).toBe(origin(caller.answerSdp)?.[0]);
    expect(holdEvents(caller.callId)).toEqual(['caller held', 'caller back']);
    await hangUpAndCheck(caller.callId);
  }, 60_000);

  it('[B2B17] the server holding the call while a caller re-INVITE is relayed: 491, and the retry is answered on music', async () => {
    const caller = await answeredCaller('sam');
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    let reinvites = 0;
    phones.invites[0]!.answer(sdp(34_040), {
      onReinvite: async () => {
        reinvites++;
        // The first relayed re-INVITE: the server holds the call before the phone answers.
        if (reinvites === 1) await harness.b2bua.hold(caller.callId);
        return { sdp: sdp(34_040, { version: reinvites + 1 }) };
      },
    });
    await harness.event('agent-answered', caller.callId);
    // The dialog layer retries the 491 (§14.1); the retry finds the caller on music.
    const result = await caller.dialog.reinvite(sdp(33_030, { version: 2 }));
    expect('sdp' in result).toBe(true);
    expect(reinvites).toBe(1);
    await harness.b2bua.resume(caller.callId); // the call was on hold, as the server asked
    expect(reinvites).toBe(2);
    await hangUpAndCheck(caller.callId);
  }, 60_000);

  it('[B2B17] a re-INVITE from the caller while an agent rings gets 491 and changes nothing', async () => {
    const caller = await answeredCaller('quinn');
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    // The dialog layer retries a 491 three times (§14.1 back-off) before giving up.
    expect(await caller.dialog.reinvite(sdp(33_020, { version: 2 }))).toEqual({ status: 491 });
    const agentInvite = phones.invites[0]!;
    agentInvite.answer(sdp(34_020));
    await harness.event('agent-answered', caller.callId);
    await hangUpAndCheck(caller.callId);
  }, 60_000);

  it('[B2B18] the agent phone’s hold: caller on music, answered recvonly; its return bridges again; a refresh changes nothing', async () => {
    const caller = await answeredCaller('rui');
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    const agentInvite = phones.invites[0]!;
    // The phone accepts the server's resume (a re-INVITE) with its held media.
    const agent = agentInvite.answer(sdp(34_030), {
      onReinvite: () =>
        Promise.resolve({ sdp: sdp(34_030, { version: 2, direction: 'inactive' }) }),
    });
    await harness.event('agent-answered', caller.callId);
    const refresh = await agent.reinvite(sdp(34_030));
    if (!('sdp' in refresh)) throw new Error(`refresh refused: ${refresh.status}`);
    expect(holdEvents(caller.callId)).toEqual([]);
    const held = await agent.reinvite(sdp(34_030, { version: 2, direction: 'inactive' }));
    if (!('sdp' in held)) throw new Error(`hold refused: ${held.status}`);
    expect(audioDirection(held.sdp, 'answer')).toBe('inactive');
    expect(holdEvents(caller.callId)).toEqual(['agent held']);
    // The server cannot hold it again, but may take the hold over and resume it.
    await harness.b2bua.hold(caller.callId);
    await harness.b2bua.resume(caller.callId);
    const back = await agent.reinvite(sdp(34_030, { version: 3 }));
    if (!('sdp' in back)) throw new Error(`return refused: ${back.status}`);
    expect(audioDirection(back.sdp, 'answer')).toBe('sendrecv');
    expect(await agent.reinvite('v=0\r\ns=-\r\n')).toEqual({ status: 488 });
    await hangUpAndCheck(caller.callId);
  }, 60_000);
});
