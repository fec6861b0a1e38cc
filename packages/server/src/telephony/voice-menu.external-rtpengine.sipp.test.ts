// RFC 4733 keys with an rtpengine Relais did not start (`--rtpengine IPV4:PORT`): the operator
// points its `dtmf-log-dest` at `--rtpengine-dtmf-port`, and a menu key still chooses the queue.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggedEvent } from '@relais/store';
import {
  audioRtpStream,
  CALLER_TAG,
  startRtpengine,
  type RunningRtpengine,
} from '@relais/telephony';
import {
  freeUdpPort,
  killSipps,
  makeToneWav,
  requireSipp,
  RtpPeer,
  runSipp,
  waitUntil,
} from '@relais/telephony/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness, queue } from '../testing/harness.ts';
import type { TelephonyService } from './telephony-service.ts';

const DID = '800600';
let h: Harness;
let rtpengine: RunningRtpengine;
let telephony: TelephonyService;
const engineEvents: LoggedEvent[] = [];

beforeAll(async () => {
  requireSipp();
  const directory = await mkdtemp(join(tmpdir(), 'relais-ivr-ext-'));
  const music = join(directory, 'hold.wav');
  const prompt = join(directory, 'menu.wav');
  await writeFile(music, makeToneWav({ seconds: 1 }));
  await writeFile(prompt, makeToneWav({ seconds: 0.3, hz: 660 }));
  const dtmfLogPort = await freeUdpPort();
  rtpengine = await startRtpengine({ dtmfLogDest: { address: '127.0.0.1', port: dtmfLogPort } });
  h = await Harness.start({
    telephony: {
      host: '127.0.0.1',
      udpPort: 0,
      tcpPort: false,
      wsPort: false,
      rtpengine: { host: '127.0.0.1', port: rtpengine.ngPort },
      dtmfLogPort,
      holdMusicFile: music,
    },
  });
  telephony = h.server.telephony as TelephonyService;
  const admin = await h.tenantAdmin('external');
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(admin, 'POST', '/api/v1/queues', queue('sales', 'acme'));
  await h.ok(
    admin,
    'POST',
    '/api/v1/queues',
    queue('reception', 'acme', {
      phoneNumbers: [DID],
      voiceMenu: {
        promptFile: prompt,
        choices: [{ digit: '1', queueId: 'sales' }],
        timeoutSeconds: 30,
      },
    }),
  );
  (await h.server.context.tenants.get(admin.tenantId)).subscribe((events) =>
    engineEvents.push(...events),
  );
}, 60_000);

afterAll(async () => {
  killSipps();
  await h?.stop();
  await rtpengine?.stop();
});

it("[VOICE1] a key pressed in RTP reaches the menu through a running rtpengine's dtmf-log-dest", async () => {
  const callerMedia = await RtpPeer.open('caller', 0x5201);
  const call = runSipp('uac-caller-waits-bye.xml', [
    ...['-t', 'u1', '-p', '0', '-s', DID, '-key', 'rtp_port', String(callerMedia.port)],
    `127.0.0.1:${telephony.endpoint.local('udp').port}`,
  ]);
  await waitUntil(() => callerMedia.received.length >= 5, 'the prompt reaches the caller', 25_000);
  const [callId] = await telephony.ng.list();
  const stream = audioRtpStream(await telephony.ng.query({ callId: String(callId) }), CALLER_TAG);
  await callerMedia.pressKey(Number(stream?.localPort), '1');
  await waitUntil(
    () => engineEvents.some((e) => e.type === 'contactArrived'),
    'the contact arrives',
  );
  expect(
    (engineEvents.find((e) => e.type === 'contactArrived')?.body as { queueId: string }).queueId,
  ).toBe('sales');
  await telephony.b2bua.hangUp(String(callId));
  expect((await call.done).code).toBe(0);
  await callerMedia.close();
}, 60_000);
