// Real calls through the real server: sipp agent phones register with digest auth, agents log
// in through the API, sipp callers dial a routing number; rtpengine relays the media and plain
// UDP sockets stand in for the phones' audio so that RTP packets are counted end to end.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggedEvent } from '@relais/store';
import { audioRtpStream, CALLER_TAG, AGENT_TAG } from '@relais/telephony';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { importConfig } from '../import/import-config.ts';
import { agent, Harness, queue, site, type Caller } from '../testing/harness.ts';
import type { TelephonyService } from './telephony-service.ts';

const DID = '800100';
const PASSWORD = 'phone-secret-1';
let h: Harness;
let admin: Caller & { tenantId: string };
let telephony: TelephonyService;
const engineEvents: LoggedEvent[] = [];
const peers: RtpPeer[] = [];

beforeAll(async () => {
  requireSipp();
  const music = join(await mkdtemp(join(tmpdir(), 'relais-moh-')), 'hold.wav');
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
  admin = await h.tenantAdmin('calls');
  await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('support', 'acme', { phoneNumbers: [DID], offerTimeoutSeconds: 3 }),
  );
  for (const id of ['a1', 'a2', 'a3']) {
    await h.ok(
      admin,
      'POST',
      '/api/v1/agents',
      agent(id, 'rabat', { sipUser: `phone-${id}`, sipPassword: PASSWORD }),
    );
  }
  (await h.server.context.tenants.get(admin.tenantId)).subscribe((events) =>
    engineEvents.push(...events),
  );
}, 60_000);

afterEach(async () => {
  killSipps();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  // Every agent back to logged out, nothing left of the calls.
  await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
  for (const id of ['a1', 'a2', 'a3']) {
    const status = await h.call<{ contacts?: Array<{ contactId: string }> }>(
      admin,
      'GET',
      `/api/v1/agents/${id}/status`,
    );
    for (const held of status.body.contacts ?? []) {
      await h.call(admin, 'POST', `/api/v1/agents/${id}/end-wrap-up`, {
        contactId: held.contactId,
      });
    }
    await h.call(admin, 'POST', `/api/v1/agents/${id}/logout`, {});
  }
  engineEvents.length = 0;
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

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

/** A sipp phone on `port` registers as SIP user `user` (digest, PASSWORD) and must succeed. */
async function registerPhone(user: string, port: number): Promise<void> {
  await succeeds(
    runSipp('uac-agent-registers.xml', [
      '-t',
      'u1',
      '-p',
      String(port),
      '-key',
      'sip_user',
      user,
      '-au',
      user,
      '-ap',
      PASSWORD,
      `127.0.0.1:${telephony.endpoint.local('udp').port}`,
    ]),
  );
}

/** A sipp phone registers as the agent's SIP user, then answers INVITEs with `scenario`. */
async function agentPhone(
  agentId: string,
  scenario: string,
  phoneMedia: RtpPeer | undefined,
  pauseMs = 0,
): Promise<SippRun> {
  const port = await freeUdpPort();
  await registerPhone(`phone-${agentId}`, port);
  const phone = runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    String(port),
    '-key',
    'rtp_port',
    String(phoneMedia?.port ?? 9),
    '-d',
    String(pauseMs),
  ]);
  await h.ok(admin, 'POST', `/api/v1/agents/${agentId}/login`, {});
  await h.ok(admin, 'PUT', `/api/v1/agents/${agentId}/state`, { state: 'available' });
  return phone;
}

