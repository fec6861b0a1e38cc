// Outbound calls through a SIP trunk with real peers on loopback: sipp plays the trunk (and the
// agent's phone), rtpengine relays, UDP sockets are the callee's and the agent's media.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RtpPeer, settle, waitUntil } from '../media/testing/rtp-peer.ts';
import { readAudio } from '../media/sdp-audio.ts';
import {
  freeUdpPort,
  killSipps,
  requireSipp,
  runSipp,
  SCENARIOS,
  type SippRun,
} from '../sip/testing/sipp.ts';
import { OutboundCaller, type OutboundEvent } from './outbound.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';
import { trunkSettings } from './trunk-settings.ts';

let harness: B2buaHarness;
const peers: RtpPeer[] = [];
const outbound: OutboundEvent[] = [];
/** The SDP offered to each callee, by call id. */
const offers = new Map<string, string>();
let sequence = 0;

beforeAll(async () => {
  requireSipp();
  harness = await B2buaHarness.start();
});
afterEach(async () => {
  killSipps();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  harness.reset();
  outbound.length = 0;
  offers.clear();
});
afterAll(async () => {
  killSipps();
  await harness?.stop();
});

async function media(name: string, ssrc: number): Promise<RtpPeer> {
  const peer = await RtpPeer.open(name, ssrc);
  peers.push(peer);
  return peer;
}

/** A sipp trunk on a free port, and an OutboundCaller sending to it with `password`. */
async function trunk(
  scenario: string,
  keys: Record<string, string>,
  options: { password?: string; pauseMs?: number; amdHeader?: string } = {},
): Promise<{ sipp: SippRun; caller: OutboundCaller }> {
  const port = await freeUdpPort();
  const keyArgs = Object.entries(keys).flatMap(([key, value]) => ['-key', key, value]);
  const sipp = runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    String(port),
    '-d',
    String(options.pauseMs ?? 0),
    ...keyArgs,
  ]);
  const media = harness.media;
  const caller = new OutboundCaller({
    dialogs: harness.dialogs,
    b2bua: harness.b2bua,
    scheduler: harness.timers,
    newCnonce: () => `cnonce${++sequence}`,
    trunk: trunkSettings({
      address: `127.0.0.1:${port}`,
      domain: 'trunk.test',
      username: 'relais-acct',
      password: options.password ?? 'trunk-secret',
      ...(options.amdHeader === undefined ? {} : { amdHeader: options.amdHeader }),
    }),
    // The real rtpengine control, remembering the offer each callee got.
    media: {
      ...bound(media),
      offerToCallee: async (callId) => {
        const sdp = await media.offerToCallee(callId);
        offers.set(callId, sdp);
        return sdp;
      },
    },
    onEvent: (event) => outbound.push(event),
  });
  return { sipp, caller };
}

function bound(media: B2buaHarness['media']) {
  return {
    anchorCaller: media.anchorCaller.bind(media),
    playHold: media.playHold.bind(media),
    stopHold: media.stopHold.bind(media),
    offerToAgent: media.offerToAgent.bind(media),
    bridge: media.bridge.bind(media),
    returnToHold: media.returnToHold.bind(media),
    release: media.release.bind(media),
    offerToCallee: media.offerToCallee.bind(media),
    calleeAnswered: media.calleeAnswered.bind(media),
    playAnnouncement: media.playAnnouncement.bind(media),
    updateCaller: media.updateCaller.bind(media),
    restoreBridge: media.restoreBridge.bind(media),
    updateAgent: media.updateAgent.bind(media),
  };
}

async function outboundEvent<T extends OutboundEvent['type']>(
  type: T,
  callId: string,
): Promise<Extract<OutboundEvent, { type: T }>> {
  const find = () => outbound.find((e) => e.type === type && e.callId === callId);
  await waitUntil(() => find() !== undefined, `outbound event ${type}`, 25_000);
  return find() as Extract<OutboundEvent, { type: T }>;
}

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

