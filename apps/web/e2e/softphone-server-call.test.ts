// The browser test: `relais serve` with telephony on (SIP over UDP and WebSocket, a
// real rtpengine), the desktop's softphone (JsSIP in Chromium, fake media devices) registered
// over WebSocket as an agent's SIP user; a sipp caller dials a routing number, the engine offers
// the contact to that agent, the browser rings, the agent answers, and the contact is connected.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from './admin-client.ts';
import { launchChromium } from './chromium.ts';
import { scratchFolder, startRelais, type RunningRelais } from './relais-server.ts';
import { serveSoftphonePage, type SoftphonePage } from './softphone-bundle.ts';

const SCENARIOS = fileURLToPath(
  new URL('../../../packages/telephony/test-scenarios/', import.meta.url),
);
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** One second of a 440 Hz tone, 8 kHz 16-bit mono PCM: the music on hold. */
function toneWav(): Buffer {
  const samples = 8000;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), 44 + i * 2);
  return wav;
}

let relais: RunningRelais;
let page: SoftphonePage;
let browser: Browser;
let admin: AdminClient;
const data = scratchFolder('softphone-call');
let sipPort = 0;
let wsPort = 0;

beforeAll(async () => {
  const web = path.join(data.dir, 'web');
  const music = path.join(data.dir, 'hold.wav');
  mkdirSync(web);
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Relais</title>');
  writeFileSync(music, toneWav());
  sipPort = await freeUdpPort();
  wsPort = await freeUdpPort();
  relais = await startRelais(path.join(data.dir, 'db'), web, [
    '--sip-host',
    '127.0.0.1',
    '--sip-udp-port',
    String(sipPort),
    '--sip-tcp-port',
    'off',
    '--sip-ws-port',
    String(wsPort),
    '--hold-music',
    music,
    // A block of its own: the e2e files run side by side, each with an rtpengine.
    '--rtpengine-ports',
    mediaPortBlock(),
  ]);
  admin = new AdminClient(relais.url);
  await admin.signIn('admin', relais.adminPassword);
  await admin.call('POST', '/api/v1/sites', {
    id: 'rabat',
    city: 'Rabat',
    timeZone: 'Africa/Casablanca',
    positions: 5,
  });
  await admin.call('POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await admin.call('POST', '/api/v1/queues', {
    id: 'support',
    clientId: 'acme',
    channel: 'voice',
    skills: {},
    phoneNumbers: ['800100'],
    offerTimeoutSeconds: 30,
    wrapUp: { mode: 'manual' },
  });
  await admin.call('POST', '/api/v1/agents', {
    id: 'a7',
    siteId: 'rabat',
    skills: {},
    sipUser: 'agent-7',
    sipPassword: 'agent-7-sip-password',
  });
  page = await serveSoftphonePage();
  browser = await launchChromium(FAKE_MEDIA);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await relais?.stop();
  data.remove();
});

describe('the softphone answering a call through the server', () => {
  it('[TEL1][TEL2][SP4] registers over WebSocket as the agent, rings for the offer, answers: the contact is connected', async () => {
    const tab = await browser.newPage();
    await tab.goto(page.url);
    await tab.evaluate((config) => window.startSoftphone(config), {
      webSocketUrl: `ws://127.0.0.1:${wsPort}`,
      sipUri: 'sip:agent-7@127.0.0.1',
      password: 'agent-7-sip-password',
      displayName: 'Agent 7',
    });
    await tab.getByRole('status').filter({ hasText: 'Ready for calls' }).waitFor();
    await admin.call('POST', '/api/v1/agents/a7/login', {});
    await admin.call('PUT', '/api/v1/agents/a7/state', { state: 'available' });
    const sipp = spawn(
      'sipp',
      [
        '-sf',
        path.join(SCENARIOS, 'uac-caller-waits-bye.xml'),
        '-i',
        '127.0.0.1',
        '-p',
        '0',
        '-m',
        '1',
        '-nostdin',
        '-timeout',
        '40s',
        '-timeout_error',
        '-t',
        'u1',
        '-s',
        '800100',
        '-key',
        'rtp_port',
        String(await freeUdpPort()),
        '-d',
        '0',
        `127.0.0.1:${sipPort}`,
      ],
      { cwd: data.dir, stdio: 'ignore' },
    );
    const sippDone = new Promise<number | null>((resolve) => sipp.once('exit', resolve));
    try {
      await tab.getByRole('button', { name: /answer/i }).click({ timeout: 20_000 });
      await tab.waitForFunction(
        () => window.softphoneState()?.call?.state === 'active',
        undefined,
        { timeout: 20_000 },
      );
      const status = (await admin.call('GET', '/api/v1/agents/a7/status')) as {
        contacts?: Array<{ contactId: string; state?: string }>;
      };
      const [contact] = status.contacts ?? [];
      expect(contact?.contactId).toMatch(/^call-/);
      await admin.call('POST', '/api/v1/agents/a7/complete', { contactId: contact?.contactId });
      expect(await sippDone).toBe(0); // the caller got the BYE
    } finally {
      sipp.kill('SIGKILL');
      await tab.close();
    }
  }, 120_000);
});

/** 100 media ports at random below Linux's ephemeral range (25 calls: more than a test needs). */
function mediaPortBlock(): string {
  const min = 20_000 + 100 * Math.floor(Math.random() * 127);
  return `${min}-${min + 99}`;
}
