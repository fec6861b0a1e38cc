// The live dialer through a real SIP trunk: `relais serve` with a trunk (sipp playing it, with a
// digest challenge), an agent whose sipp phone registers, a progressive campaign on a manual
// clock (inside French calling hours). The dialer's call goes out through the trunk, the callee
// answers, the engine offers the contact, the agent's phone rings and answers, RTP flows
// callee ↔ agent through rtpengine, and the agent's end hangs up the callee.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggedEvent } from '@relais/store';
import { AGENT_TAG, audioRtpStream, CALLER_TAG, trunkSettings } from '@relais/telephony';
import {
  freeUdpPort,
  killSipps,
  makeToneWav,
  requireSipp,
  RtpPeer,
  runSipp,
  settle,
  waitUntil,
  type SippRun,
} from '@relais/telephony/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agent, Harness, site, type Caller } from '../testing/harness.ts';
import { CSV, leadsCsv, OPEN } from '../testing/live-campaign.ts';
import { ManualScheduler } from '../testing/manual-scheduler.ts';
import type { TelephonyService } from './telephony-service.ts';

const PASSWORD = 'phone-secret-9';
let h: Harness;
let admin: Caller & { tenantId: string };
let telephony: TelephonyService;
let trunkPort: number;
const clock = new ManualScheduler(OPEN);
const engineEvents: LoggedEvent[] = [];
const peers: RtpPeer[] = [];

beforeAll(async () => {
  requireSipp();
  const dir = await mkdtemp(join(tmpdir(), 'relais-trunk-'));
  const tone = join(dir, 'tone.wav');
  await writeFile(tone, makeToneWav({ seconds: 1 }));
  trunkPort = await freeUdpPort();
  h = await Harness.start({
    clock: clock.clock,
    // No lines given: with a trunk, the server's own (trunk-calls.ts) place the calls.
    dialer: { scheduler: clock, beatMs: 5_000 },
    telephony: {
      host: '127.0.0.1',
      udpPort: 0,
      tcpPort: false,
      wsPort: false,
      rtpengine: { start: true },
      holdMusicFile: tone,
      trunk: {
        settings: trunkSettings({
          address: `127.0.0.1:${trunkPort}`,
          domain: 'trunk.test',
          username: 'relais-acct',
          password: 'trunk-secret',
          amdHeader: 'X-AMD-Result',
        }),
        identificationFile: tone,
      },
    },
  });
  telephony = h.server.telephony as TelephonyService;
  admin = await h.tenantAdmin('dial');
  await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(admin, 'POST', '/api/v1/queues', {
    id: 'outbound',
    clientId: 'acme',
    channel: 'voice',
    skills: { fr: 1 },
    wrapUp: { mode: 'manual' },
  });
  await h.ok(
    admin,
    'POST',
    '/api/v1/agents',
    agent('a1', 'rabat', { sipUser: 'phone-a1', sipPassword: PASSWORD }),
  );
  await h.ok(admin, 'PUT', '/api/v1/campaigns/winter', {
    id: 'winter',
    clientId: 'acme',
    name: 'Relance hiver',
    mode: 'progressive',
    queueId: 'outbound',
    callerId: '+33162000000',
    script: 'Bonjour…',
    dispositions: [{ id: 'sale', label: 'Vente', flag: 'success' }],
  });
  (await h.server.context.tenants.get(admin.tenantId)).subscribe((events) =>
    engineEvents.push(...events),
  );
  await registerPhone();
}, 60_000);

afterEach(async () => {
  killSipps();
  await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
});

afterAll(async () => {
  killSipps();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await h?.stop();
});

async function media(name: string, ssrc: number): Promise<RtpPeer> {
  const peer = await RtpPeer.open(name, ssrc);
  peers.push(peer);
  return peer;
}

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