async function expectNothingLeft(caller: OutboundCaller): Promise<void> {
  await waitUntil(() => caller.ringing === 0, 'no call left ringing');
  await waitUntil(() => harness.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
  await waitUntil(() => harness.dialogs.size === 0, 'every dialog ends');
  await waitUntil(() => harness.timers.pending === 0, 'no ring or dialog timer left');
  expect(await harness.engine.client.list()).toEqual([]);
  expect(harness.errors).toEqual([]);
}

const callId = () => `out-${++sequence}`;

/** The refusing trunk's scenario with its final status filled in (sipp checks codes on load). */
async function refusing(status: string): Promise<string> {
  const template = await readFile(join(SCENARIOS, 'uas-trunk-refuses.xml'), 'utf8');
  const file = join(await mkdtemp(join(tmpdir(), 'relais-trunk-')), `refuses-${status}.xml`);
  await writeFile(file, template.replace('SIP/2.0 STATUS', `SIP/2.0 ${status}`));
  return file;
}

describe('outbound calls through a sipp trunk with rtpengine', () => {
  it('[OUT1][OUT2][OUT3][MED20] answers the trunk’s 401 with digest, rings, a person answers, the agent is bridged with RTP both ways, hung up on both sides', async () => {
    const callee = await media('callee', 0x3131);
    const agentMedia = await media('agent', 0x4141);
    const { sipp, caller } = await trunk(
      'uas-trunk-answers.xml',
      { rtp_port: String(callee.port), amd: 'human' },
      { pauseMs: 500, amdHeader: 'X-AMD-Result' },
    );
    const agentPort = await freeUdpPort();
    harness.agentOn('ada', agentPort);
    const agent = runSipp('uas-agent-answers.xml', [
      '-t',
      'u1',
      '-p',
      String(agentPort),
      '-key',
      'rtp_port',
      String(agentMedia.port),
      '-d',
      '0',
    ]);
    const id = callId();
    caller.dial({
      callId: id,
      number: '+33612345678',
      callerId: '+33170000000',
      ringTimeoutMs: 20_000,
    });
    await outboundEvent('outbound-ringing', id);
    const answered = await outboundEvent('outbound-answered', id);
    expect(answered.answeredBy).toBe('person');
    // The callee keeps the port it was offered: rtpengine's turn-round moved nothing.
    const calleePort = await harness.rtpenginePort(id, 'caller');
    expect(calleePort).toBe(readAudio(offers.get(id) ?? '', 'offer').port);

    await harness.b2bua.ringAgent(id, 'ada', { ringTimeoutMs: 20_000 });
    await harness.event('agent-answered', id);
    const agentSide = await harness.rtpenginePort(id, 'agent');
    await settle();
    await Promise.all([callee.stream(calleePort, 40), agentMedia.stream(agentSide, 40)]);
    await waitUntil(
      () => agentMedia.countFrom(callee.ssrc) >= 40 && callee.countFrom(agentMedia.ssrc) >= 40,
      'RTP both ways between the callee and the agent',
    );
    await settle();
    expect(agentMedia.countFrom(callee.ssrc)).toBe(40);
    expect(callee.countFrom(agentMedia.ssrc)).toBe(40);

    await caller.hangUp(id);
    await Promise.all([succeeds(sipp), succeeds(agent)]);
    await harness.event('call-ended', id);
    await expectNothingLeft(caller);
  }, 60_000);

  it('[OUT4] reads the trunk’s answering-machine verdict from the configured 200 OK header', async () => {
    const callee = await media('callee', 0x3232);
    const { sipp, caller } = await trunk(
      'uas-trunk-answers.xml',
      {
        rtp_port: String(callee.port),
        amd: 'MACHINE',
      },
      { amdHeader: 'X-AMD-Result' },
    );
    const id = callId();
    caller.dial({
      callId: id,
      number: '0612345678',
      callerId: '0170000000',
      ringTimeoutMs: 20_000,
    });
    expect((await outboundEvent('outbound-answered', id)).answeredBy).toBe('machine');
    await caller.hangUp(id);
    await succeeds(sipp);
    await expectNothingLeft(caller);
  }, 60_000);

  it('[OUT4] without a configured header the verdict is unknown', async () => {
    const callee = await media('callee', 0x3333);
    const { sipp, caller } = await trunk('uas-trunk-answers.xml', {
      rtp_port: String(callee.port),
      amd: 'MACHINE',
    });
    const id = callId();
    caller.dial({
      callId: id,
      number: '0612345678',
      callerId: '0170000000',
      ringTimeoutMs: 20_000,
    });
    expect((await outboundEvent('outbound-answered', id)).answeredBy).toBe('unknown');
    await caller.hangUp(id);
    await succeeds(sipp);
    await expectNothingLeft(caller);
  }, 60_000);

  it.each([
    ['486', 'busy'],
    ['404', 'wrong-number'],
    ['484', 'wrong-number'],
    ['604', 'wrong-number'],
    ['503', 'failed'],
  ] as const)(
    '[OUT5] a trunk refusing with %s is %s',
    async (status, reason) => {
      const { sipp, caller } = await trunk(await refusing(status), {});
      const id = callId();
      caller.dial({
        callId: id,
        number: '+33612345678',
        callerId: '+33170000000',
        ringTimeoutMs: 20_000,
      });
      const failed = await outboundEvent('outbound-failed', id);
      expect(failed).toEqual({
        type: 'outbound-failed',
        callId: id,
        reason,
        status: Number(status),
      });
      await succeeds(sipp);
      await expectNothingLeft(caller);
    },
    60_000,
  );

  it('[OUT6] no answer before the ring timeout: CANCEL, then no-answer', async () => {
    const { sipp, caller } = await trunk('uas-agent-no-answer.xml', {});
    const id = callId();
    caller.dial({
      callId: id,
      number: '+33612345678',
      callerId: '+33170000000',
      ringTimeoutMs: 1_500,
    });
    await outboundEvent('outbound-ringing', id);
    const failed = await outboundEvent('outbound-failed', id);
    expect(failed.reason).toBe('no-answer');
    await succeeds(sipp);
    await expectNothingLeft(caller);
  }, 60_000);

  it('[OUT2] wrong trunk credentials: the second challenge is not answered again, the call failed', async () => {
    const { sipp, caller } = await trunk(
      'uas-trunk-answers.xml',
      { rtp_port: '9', amd: 'x' },
      {
        password: 'not-the-secret',
      },
    );
    const id = callId();
    caller.dial({
      callId: id,
      number: '+33612345678',
      callerId: '+33170000000',
      ringTimeoutMs: 20_000,
    });
    const failed = await outboundEvent('outbound-failed', id);
    expect(failed).toMatchObject({ reason: 'failed', status: 403 });
    // sipp counts the call failed: it refused the credentials.
    expect((await sipp.done).code).not.toBe(0);
    await expectNothingLeft(caller);
  }, 60_000);

  it('[OUT7] a drop: the identification message plays to the callee at once, then Relais hangs up', async () => {
    const callee = await media('callee', 0x3434);
    const { sipp, caller } = await trunk('uas-trunk-answers.xml', {
      rtp_port: String(callee.port),
      amd: 'human',
    });
    const id = callId();
    caller.dial({
      callId: id,
      number: '+33612345678',
      callerId: '+33170000000',
      ringTimeoutMs: 20_000,
    });
    await outboundEvent('outbound-answered', id);
    const played = caller.announceThenHangUp(id, harness.toneFile);
    await waitUntil(() => callee.received.length >= 20, 'the message reaches the callee');
    await played;
    await succeeds(sipp); // it got Relais's BYE
    await harness.event('call-ended', id);
    // A 1 s message at 20 ms a packet.
    expect(callee.received.length).toBeGreaterThanOrEqual(40);
    await expectNothingLeft(caller);
  }, 60_000);

  it('[OUT8] the callee hangs up after answering: caller-hung-up, then call-ended', async () => {
    const callee = await media('callee', 0x3535);
    const { sipp, caller } = await trunk(
      'uas-agent-hangs-up.xml',
      { rtp_port: String(callee.port) },
      { pauseMs: 1_000 },
    );
    const id = callId();
    caller.dial({
      callId: id,
      number: '+33612345678',
      callerId: '+33170000000',
      ringTimeoutMs: 20_000,
    });
    await outboundEvent('outbound-answered', id);
    await succeeds(sipp);
    expect((await harness.event('caller-hung-up', id)).phase).toBe('queued');
    await harness.event('call-ended', id);
    await expectNothingLeft(caller);
  }, 60_000);

  it('[OUT9] bad numbers and caller IDs are refused at once with what to give', async () => {
    const { caller } = await trunk(await refusing('486'), {});
    expect(() =>
      caller.dial({
        callId: 'x1',
        number: '06 12 34',
        callerId: '+33170000000',
        ringTimeoutMs: 1000,
      }),
    ).toThrow(/cannot dial "06 12 34".*E\.164/);
    expect(() =>
      caller.dial({
        callId: 'x2',
        number: '+33612345678',
        callerId: 'anonymous',
        ringTimeoutMs: 1000,
      }),
    ).toThrow(/caller ID "anonymous"/);
    expect(caller.ringing).toBe(0);
    killSipps();
  }, 30_000);

  it('[B2B19] a trunk’s call to the registered Contact routes on the number in To', async () => {
    harness.script = async (event, b2bua) => {
      if (event.type === 'inbound') await b2bua.reject(event.callId, 404);
    };
    const sipp = runSipp('uac-trunk-inbound.xml', [
      '-t',
      'u1',
      '-p',
      '0',
      '-s',
      '+33170000001',
      `127.0.0.1:${harness.port}`,
    ]);
    const inbound = await harness.event('inbound');
    expect(inbound.did).toBe('+33170000001');
    expect(inbound.from).toBe('sip:+33611111111@trunk.test');
    await succeeds(sipp);
    await harness.event('call-ended', inbound.callId);
  }, 30_000);
});
