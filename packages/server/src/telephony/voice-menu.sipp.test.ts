// The voice menu and queue announcements through the real server: sipp callers dial a routing
// number with a menu, their media (a Node UDP socket) presses keys as RFC 4733 events through
// rtpengine, whose DTMF log reaches the B2BUA; the engine's events say which queue was chosen.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggedEvent } from '@relais/store';
import { audioRtpStream, CALLER_TAG, type CallCenterB2bua } from '@relais/telephony';
import {
  killSipps,
  makeToneWav,
  requireSipp,
  RtpPeer,
  runSipp,
  waitUntil,
  type SippRun,
} from '@relais/telephony/testing';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { Harness, queue, type Caller } from '../testing/harness.ts';
import type { TelephonyService } from './telephony-service.ts';

const MENU_DID = '800500';
const STRICT_DID = '800501';
let h: Harness;
let admin: Caller & { tenantId: string };
let telephony: TelephonyService;
let promptFile: string;
let closedPrompt: string;
let announcementFile: string;
let announce: MockInstance<CallCenterB2bua['announce']>;
type AnnounceArgs = Parameters<CallCenterB2bua['announce']>;
const engineEvents: LoggedEvent[] = [];
const peers: RtpPeer[] = [];

beforeAll(async () => {
  requireSipp();
  const directory = await mkdtemp(join(tmpdir(), 'relais-ivr-'));
  const music = join(directory, 'hold.wav');
  promptFile = join(directory, 'menu.wav');
  closedPrompt = join(directory, 'closed-menu.wav');
  announcementFile = join(directory, 'announcement.wav');
  await writeFile(music, makeToneWav({ seconds: 1 }));
  await writeFile(promptFile, makeToneWav({ seconds: 0.4, hz: 660 }));
  await writeFile(closedPrompt, makeToneWav({ seconds: 0.2, hz: 550 }));
  await writeFile(announcementFile, makeToneWav({ seconds: 0.3, hz: 880 }));
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
  admin = await h.tenantAdmin('menus');
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('sales', 'acme', { announcement: { file: announcementFile, everySeconds: 10 } }),
  );
  await h.ok(admin, 'POST', '/api/v1/queues', queue('support', 'acme'));
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('reception', 'acme', {
      phoneNumbers: [MENU_DID],
      voiceMenu: {
        promptFile,
        choices: [
          { digit: '1', queueId: 'sales' },
          { digit: '2', queueId: 'support' },
        ],
        timeoutSeconds: 1,
        attempts: 2,
      },
    }),
  );
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('closed', 'acme', {
      phoneNumbers: [STRICT_DID],
      voiceMenu: {
        promptFile: closedPrompt,
        choices: [{ digit: '#', queueId: 'support' }],
        timeoutSeconds: 1,
        attempts: 1,
        onFailure: 'hang-up',
      },
    }),
  );
  (await h.server.context.tenants.get(admin.tenantId)).subscribe((events) =>
    engineEvents.push(...events),
  );
  announce = vi.spyOn(telephony.b2bua, 'announce');
}, 60_000);

