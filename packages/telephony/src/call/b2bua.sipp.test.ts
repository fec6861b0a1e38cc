// The call-center B2BUA with real peers on loopback: sipp as callers and agent phones, rtpengine
// relaying, plain UDP sockets as the phones' media (counted by SSRC). A scripted driver plays
// the server through the CallControl port.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RtpPeer, settle, waitUntil } from '../media/testing/rtp-peer.ts';
import { freeUdpPort, killSipps, requireSipp, runSipp, type SippRun } from '../sip/testing/sipp.ts';
import type { CallEvent } from './call-control.ts';
import { CallControlError } from './errors.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';

const DID = '800100';
let harness: B2buaHarness;
const peers: RtpPeer[] = [];

beforeAll(async () => {
  requireSipp();
  harness = await B2buaHarness.start();
});
afterEach(async () => {
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

/** A sipp caller dialing the DID, its media at `media`'s port; `pauseMs` feeds `<pause/>`. */
function caller(scenario: string, media: RtpPeer, pauseMs = 0): SippRun {
  return runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    '0',
    '-s',
    DID,
    '-key',
    'rtp_port',
    String(media.port),
    '-d',
    String(pauseMs),
    `127.0.0.1:${harness.port}`,
  ]);
}

/** A sipp agent phone on a free port, registered as `agentId`. */
async function agentPhone(
  agentId: string,
  scenario: string,
  media: RtpPeer | undefined,
  pauseMs = 0,
): Promise<SippRun> {
  const port = await freeUdpPort();
  harness.agentOn(agentId, port);
  return runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    String(port),
    '-key',
    'rtp_port',
    String(media?.port ?? 9),
    '-d',
    String(pauseMs),
  ]);
}

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