async function engineEvent(
  type: string,
  match: (body: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown>> {
  const find = () =>
    engineEvents.find((e) => e.type === type && match(e.body as Record<string, unknown>));
  await waitUntil(() => find() !== undefined, `engine event ${type}`, 25_000);
  return find()?.body as Record<string, unknown>;
}

async function rtpenginePort(callId: string, who: 'caller' | 'agent'): Promise<number> {
  const stream = audioRtpStream(
    await telephony.ng.query({ callId }),
    who === 'caller' ? CALLER_TAG : AGENT_TAG,
  );
  if (stream?.localPort === undefined) throw new Error(`no ${who} port for ${callId}`);
  return stream.localPort;
}

let phonePort = 0;
let leads = 0;

/** The agent's phone (registered once), answering with `scenario`; the agent logged in and available. */
function agentPhone(scenario: string, phoneMedia: RtpPeer | undefined): SippRun {
  return runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    String(phonePort),
    '-key',
    'rtp_port',
    String(phoneMedia?.port ?? 9),
    '-d',
    '0',
  ]);
}

/** The callee behind the trunk, running `scenario` (its RTP to `rtpPort`, 9: none; `amd`: what the trunk says of who answered). */
function trunkCallee(
  scenario: string,
  options: { rtpPort?: number; amd?: string; pauseMs: number },
): SippRun {
  return runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    String(trunkPort),
    '-key',
    'rtp_port',
    String(options.rtpPort ?? 9),
    ...(options.amd === undefined ? [] : ['-key', 'amd', options.amd]),
    '-d',
    String(options.pauseMs),
  ]);
}

async function registerPhone(): Promise<void> {
  phonePort = await freeUdpPort();
  await succeeds(
    runSipp('uac-agent-registers.xml', [
      '-t',
      'u1',
      '-p',
      String(phonePort),
      '-key',
      'sip_user',
      'phone-a1',
      '-au',
      'phone-a1',
      '-ap',
      PASSWORD,
      `127.0.0.1:${telephony.endpoint.local('udp').port}`,
    ]),
  );
}

/** One more lead in the running progressive campaign, and one beat: the dialer places its call. */
async function dialOneLead(): Promise<void> {
  const status = await h.call<{ contacts?: Array<{ contactId: string }> }>(
    admin,
    'GET',
    '/api/v1/agents/a1/status',
  );
  for (const held of status.body.contacts ?? []) {
    await h.call(admin, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: held.contactId });
  }
  await h.call(admin, 'POST', '/api/v1/agents/a1/login', {});
  await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
  const query = new URLSearchParams({
    name: `Clients ${leads}`,
    origin: 'Fichier clients Acme',
    legalBasis: 'contract',
    phone: 'tel',
    firstName: 'prenom',
    contractRelation: 'contrat',
  });
  const imported = await h.call(
    admin,
    'POST',
    `/api/v1/campaigns/winter/lists?${query.toString()}`,
    leadsCsv(1, ++leads),
    CSV,
  );
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  await h.ok(admin, 'PUT', '/api/v1/campaigns/winter/state', { state: 'running' });
  engineEvents.length = 0;
  // One beat: the dialer places the call (the clock stays there: no drop deadline passes).
  await clock.advance(5_000);
}