afterEach(async () => {
  for (const callId of await telephony.ng.list()) {
    await telephony.b2bua.hangUp(callId).catch(() => undefined);
  }
  killSipps();
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
  await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the B2BUA forgets its calls');
  await waitUntil(() => telephony.bridge.size === 0, 'the bridge forgets its calls');
  engineEvents.length = 0;
  announce.mockClear();
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

function caller(callerMedia: RtpPeer, did = MENU_DID): SippRun {
  return runSipp('uac-caller-waits-bye.xml', [
    ...['-t', 'u1', '-p', '0', '-s', did, '-key', 'rtp_port', String(callerMedia.port)],
    `127.0.0.1:${telephony.endpoint.local('udp').port}`,
  ]);
}

async function succeeds(run: SippRun): Promise<void> {
  const { code, output } = await run.done;
  expect(code, output).toBe(0);
}

/** The files announced so far, in order (prompts and announcements). */
const announced = (): string[] => announce.mock.calls.map((call: AnnounceArgs) => call[1]);

/** Waits for the `count`-th play of `file`; returns the call id it played to. */
async function played(file: string, count = 1): Promise<string> {
  await waitUntil(
    () => announced().filter((f) => f === file).length >= count,
    `play ${count} of ${file}`,
    25_000,
  );
  return String(announce.mock.calls.find((call: AnnounceArgs) => call[1] === file)?.[0]);
}

async function pressKey(callerMedia: RtpPeer, callId: string, key: string): Promise<void> {
  const stream = audioRtpStream(await telephony.ng.query({ callId }), CALLER_TAG);
  if (stream?.localPort === undefined) throw new Error(`no caller port for ${callId}`);
  await callerMedia.pressKey(stream.localPort, key);
}

async function arrivedIn(): Promise<string> {
  await waitUntil(
    () => engineEvents.some((e) => e.type === 'contactArrived'),
    'the contact arrives',
    25_000,
  );
  return String(
    (engineEvents.find((e) => e.type === 'contactArrived')?.body as { queueId: string }).queueId,
  );
}

describe('the voice menu of a routing number', () => {
  it('[VOICE1] the caller hears the prompt, presses 2: the contact arrives in support, then music', async () => {
    const callerMedia = await media('caller', 0x5101);
    const call = caller(callerMedia);
    const callId = await played(promptFile);
    await waitUntil(() => callerMedia.received.length >= 10, 'the prompt reaches the caller');
    expect(engineEvents.filter((e) => e.type === 'contactArrived')).toEqual([]);
    await pressKey(callerMedia, callId, '2');
    expect(await arrivedIn()).toBe('support');
    expect(announce.mock.calls[0]?.[2]).toEqual({ thenMusic: false });
    callerMedia.clear();
    await waitUntil(() => callerMedia.received.length >= 50, 'music on hold after the choice');
    await telephony.b2bua.hangUp(callId);
    await succeeds(call);
    await waitUntil(
      () => engineEvents.some((e) => e.type === 'contactCancelled'),
      'the waiting contact is cancelled with its call',
    );
  }, 60_000);

  it('[VOICE2][VOICE4] a key not in the menu replays the prompt; 1 then leads to sales, whose announcement plays', async () => {
    const callerMedia = await media('caller', 0x5102);
    const call = caller(callerMedia);
    const callId = await played(promptFile);
    await pressKey(callerMedia, callId, '9');
    await played(promptFile, 2);
    expect(engineEvents.filter((e) => e.type === 'contactArrived')).toEqual([]);
    await pressKey(callerMedia, callId, '1');
    expect(await arrivedIn()).toBe('sales');
    await played(announcementFile);
    expect(announced()).toEqual([promptFile, promptFile, announcementFile]);
    // rtpengine took the file: its play media reply gave the length (0.3 s).
    expect(await announce.mock.results[2]?.value).toEqual({ durationMs: 300 });
    // Every 10 s while the caller waits, the music resuming in between.
    await played(announcementFile, 2);
    await telephony.b2bua.hangUp(callId);
    await succeeds(call);
  }, 60_000);

  it("[VOICE3] silence: the prompt plays `attempts` times, then the contact joins the number's own queue", async () => {
    const callerMedia = await media('caller', 0x5103);
    const call = caller(callerMedia);
    const callId = await played(promptFile);
    expect(await arrivedIn()).toBe('reception');
    expect(announced()).toEqual([promptFile, promptFile]);
    await telephony.b2bua.hangUp(callId);
    await succeeds(call);
  }, 60_000);

  it('[VOICE3] a menu whose failure route is hang-up ends the call without a contact', async () => {
    const callerMedia = await media('caller', 0x5104);
    const call = caller(callerMedia, STRICT_DID);
    await played(closedPrompt);
    await succeeds(call); // the caller got BYE
    await waitUntil(() => telephony.b2bua.activeCalls === 0, 'the call ended');
    expect(engineEvents.filter((e) => e.type === 'contactArrived')).toEqual([]);
  }, 60_000);

  it('[VOICE1] a caller who hangs up during the menu leaves nothing behind', async () => {
    const callerMedia = await media('caller', 0x5105);
    const call = runSipp('uac-caller-hangs-up.xml', [
      ...['-t', 'u1', '-p', '0', '-s', MENU_DID, '-key', 'rtp_port', String(callerMedia.port)],
      ...['-d', '300', `127.0.0.1:${telephony.endpoint.local('udp').port}`],
    ]);
    await played(promptFile);
    await succeeds(call);
    await waitUntil(() => telephony.bridge.size === 0, 'the bridge forgets the call');
    expect(engineEvents.filter((e) => e.type === 'contactArrived')).toEqual([]);
  }, 60_000);
});