/** Nothing of the call is left: no call, no dialog, no rtpengine call. */
async function expectNothingLeft(): Promise<void> {
  await waitUntil(() => harness.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
  await waitUntil(() => harness.dialogs.size === 0, 'every dialog ends');
  await waitUntil(() => harness.timers.pending === 0, 'no dialog or ring timer left');
  expect(await harness.engine.client.list()).toEqual([]);
  expect(harness.errors).toEqual([]);
}

const types = (events: readonly CallEvent[]) => events.map((e) => e.type);

/** The stand-in server: answer every call, ring the agents in order, next one on a failure. */
function queueTo(agentIds: readonly string[], ringTimeoutMs: number): void {
  const next = [...agentIds];
  harness.script = async (event, b2bua) => {
    if (event.type === 'inbound') {
      await b2bua.answer(event.callId);
      const agent = next.shift();
      if (agent !== undefined) await b2bua.ringAgent(event.callId, agent, { ringTimeoutMs });
    }
    if (event.type === 'agent-failed' && event.reason !== 'cancelled') {
      const agent = next.shift();
      if (agent !== undefined) await b2bua.ringAgent(event.callId, agent, { ringTimeoutMs });
    }
  };
}

describe('the call-center B2BUA with sipp and rtpengine', () => {
  it('[B2B1][B2B2][B2B3][B2B9] queues a caller with music, bridges an agent, RTP flows both ways, then hangs up both', async () => {
    const callerMedia = await phoneMedia('caller', 0x1010);
    const agentMedia = await phoneMedia('agent', 0x2020);
    const agent = await agentPhone('ada', 'uas-agent-answers.xml', agentMedia, 1500);
    // Answer and hold first; ring the agent once the music has been heard.
    harness.script = async (event, b2bua) => {
      if (event.type === 'inbound') await b2bua.answer(event.callId);
    };
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    expect(inbound.did).toBe(DID);
    expect(inbound.from).toMatch(/^sip:caller@127\.0\.0\.1/);
    await waitUntil(() => callerMedia.received.length >= 10, 'music on hold reaches the caller');
    expect(callerMedia.countFrom(agentMedia.ssrc)).toBe(0);

    await harness.b2bua.ringAgent(inbound.callId, 'ada', { ringTimeoutMs: 20_000 });
    await harness.event('agent-ringing', inbound.callId);
    await harness.event('agent-answered', inbound.callId);
    const callerPort = await harness.rtpenginePort(inbound.callId, 'caller');
    const agentPort = await harness.rtpenginePort(inbound.callId, 'agent');
    await settle();
    callerMedia.clear();
    await Promise.all([callerMedia.stream(callerPort, 50), agentMedia.stream(agentPort, 50)]);
    await waitUntil(
      () =>
        agentMedia.countFrom(callerMedia.ssrc) >= 50 &&
        callerMedia.countFrom(agentMedia.ssrc) >= 50,
      'RTP both ways through rtpengine',
    );
    await settle();
    expect(agentMedia.countFrom(callerMedia.ssrc)).toBe(50);
    expect(callerMedia.countFrom(agentMedia.ssrc)).toBe(50);
    expect(callerMedia.countNotFrom(agentMedia.ssrc)).toBe(0); // no music once bridged

    await harness.b2bua.hangUp(inbound.callId);
    await Promise.all([succeeds(call), succeeds(agent)]);
    await harness.event('call-ended', inbound.callId);
    expect(types(harness.ofCall(inbound.callId))).toEqual([
      'inbound',
      'agent-ringing',
      'agent-answered',
      'call-ended',
    ]);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B4][B2B9] a caller who hangs up while queued: caller-hung-up, then call-ended, nothing left', async () => {
    const callerMedia = await phoneMedia('caller', 0x1111);
    queueTo([], 5_000);
    const call = caller('uac-caller-hangs-up.xml', callerMedia, 1_000);
    const inbound = await harness.event('inbound');
    await succeeds(call);
    const hungUp = await harness.event('caller-hung-up', inbound.callId);
    expect(hungUp.phase).toBe('queued');
    await harness.event('call-ended', inbound.callId);
    expect(callerMedia.received.length).toBeGreaterThan(0); // it heard music while it waited
    expect(types(harness.ofCall(inbound.callId))).toEqual([
      'inbound',
      'caller-hung-up',
      'call-ended',
    ]);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B4] a caller who cancels before the answer: caller-hung-up while offered', async () => {
    const callerMedia = await phoneMedia('caller', 0x1212);
    const call = caller('uac-caller-cancels.xml', callerMedia, 500); // the driver never answers
    const inbound = await harness.event('inbound');
    await succeeds(call);
    const hungUp = await harness.event('caller-hung-up', inbound.callId);
    expect(hungUp.phase).toBe('offered');
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B5][B2B6] an agent who does not answer is cancelled (no-answer), the next agent answers', async () => {
    const callerMedia = await phoneMedia('caller', 0x1313);
    const agentMedia = await phoneMedia('agent-2', 0x2323);
    const first = await agentPhone('ben', 'uas-agent-no-answer.xml', undefined);
    const second = await agentPhone('cleo', 'uas-agent-hangs-up.xml', agentMedia, 2_000);
    queueTo(['ben', 'cleo'], 1_500);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    const failed = await harness.event('agent-failed', inbound.callId);
    expect(failed).toMatchObject({ agentId: 'ben', reason: 'no-answer' });
    const answered = await harness.event('agent-answered', inbound.callId);
    expect(answered.agentId).toBe('cleo');
    const callerPort = await harness.rtpenginePort(inbound.callId, 'caller');
    await callerMedia.stream(callerPort, 20);
    await waitUntil(() => agentMedia.countFrom(callerMedia.ssrc) >= 20, 'caller → second agent');
    // The second agent hangs up: the caller is hung up too.
    await Promise.all([succeeds(first), succeeds(second), succeeds(call)]);
    const hungUp = await harness.event('agent-hung-up', inbound.callId);
    expect(hungUp.agentId).toBe('cleo');
    await harness.event('call-ended', inbound.callId);
    expect(types(harness.ofCall(inbound.callId))).toEqual([
      'inbound',
      'agent-ringing',
      'agent-failed',
      'agent-ringing',
      'agent-answered',
      'agent-hung-up',
      'call-ended',
    ]);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B5] a busy agent fails the leg with busy and its status; the caller stays on music', async () => {
    const callerMedia = await phoneMedia('caller', 0x1414);
    const busy = await agentPhone('dora', 'uas-agent-busy.xml', undefined);
    queueTo(['dora'], 10_000);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    const failed = await harness.event('agent-failed', inbound.callId);
    expect(failed).toMatchObject({ agentId: 'dora', reason: 'busy', status: 486 });
    await succeeds(busy);
    callerMedia.clear();
    await waitUntil(() => callerMedia.received.length >= 10, 'music again after the failed leg');
    await harness.b2bua.hangUp(inbound.callId);
    await succeeds(call);
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B7] CANCEL race: the caller hangs up while the agent rings, the agent leg is cancelled', async () => {
    const callerMedia = await phoneMedia('caller', 0x1515);
    const ringing = await agentPhone('eve', 'uas-agent-no-answer.xml', undefined);
    queueTo(['eve'], 30_000);
    const call = caller('uac-caller-hangs-up.xml', callerMedia, 2_500);
    const inbound = await harness.event('inbound');
    await harness.event('agent-ringing', inbound.callId);
    await Promise.all([succeeds(call), succeeds(ringing)]);
    const hungUp = await harness.event('caller-hung-up', inbound.callId);
    expect(hungUp.phase).toBe('ringing-agent');
    const failed = await harness.event('agent-failed', inbound.callId);
    expect(failed.reason).toBe('cancelled');
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B8] an agent who hangs up first: agent-hung-up, the caller gets BYE', async () => {
    const callerMedia = await phoneMedia('caller', 0x1616);
    const agentMedia = await phoneMedia('agent', 0x2626);
    const agent = await agentPhone('finn', 'uas-agent-hangs-up.xml', agentMedia, 1_000);
    queueTo(['finn'], 10_000);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    await Promise.all([succeeds(agent), succeeds(call)]);
    await harness.event('agent-hung-up', inbound.callId);
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B8] a caller who hangs up while bridged: the agent gets BYE, caller-hung-up while bridged', async () => {
    const callerMedia = await phoneMedia('caller', 0x1b1b);
    const agent = await agentPhone('jade', 'uas-agent-answers.xml', undefined);
    queueTo(['jade'], 10_000);
    const call = caller('uac-caller-hangs-up.xml', callerMedia, 1_500);
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);
    await Promise.all([succeeds(call), succeeds(agent)]);
    const hungUp = await harness.event('caller-hung-up', inbound.callId);
    expect(hungUp.phase).toBe('bridged');
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B10][B2B11] DTMF from the agent, then hold (music, the agent hears nothing) and resume by re-INVITE', async () => {
    const callerMedia = await phoneMedia('caller', 0x1717);
    const agentMedia = await phoneMedia('agent', 0x2727);
    const agent = await agentPhone('gus', 'uas-agent-dtmf-reinvite.xml', agentMedia);
    queueTo(['gus'], 10_000);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);
    const dtmf = await harness.event('dtmf', inbound.callId);
    expect(dtmf).toMatchObject({ leg: 'agent', digit: '7' });

    await harness.b2bua.hold(inbound.callId);
    const callerPort = await harness.rtpenginePort(inbound.callId, 'caller');
    await settle();
    callerMedia.clear();
    agentMedia.clear();
    await callerMedia.stream(callerPort, 20);
    await waitUntil(() => callerMedia.received.length >= 10, 'music while on hold');
    expect(agentMedia.countFrom(callerMedia.ssrc)).toBe(0);
    expect(callerMedia.countFrom(agentMedia.ssrc)).toBe(0);

    await harness.b2bua.resume(inbound.callId);
    const agentPort = await harness.rtpenginePort(inbound.callId, 'agent');
    await settle();
    callerMedia.clear();
    await Promise.all([callerMedia.stream(callerPort, 30), agentMedia.stream(agentPort, 30)]);
    await waitUntil(
      () =>
        agentMedia.countFrom(callerMedia.ssrc) >= 30 &&
        callerMedia.countFrom(agentMedia.ssrc) >= 30,
      'RTP both ways after resume',
    );
    await settle();
    expect(callerMedia.countNotFrom(agentMedia.ssrc)).toBe(0);

    await harness.b2bua.hangUp(inbound.callId);
    await Promise.all([succeeds(call), succeeds(agent)]);
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it("[B2B16][B2B17][B2B18] phones re-INVITE: a refresh answered as before, the caller's hold relayed to the agent, the agent's hold puts the caller on music", async () => {
    const callerMedia = await phoneMedia('caller', 0x1d1d);
    const agentMedia = await phoneMedia('agent', 0x2d2d);
    // The agent phone holds for 3 s: long enough to hear the caller's music in between.
    const agent = await agentPhone('kim', 'uas-agent-reinvites.xml', agentMedia, 3_000);
    queueTo(['kim'], 10_000);
    // The caller re-INVITEs 1.5 s after its answer, once the agent is bridged.
    const call = caller('uac-caller-reinvites.xml', callerMedia, 1_500);
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);
    const holds = () =>
      harness
        .ofCall(inbound.callId)
        .flatMap((e) => (e.type === 'phone-hold' ? [`${e.leg} ${e.held ? 'held' : 'back'}`] : []));
    // The caller's refresh is not relayed (the agent scenario expects exactly two relayed
    // re-INVITEs, sendonly then sendrecv, and fails on anything else).
    await waitUntil(() => holds().length >= 3, 'caller held, caller back, agent held');
    expect(holds()).toEqual(['caller held', 'caller back', 'agent held']);

    // Held by the agent's phone: the caller hears music, the agent nothing of the caller.
    const callerPort = await harness.rtpenginePort(inbound.callId, 'caller');
    await settle();
    callerMedia.clear();
    agentMedia.clear();
    await callerMedia.stream(callerPort, 20);
    await waitUntil(() => callerMedia.received.length >= 10, 'music while the phone holds');
    expect(agentMedia.countFrom(callerMedia.ssrc)).toBe(0);

    await waitUntil(() => holds().length >= 4, 'the agent phone takes the call back');
    expect(holds()[3]).toBe('agent back');
    const agentPort = await harness.rtpenginePort(inbound.callId, 'agent');
    await settle();
    callerMedia.clear();
    agentMedia.clear();
    await Promise.all([callerMedia.stream(callerPort, 30), agentMedia.stream(agentPort, 30)]);
    await waitUntil(
      () =>
        agentMedia.countFrom(callerMedia.ssrc) >= 30 &&
        callerMedia.countFrom(agentMedia.ssrc) >= 30,
      "RTP both ways after the phone's hold",
    );
    await settle();
    expect(callerMedia.countNotFrom(agentMedia.ssrc)).toBe(0);
    // The caller's port never changed through all of it.
    expect(await harness.rtpenginePort(inbound.callId, 'caller')).toBe(callerPort);

    await harness.b2bua.hangUp(inbound.callId);
    await Promise.all([succeeds(call), succeeds(agent)]);
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B12] blind transfer: the first agent is hung up, the caller hears music, the second agent is bridged', async () => {
    const callerMedia = await phoneMedia('caller', 0x1818);
    const secondMedia = await phoneMedia('agent-2', 0x2828);
    const first = await agentPhone('hana', 'uas-agent-answers.xml', undefined);
    const second = await agentPhone('ivan', 'uas-agent-answers.xml', secondMedia, 500);
    queueTo(['hana'], 10_000);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);
    await harness.b2bua.transferToAgent(inbound.callId, 'ivan', { ringTimeoutMs: 10_000 });
    await succeeds(first); // hana got her BYE
    await waitUntil(
      () => harness.ofCall(inbound.callId).filter((e) => e.type === 'agent-answered').length === 2,
      'ivan answers',
    );
    const callerPort = await harness.rtpenginePort(inbound.callId, 'caller');
    await callerMedia.stream(callerPort, 20);
    await waitUntil(() => secondMedia.countFrom(callerMedia.ssrc) >= 20, 'caller → ivan');
    await harness.b2bua.hangUp(inbound.callId);
    await Promise.all([succeeds(call), succeeds(second)]);
    await harness.event('call-ended', inbound.callId);
    expect(
      harness
        .ofCall(inbound.callId)
        .flatMap((e) => (e.type === 'agent-answered' ? [e.agentId] : [])),
    ).toEqual(['hana', 'ivan']);
    await expectNothingLeft();
  }, 60_000);

  it('[B2B13] actions out of place are CallControlErrors that change nothing; an unknown agent fails as unreachable', async () => {
    const callerMedia = await phoneMedia('caller', 0x1919);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    const b2bua = harness.b2bua;
    await expect(b2bua.hold(inbound.callId)).rejects.toThrow(
      /it is offered, and this needs bridged/,
    );
    await expect(b2bua.ringAgent(inbound.callId, 'x', { ringTimeoutMs: 1_000 })).rejects.toThrow(
      CallControlError,
    );
    await expect(b2bua.reject(inbound.callId, 200)).rejects.toThrow(/between 300 and 699/);
    await expect(b2bua.answer('no-such-call')).rejects.toMatchObject({ code: 'unknown-call' });
    await b2bua.answer(inbound.callId);
    await expect(b2bua.answer(inbound.callId)).rejects.toMatchObject({ code: 'wrong-state' });
    await expect(b2bua.resume(inbound.callId)).rejects.toMatchObject({ code: 'wrong-state' });
    await expect(b2bua.cancelAgent(inbound.callId)).rejects.toMatchObject({ code: 'wrong-state' });
    const legId = await b2bua.ringAgent(inbound.callId, 'nobody', { ringTimeoutMs: 1_000 });
    const failed = await harness.event('agent-failed', inbound.callId);
    expect(failed).toMatchObject({ legId, agentId: 'nobody', reason: 'unreachable' });
    // The call is intact: still queued with music, and it hangs up cleanly.
    callerMedia.clear();
    await waitUntil(() => callerMedia.received.length >= 5, 'music still playing');
    await b2bua.hangUp(inbound.callId);
    await succeeds(call);
    await harness.event('call-ended', inbound.callId);
    await expect(b2bua.hangUp(inbound.callId)).rejects.toMatchObject({ code: 'unknown-call' });
    await expectNothingLeft();
  }, 60_000);

  it('[B2B14] a phone that answers nothing at all fails as unreachable at the ring timeout', async () => {
    const callerMedia = await phoneMedia('caller', 0x1a1a);
    harness.agentOn('ghost', await freeUdpPort()); // nothing listens there
    queueTo(['ghost'], 1_000);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const inbound = await harness.event('inbound');
    const failed = await harness.event('agent-failed', inbound.callId);
    expect(failed).toMatchObject({ agentId: 'ghost', reason: 'unreachable' });
    await harness.b2bua.hangUp(inbound.callId);
    await succeeds(call);
    await harness.event('call-ended', inbound.callId);
    await expectNothingLeft();
  }, 60_000);
});