function caller(
  scenario: string,
  callerMedia: RtpPeer | undefined,
  pauseMs = 0,
  did = DID,
): SippRun {
  return runSipp(scenario, [
    '-t',
    'u1',
    '-p',
    '0',
    '-s',
    did,
    '-key',
    'rtp_port',
    String(callerMedia?.port ?? 9),
    '-d',
    String(pauseMs),
    `127.0.0.1:${telephony.endpoint.local('udp').port}`,
  ]);
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

describe('SIP calls through the server', () => {
  it('[TEL1][TEL2][TEL3] a registered phone rings for the offer, answers, RTP flows end to end, the desktop ends the call', async () => {
    const callerMedia = await media('caller', 0x1111);
    const agentMedia = await media('agent', 0x2222);
    const phone = await agentPhone('a1', 'uas-agent-answers.xml', agentMedia, 300);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const arrived = await engineEvent('contactArrived');
    expect(arrived.queueId).toBe('support');
    const contactId = arrived.contactId as string;
    await engineEvent('contactOffered', (e) => e.contactId === contactId && e.agentId === 'a1');
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a1');
    const callId = telephony.bridge.callOf(contactId) as string;
    const callerPort = await rtpenginePort(callId, 'caller');
    const agentPort = await rtpenginePort(callId, 'agent');
    await settle();
    callerMedia.clear();
    await Promise.all([callerMedia.stream(callerPort, 50), agentMedia.stream(agentPort, 50)]);
    await waitUntil(
      () =>
        agentMedia.countFrom(callerMedia.ssrc) >= 50 &&
        callerMedia.countFrom(agentMedia.ssrc) >= 50,
      'RTP both ways through rtpengine',
    );
    expect(agentMedia.countFrom(callerMedia.ssrc)).toBe(50);
    expect(callerMedia.countFrom(agentMedia.ssrc)).toBe(50);
    // The agent ends the conversation on the desktop: both phones get BYE.
    await h.ok(admin, 'POST', '/api/v1/agents/a1/complete', { contactId });
    await succeeds(call);
    await succeeds(phone);
    await engineEvent('contactEnded', (e) => e.contactId === contactId);
  }, 60_000);

  it('[TEL4] a caller who hangs up while queued abandons the contact at once', async () => {
    const call = caller('uac-caller-hangs-up.xml', undefined, 500);
    const arrived = await engineEvent('contactArrived');
    await succeeds(call);
    const abandoned = await engineEvent(
      'contactAbandoned',
      (e) => e.contactId === arrived.contactId,
    );
    expect(abandoned.queueId).toBe('support');
  }, 60_000);

  it('[TEL5] an agent who does not answer: the offer times out, the phone is cancelled, the next agent answers', async () => {
    const silent = await agentPhone('a1', 'uas-agent-no-answer.xml', undefined);
    const call = caller('uac-caller-waits-bye.xml', undefined);
    const arrived = await engineEvent('contactArrived');
    const contactId = arrived.contactId as string;
    await engineEvent('contactOffered', (e) => e.contactId === contactId && e.agentId === 'a1');
    const answering = await agentPhone('a2', 'uas-agent-answers.xml', undefined);
    await engineEvent('offerRevoked', (e) => e.contactId === contactId && e.agentId === 'a1');
    await succeeds(silent); // it got the CANCEL
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a2');
    await h.ok(admin, 'POST', '/api/v1/agents/a2/complete', { contactId });
    await succeeds(call);
    await succeeds(answering);
  }, 60_000);

  it('[TEL6] a caller who hangs up while the phone rings: the leg is cancelled, the contact abandoned', async () => {
    const ringing = await agentPhone('a1', 'uas-agent-no-answer.xml', undefined);
    const call = caller('uac-caller-hangs-up.xml', undefined, 1500);
    const arrived = await engineEvent('contactArrived');
    await engineEvent('contactOffered', (e) => e.contactId === arrived.contactId);
    await succeeds(call);
    await succeeds(ringing);
    const abandoned = await engineEvent(
      'contactAbandoned',
      (e) => e.contactId === arrived.contactId,
    );
    expect(abandoned.agentId).toBe('a1');
  }, 60_000);

  it('[TEL7] a transfer to another agent releases the first phone and rings the second', async () => {
    const first = await agentPhone('a1', 'uas-agent-answers.xml', undefined);
    const call = caller('uac-caller-waits-bye.xml', undefined);
    const arrived = await engineEvent('contactArrived');
    const contactId = arrived.contactId as string;
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a1');
    const second = await agentPhone('a2', 'uas-agent-answers.xml', undefined);
    await h.ok(admin, 'POST', `/api/v1/contacts/${contactId}/transfer`, { agentId: 'a2' });
    await succeeds(first); // BYE to the first phone
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a2');
    await h.ok(admin, 'POST', '/api/v1/agents/a2/complete', { contactId });
    await succeeds(call);
    await succeeds(second);
  }, 60_000);

  it("[TEL24][TEL25] the agent's phone holds: the contact is held in the engine while the caller hears music, talking again after; the caller's own hold changes nothing", async () => {
    const callerMedia = await media('caller', 0x1e1e);
    const agentMedia = await media('agent', 0x2e2e);
    // The phone takes the caller's hold and return, then holds itself for 3 s.
    const phone = await agentPhone('a1', 'uas-agent-reinvites.xml', agentMedia, 3_000);
    // The caller re-INVITEs (refresh, hold, return) 4 s after its answer, once bridged.
    const call = caller('uac-caller-reinvites.xml', callerMedia, 4_000);
    const arrived = await engineEvent('contactArrived');
    const contactId = arrived.contactId as string;
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a1');
    const callId = telephony.bridge.callOf(contactId) as string;

    await engineEvent('contactHeld', (e) => e.contactId === contactId && e.agentId === 'a1');
    const view = await h.ok<{ state: string }>(admin, 'GET', `/api/v1/contacts/${contactId}`);
    expect(view.state).toBe('held');
    // Held by the phone: the caller hears music, the agent nothing of the caller.
    const callerPort = await rtpenginePort(callId, 'caller');
    await settle();
    callerMedia.clear();
    agentMedia.clear();
    await callerMedia.stream(callerPort, 20);
    await waitUntil(() => callerMedia.received.length >= 10, 'music while the phone holds');
    expect(agentMedia.countFrom(callerMedia.ssrc)).toBe(0);

    const retrieved = await engineEvent('contactRetrieved', (e) => e.contactId === contactId);
    expect(retrieved.holdMs).toBeGreaterThan(0);
    const after = await h.ok<{ state: string }>(admin, 'GET', `/api/v1/contacts/${contactId}`);
    expect(after.state).toBe('connected');
    const agentPort = await rtpenginePort(callId, 'agent');
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
    // One hold and one return in the engine: the caller's hold, earlier, was not one.
    const holds = engineEvents.filter(
      (e) =>
        (e.type === 'contactHeld' || e.type === 'contactRetrieved') &&
        (e.body as { contactId: string }).contactId === contactId,
    );
    expect(holds.map((e) => e.type)).toEqual(['contactHeld', 'contactRetrieved']);

    await h.ok(admin, 'POST', '/api/v1/agents/a1/complete', { contactId });
    await succeeds(call);
    await succeeds(phone);
    await engineEvent('contactEnded', (e) => e.contactId === contactId);
  }, 60_000);

  it("[TEL25][TEL26] the desktop's Resume of a call the phone holds re-INVITEs the phone: contact and call talk again", async () => {
    const callerMedia = await media('caller', 0x1f1f);
    const agentMedia = await media('agent', 0x2f2f);
    // The phone holds 500 ms after its answer, then stays held until Relais re-INVITEs it.
    const phone = await agentPhone('a2', 'uas-agent-holds.xml', agentMedia, 500);
    const call = caller('uac-caller-waits-bye.xml', callerMedia);
    const arrived = await engineEvent('contactArrived');
    const contactId = arrived.contactId as string;
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a2');
    const callId = telephony.bridge.callOf(contactId) as string;
    await engineEvent('contactHeld', (e) => e.contactId === contactId);
    // The desktop's Hold of a contact held already is refused: the engine and the call agree.
    const twice = await h.call(admin, 'POST', '/api/v1/agents/a2/hold', { contactId });
    expect(twice.status).toBe(409);

    await h.ok(admin, 'POST', '/api/v1/agents/a2/resume', { contactId });
    await engineEvent('contactRetrieved', (e) => e.contactId === contactId);
    const view = await h.ok<{ state: string }>(admin, 'GET', `/api/v1/contacts/${contactId}`);
    expect(view.state).toBe('connected');
    // Bridged again once the phone answers Relais's re-INVITE: both phones hear each other.
    const callerPort = await rtpenginePort(callId, 'caller');
    const talking = () =>
      agentMedia.countFrom(callerMedia.ssrc) > 0 && callerMedia.countFrom(agentMedia.ssrc) > 0;
    for (let round = 0; round < 200 && !talking(); round++) {
      const port = await rtpenginePort(callId, 'agent');
      await Promise.all([callerMedia.stream(callerPort, 3), agentMedia.stream(port, 3)]);
    }
    expect(talking()).toBe(true);
    const agentPort = await rtpenginePort(callId, 'agent');
    await settle();
    callerMedia.clear();
    agentMedia.clear();
    await Promise.all([callerMedia.stream(callerPort, 30), agentMedia.stream(agentPort, 30)]);
    await waitUntil(
      () =>
        agentMedia.countFrom(callerMedia.ssrc) >= 30 &&
        callerMedia.countFrom(agentMedia.ssrc) >= 30,
      "RTP both ways after the desktop's resume",
    );

    await h.ok(admin, 'POST', '/api/v1/agents/a2/complete', { contactId });
    await succeeds(call);
    await succeeds(phone);
  }, 60_000);

  it('[TEL8] a number no queue routes is refused with 404, and no contact is made', async () => {
    await succeeds(caller('uac-caller-refused.xml', undefined, 0, '800999'));
    expect(engineEvents.filter((e) => e.type === 'contactArrived')).toEqual([]);
  }, 30_000);

  it('[TEL13] an agent with no phone registered: the offer runs to its timeout (not declined at once), then the next agent answers', async () => {
    await h.ok(admin, 'POST', '/api/v1/agents/a3/login', {});
    await h.ok(admin, 'PUT', '/api/v1/agents/a3/state', { state: 'available' });
    const call = caller('uac-caller-waits-bye.xml', undefined);
    const arrived = await engineEvent('contactArrived');
    const contactId = arrived.contactId as string;
    await engineEvent('contactOffered', (e) => e.contactId === contactId && e.agentId === 'a3');
    const answering = await agentPhone('a2', 'uas-agent-answers.xml', undefined);
    const revoked = await engineEvent('offerRevoked', (e) => e.contactId === contactId);
    expect(revoked).toMatchObject({ agentId: 'a3', reason: 'timeout' });
    await engineEvent('contactConnected', (e) => e.contactId === contactId && e.agentId === 'a2');
    expect(
      await h.server.context.metrics.registry.getSingleMetricAsString(
        'relais_sip_agent_leg_failures_total',
      ),
    ).toMatch(/reason="unreachable"} [1-9]/);
    await h.ok(admin, 'POST', '/api/v1/agents/a2/complete', { contactId });
    await succeeds(call);
    await succeeds(answering);
  }, 60_000);

  it('[TEL15] CANCEL races the answer: whichever wins, no call and no waiting contact is left', async () => {
    // The server answers at once, so the 200 usually crosses the CANCEL: the caller (killed)
    // never ACKs it, and the call ends at the ACK timeout (64·T1) as a hang-up.
    {
      const run = caller('uac-caller-cancels.xml', undefined, 0);
      await Promise.race([run.done, settle(3000)]);
      killSipps(); // if the 200 won, this sipp waits for a 487 that never comes
      await waitUntil(
        () => telephony.b2bua.activeCalls === 0,
        'the B2BUA forgets the call',
        40_000,
      );
      await waitUntil(() => telephony.bridge.size === 0, 'the bridge forgets the call');
      const arrived = engineEvents.filter((e) => e.type === 'contactArrived');
      const ended = engineEvents.filter(
        (e) => e.type === 'contactAbandoned' || e.type === 'contactCancelled',
      );
      // Cancelled before the answer: no contact; after it: the caller's contact is gone too.
      expect(ended.map((e) => (e.body as { contactId: string }).contactId)).toEqual(
        arrived.map((e) => (e.body as { contactId: string }).contactId),
      );
    }
  }, 90_000);

  it('[TEL31] an agent imported with a SIP user into the running server registers at once (digest), no restart', async () => {
    const context = h.server.context;
    const imported = await importConfig(
      h.store,
      admin.tenantId,
      'agents',
      [{ line: 1, data: agent('a4', 'rabat', { sipUser: 'phone-a4', sipPassword: PASSWORD }) }],
      {
        runtime: await context.tenants.get(admin.tenantId),
        configWrites: context.configWrites,
        claims: context.phoneClaims,
        telephony: context.telephony,
        actor: 'test',
      },
    );
    expect(imported).toMatchObject({ imported: 1, created: 1, rejected: [] });
    expect(telephony.phoneBook.account('phone-a4')).toMatchObject({
      tenantId: admin.tenantId,
      agentId: 'a4',
    });
    await registerPhone('phone-a4', await freeUdpPort());
  }, 60_000);

  // Last: it stops the server (the harness restarts it without telephony).
  it('[TEL14] a server shutdown ends talking contacts, cancels queued ones, and hangs up every call', async () => {
    const phone = await agentPhone('a1', 'uas-agent-answers.xml', undefined);
    const talking = caller('uac-caller-waits-bye.xml', undefined);
    const first = await engineEvent('contactArrived');
    await engineEvent('contactConnected', (e) => e.contactId === first.contactId);
    const waiting = caller('uac-caller-waits-bye.xml', undefined);
    const second = await engineEvent('contactArrived', (e) => e.contactId !== first.contactId);
    await engineEvent('contactQueued', (e) => e.contactId === second.contactId);
    await h.restart();
    await Promise.all([succeeds(talking), succeeds(waiting), succeeds(phone)]);
    await engineEvent('contactEnded', (e) => e.contactId === first.contactId);
    const cancelled = await engineEvent(
      'contactCancelled',
      (e) => e.contactId === second.contactId,
    );
    expect(cancelled.reason).toBe('telephony stopped');
    expect(telephony.b2bua.activeCalls).toBe(0);
    expect(telephony.bridge.size).toBe(0);
  }, 60_000);
});