describe('the live dialer through a SIP trunk', () => {
  it('[TEL20][TEL21] a campaign call goes out through the trunk, the callee answers, the agent’s phone is bridged, RTP flows, the agent’s end hangs up the callee', async () => {
    const callee = await media('callee', 0x5151);
    const agentMedia = await media('agent', 0x6161);
    const trunk = trunkCallee('uas-trunk-answers.xml', {
      rtpPort: callee.port,
      amd: 'human',
      pauseMs: 300,
    });
    const phone = agentPhone('uas-agent-answers.xml', agentMedia);
    await dialOneLead();

    const arrived = await engineEvent('contactArrived', (e) => e.queueId === 'outbound');
    const contactId = arrived.contactId as string;
    await engineEvent('contactOffered', (e) => e.contactId === contactId && e.agentId === 'a1');
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a1');
    // The dialer's call id is the contact's and the B2BUA's.
    expect(telephony.bridge.callOf(contactId)).toBe(contactId);
    const calleePort = await rtpenginePort(contactId, 'caller');
    const agentPort = await rtpenginePort(contactId, 'agent');
    await settle();
    await Promise.all([callee.stream(calleePort, 30), agentMedia.stream(agentPort, 30)]);
    await waitUntil(
      () => agentMedia.countFrom(callee.ssrc) >= 30 && callee.countFrom(agentMedia.ssrc) >= 30,
      'RTP both ways between the callee and the agent',
    );

    // The agent ends the call on the desktop: the trunk and the phone get BYE.
    await h.ok(admin, 'POST', '/api/v1/agents/a1/complete', { contactId });
    await succeeds(trunk);
    await succeeds(phone);
    await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the B2BUA forgets the call');
    const stats = await h.ok<{ today: { placed: number; answeredHuman: number } }>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/stats',
    );
    expect(stats.today.placed).toBe(1);
    expect(stats.today.answeredHuman).toBe(1);
  }, 90_000);

  it('[TEL21] the callee hangs up a connected call: the contact ends and the agent’s phone is hung up', async () => {
    const callee = await media('callee-2', 0x5252);
    const trunk = trunkCallee('uas-agent-hangs-up.xml', { rtpPort: callee.port, pauseMs: 2000 });
    const phone = agentPhone('uas-agent-answers.xml', undefined);
    await dialOneLead();
    const arrived = await engineEvent('contactArrived', (e) => e.queueId === 'outbound');
    const contactId = arrived.contactId as string;
    await engineEvent('contactConnected', (e) => e.contactId === contactId);
    await succeeds(trunk); // its BYE was answered
    await engineEvent('contactEnded', (e) => e.contactId === contactId);
    await succeeds(phone); // Relais hung up the agent's phone
  }, 90_000);

  it('[TEL21] a drop: the agent’s phone does not answer within 2 s, it is cancelled, the callee hears the identification message, then is hung up', async () => {
    const callee = await media('callee-3', 0x5353);
    const trunk = trunkCallee('uas-trunk-answers.xml', {
      rtpPort: callee.port,
      amd: 'human',
      pauseMs: 0,
    });
    const phone = agentPhone('uas-agent-no-answer.xml', undefined);
    await dialOneLead();
    const arrived = await engineEvent('contactArrived', (e) => e.queueId === 'outbound');
    const contactId = arrived.contactId as string;
    await engineEvent('contactOffered', (e) => e.contactId === contactId);
    // The phone rings; 2 s pass on the dialer's clock with nobody connected: a drop.
    await waitUntil(() => telephony.b2bua.activeCalls === 1, 'the answered call');
    await clock.advance(2_500);
    await engineEvent('contactAbandoned', (e) => e.contactId === contactId);
    await succeeds(phone); // CANCEL, 487, ACK
    await waitUntil(() => callee.received.length >= 20, 'the identification message');
    await succeeds(trunk); // then Relais's BYE
    expect(callee.received.length).toBeGreaterThanOrEqual(40); // a 1 s message, 20 ms a packet
  }, 90_000);

  it('[TEL20] preview: the agent takes the lead on the desktop, the call is placed with the agent on it, and the agent’s phone is rung when the callee answers', async () => {
    const callee = await media('callee-4', 0x5454);
    const trunk = trunkCallee('uas-trunk-answers.xml', {
      rtpPort: callee.port,
      amd: 'human',
      pauseMs: 0,
    });
    const phone = agentPhone('uas-agent-answers.xml', undefined);
    const callEvents: Array<{ type: string; callId: string }> = [];
    const stop = telephony.onCall((event) => callEvents.push(event));
    // The progressive campaign has no lead left; a preview one on the same queue gets one.
    await h.ok(admin, 'PUT', '/api/v1/campaigns/spring', {
      id: 'spring',
      clientId: 'acme',
      name: 'Aperçu printemps',
      mode: 'preview',
      queueId: 'outbound',
      callerId: '+33162000000',
      script: 'Bonjour…',
      dispositions: [{ id: 'sale', label: 'Vente', flag: 'success' }],
    });
    const status = await h.call<{ contacts?: Array<{ contactId: string }> }>(
      admin,
      'GET',
      '/api/v1/agents/a1/status',
    );
    for (const held of status.body.contacts ?? []) {
      await h.call(admin, 'POST', '/api/v1/agents/a1/end-wrap-up', { contactId: held.contactId });
    }
    await h.ok(admin, 'PUT', '/api/v1/agents/a1/state', { state: 'available' });
    const query = new URLSearchParams({
      name: 'Aperçu',
      origin: 'Fichier clients Acme',
      legalBasis: 'contract',
      phone: 'tel',
      firstName: 'prenom',
      contractRelation: 'contrat',
    });
    const imported = await h.call(
      admin,
      'POST',
      `/api/v1/campaigns/spring/lists?${query.toString()}`,
      leadsCsv(1, 50),
      CSV,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    engineEvents.length = 0;
    await h.ok(admin, 'PUT', '/api/v1/campaigns/spring/state', { state: 'running' });
    await clock.advance(0);
    const offered = await engineEvent('contactOffered', (e) => e.agentId === 'a1');
    const contactId = offered.contactId as string;
    // Nothing rings before the callee answers: the preview offer is the desktop's.
    expect(callEvents.filter((e) => e.callId === contactId)).toEqual([]);
    await h.ok(admin, 'POST', '/api/v1/agents/a1/accept', { contactId });
    await clock.advance(0);
    await waitUntil(
      () => callEvents.some((e) => e.callId === contactId && e.type === 'agent-answered'),
      'the agent’s phone answers once the callee did',
      25_000,
    );
    expect(callEvents.filter((e) => e.callId === contactId).map((e) => e.type)).toEqual([
      'outbound-ringing',
      'outbound-answered',
      'agent-ringing',
      'agent-answered',
    ]);
    await h.ok(admin, 'POST', '/api/v1/agents/a1/complete', { contactId });
    await succeeds(trunk);
    await succeeds(phone);
    stop();
  }, 90_000);

  it.each([
    ['as the events come', false],
    ['with a store slow to answer once the callee rings', true],
  ])(
    '[TEL28] the callee answers and hangs up at once, before any agent (%s): the contact is abandoned at once and the bridge forgets the call',
    async (_how, slowStore) => {
      const trunk = trunkCallee('uas-trunk-answers-hangs-up.xml', { amd: 'human', pauseMs: 0 });
      // The agent's phone may be rung (then cancelled) or not, as the BYE is handled before or
      // after the offer: the test asks nothing of it.
      agentPhone('uas-agent-no-answer.xml', undefined);
      // A slow store pins the order the race needs: any store read from the callee's ringing on
      // waits until the call has ended, so the BYE is handled before such a read answers.
      let ringing = false;
      let ended = (): void => undefined;
      const callOver = new Promise<void>((resolve) => (ended = resolve));
      const stop = telephony.onCall((event) => {
        if (event.type === 'outbound-ringing') ringing = true;
        if (event.type === 'call-ended') ended();
      });
      const getCampaign = h.store.getCampaign.bind(h.store);
      if (slowStore) {
        h.store.getCampaign = async (tenantId: string, id: string) => {
          if (ringing) await callOver;
          return getCampaign(tenantId, id);
        };
      }
      try {
        await dialOneLead();
        await succeeds(trunk); // its BYE was answered
        await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the B2BUA forgets the call');
        const arrived = await engineEvent('contactArrived', (e) => e.queueId === 'outbound');
        const contactId = arrived.contactId as string;
        // The callee's BYE abandons the contact at once (TEL4): no drop deadline has passed.
        await engineEvent('contactAbandoned', (e) => e.contactId === contactId);
        await waitUntil(() => telephony.bridge.size === 0, 'the bridge forgets the call');
        expect(telephony.bridge.callOf(contactId)).toBeUndefined();
        // Past the 2 s drop deadline: nothing about the call is left to act on.
        await clock.advance(2_500);
        expect(telephony.bridge.size).toBe(0);
        expect(engineEvents.filter((e) => e.type === 'contactArrived')).toHaveLength(1);
      } finally {
        h.store.getCampaign = getCampaign;
        stop();
      }
    },
    90_000,
  );

  it('[TEL20] the trunk says machine: the dialer records an answering machine, no agent is rung, the callee is hung up', async () => {
    const trunk = trunkCallee('uas-trunk-answers.xml', { amd: 'MACHINE', pauseMs: 0 });
    const before = await h.ok<{ today: { answeringMachine: number; answeredHuman: number } }>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/stats',
    );
    await dialOneLead();
    await succeeds(trunk); // Relais hung up (BYE)
    await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the call is over');
    const after = await h.ok<{ today: { answeringMachine: number; answeredHuman: number } }>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/stats',
    );
    expect(after.today.answeringMachine).toBe(before.today.answeringMachine + 1);
    expect(after.today.answeredHuman).toBe(before.today.answeredHuman);
    expect(engineEvents.filter((e) => e.type === 'contactArrived')).toEqual([]);
  }, 90_000);
});
