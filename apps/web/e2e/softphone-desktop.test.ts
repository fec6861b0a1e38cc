// The desktop softphone, end to end: `relais serve` with telephony (SIP over UDP and
// WebSocket, a real rtpengine), an agent signs in to the real desktop in Chromium (fake media
// devices); the phone card registers by itself with the credential the server gives; a sipp
// caller dials the queue's routing number, the agent answers in the card, RTP flows both ways
// (counted by the caller's socket and the page's getStats), the agent holds (the caller hears
// music) and resumes from the desktop (the phone accepts the re-INVITE, RTP flows both ways again),
// and hangs up.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from './admin-client.ts';
import { CallerMedia } from './caller-media.ts';
import { launchChromium } from './chromium.ts';
import { buildWebApp, scratchFolder, startRelais, type RunningRelais } from './relais-server.ts';
import { SHOTS, signInPage } from './stage.ts';

const SCENARIOS = fileURLToPath(
  new URL('../../../packages/telephony/test-scenarios/', import.meta.url),
);
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
const AGENT = { username: 'agent.a7', password: 'a7-desktop-password-1' };
const SIP_PASSWORD = 'agent-7-stored-sip-password';
const AGENT8 = { username: 'agent.a8', password: 'a8-desktop-password-1' };

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

/** Before the app loads: every peer connection is kept, so the test can read its RTP stats. */
function keepPeerConnections(): void {
  const kept: RTCPeerConnection[] = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      kept.push(this);
    }
  };
  (window as unknown as { rtpCounts: () => Promise<object> }).rtpCounts = async () => {
    let received = 0;
    let sent = 0;
    for (const connection of kept) {
      (await connection.getStats()).forEach(
        (entry: { type: string; packetsReceived?: number; packetsSent?: number }) => {
          if (entry.type === 'inbound-rtp') received += entry.packetsReceived ?? 0;
          if (entry.type === 'outbound-rtp') sent += entry.packetsSent ?? 0;
        },
      );
    }
    return { received, sent };
  };
}

const rtpCounts = (page: Page): Promise<{ received: number; sent: number }> =>
  page.evaluate(() =>
    (
      window as unknown as { rtpCounts: () => Promise<{ received: number; sent: number }> }
    ).rtpCounts(),
  );

/** A sipp caller dials the queue's routing number and waits for Relais's BYE. */
function callTheQueue(rtpPort: number): ChildProcess {
  return spawn(
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
      '60s',
      '-timeout_error',
      '-t',
      'u1',
      '-s',
      '800100',
      '-key',
      'rtp_port',
      String(rtpPort),
      `127.0.0.1:${sipPort}`,
    ],
    { cwd: data.dir, stdio: 'ignore' },
  );
}

/** DTMF events the B2BUA has reported, from the server's metrics. */
async function dtmfEvents(): Promise<number> {
  const text = await (await fetch(`${relais.url}/metrics`)).text();
  const line = /^relais_sip_call_events_total\{type="dtmf"\} (\d+)$/m.exec(text);
  return Number(line?.[1] ?? 0);
}

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

let relais: RunningRelais;
let browser: Browser;
let admin: AdminClient;
const data = scratchFolder('softphone-desktop');
let sipPort = 0;
let wsPort = 0;

beforeAll(async () => {
  const web = path.join(data.dir, 'web');
  const music = path.join(data.dir, 'hold.wav');
  writeFileSync(music, toneWav());
  mkdirSync(SHOTS, { recursive: true });
  await buildWebApp(web);
  sipPort = await freeUdpPort();
  relais = await startRelais(path.join(data.dir, 'db'), web, [
    '--sip-host',
    '127.0.0.1',
    '--sip-udp-port',
    String(sipPort),
    '--sip-tcp-port',
    'off',
    '--sip-ws-port',
    String((wsPort = await freeUdpPort())),
    '--hold-music',
    music,
    // A block of its own: the e2e files run side by side, each with an rtpengine.
    '--rtpengine-ports',
    mediaPortBlock(),
  ]);
  admin = new AdminClient(relais.url);
  await admin.signIn('admin', relais.adminPassword);
  const configure = async (kind: string, row: object): Promise<unknown> =>
    admin.call('POST', `/api/v1/${kind}`, row);
  await configure('sites', {
    id: 'rabat',
    city: 'Rabat',
    timeZone: 'Africa/Casablanca',
    positions: 5,
  });
  await configure('clients', { id: 'acme', name: 'Acme' });
  await configure('queues', {
    id: 'support',
    clientId: 'acme',
    channel: 'voice',
    skills: {},
    phoneNumbers: ['800100'],
    offerTimeoutSeconds: 30,
    wrapUp: { mode: 'manual' },
  });
  await configure('agents', {
    id: 'a7',
    siteId: 'rabat',
    skills: {},
    sipUser: 'agent-7',
    sipPassword: SIP_PASSWORD,
  });
  await configure('users', { ...AGENT, role: 'agent', scope: { agentId: 'a7' } });
  await configure('agents', {
    id: 'a8',
    siteId: 'rabat',
    skills: {},
    sipUser: 'agent-8',
    sipPassword: `${SIP_PASSWORD}-8`,
  });
  await configure('users', { ...AGENT8, role: 'agent', scope: { agentId: 'a8' } });
  browser = await launchChromium(FAKE_MEDIA);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await relais?.stop();
  data.remove();
});

describe('the softphone in the agent desktop', () => {
  it('[SPD6][SPD7] registers by itself with the server’s credential, rings for a sipp caller, answers from the card with RTP both ways, holds and resumes from the desktop, hangs up', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.addInitScript(keepPeerConnections);
    const credentials: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/softphone-credential'))
        credentials.push(String(response.status()));
    });
    // A blocked WebSocket (content security policy) or a script error shows here.
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // Expected: the session probe before sign-in (401).
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        problems.push(message.text());
    });
    const media = await CallerMedia.open();
    let sipp: ChildProcess | undefined;
    try {
      await page.goto(relais.url);
      await signInPage(page, AGENT.username, AGENT.password);
      const card = page.getByRole('region', { name: 'Téléphone' });
      await card.getByRole('status').filter({ hasText: 'Prêt à recevoir des appels' }).waitFor();
      expect(credentials).toEqual(['200']);
      await page.getByLabel('Mon état').selectOption('available');
      await page.getByText('En attente d’un contact.').waitFor();

      sipp = callTheQueue(media.port);
      const sippDone = new Promise<number | null>((resolve) => sipp?.once('exit', resolve));
      // The offer reaches the desktop and the card rings with the caller.
      await page.getByRole('region', { name: 'Contact entrant' }).waitFor({ timeout: 30_000 });
      await card.getByText(/^Appel entrant de /).waitFor({ timeout: 30_000 });
      await shoot(page, 'agent-softphone-ringing-fr');
      await card.getByRole('button', { name: 'Répondre' }).click();
      await card.getByText(/^En communication avec /).waitFor({ timeout: 20_000 });
      await page.getByRole('region', { name: 'En communication' }).waitFor();
      const status = (await admin.call('GET', '/api/v1/agents/a7/status')) as {
        contacts?: Array<{ contactId: string }>;
      };
      expect(status.contacts?.[0]?.contactId).toMatch(/^call-/);
      // RTP both ways: the caller's packets reach the browser, the browser's reach the caller.
      const heardBefore = media.received;
      await expect
        .poll(async () => (await rtpCounts(page)).received, { timeout: 20_000 })
        .toBeGreaterThan(100);
      await expect
        .poll(() => media.received - heardBefore, { timeout: 20_000 })
        .toBeGreaterThan(100);
      expect((await rtpCounts(page)).sent).toBeGreaterThan(100);
      // The keypad's digits reach the B2BUA as SIP INFO (its events are counted in /metrics).
      const keypad = card.getByRole('group', { name: 'Clavier' });
      await keypad.getByRole('button', { name: '5', exact: true }).click();
      await keypad.getByRole('button', { name: '#', exact: true }).click();
      await expect.poll(() => dtmfEvents(), { timeout: 20_000 }).toBe(2);
      // The desktop's Hold puts the caller on music (the contact held); Alt+H resumes: the server
      // re-INVITEs this browser's phone, which accepts it (the contact connected).
      const contactId = status.contacts?.[0]?.contactId ?? '';
      const conversation = page.getByRole('region', { name: 'En communication' });
      await conversation.getByRole('button', { name: /Mettre en attente/ }).click();
      await conversation.getByText(/^En attente depuis /).waitFor();
      expect(await admin.call('GET', `/api/v1/contacts/${contactId}`)).toMatchObject({
        state: 'held',
      });
      const onMusic = media.received;
      await expect.poll(() => media.received - onMusic, { timeout: 20_000 }).toBeGreaterThan(50);
      await shoot(page, 'agent-softphone-hold-fr');
      await page.keyboard.press('Alt+H');
      await conversation
        .getByRole('button', { name: /Mettre en attente/ })
        .waitFor({ timeout: 20_000 });
      expect(await admin.call('GET', `/api/v1/contacts/${contactId}`)).toMatchObject({
        state: 'connected',
      });
      // RTP both ways again after the resume (MED21): the browser kept its DTLS-SRTP session.
      const resumed = { page: await rtpCounts(page), caller: media.received };
      await expect
        .poll(async () => (await rtpCounts(page)).received - resumed.page.received, {
          timeout: 20_000,
        })
        .toBeGreaterThan(100);
      await expect
        .poll(() => media.received - resumed.caller, { timeout: 20_000 })
        .toBeGreaterThan(100);
      expect((await rtpCounts(page)).sent - resumed.page.sent).toBeGreaterThan(100);
      await card.getByRole('button', { name: 'Couper le micro' }).click();
      await card.getByText("Micro coupé : l'appelant ne vous entend pas").waitFor();
      await shoot(page, 'agent-softphone-call-fr');

      await card.getByRole('button', { name: 'Raccrocher' }).click();
      expect(await sippDone).toBe(0); // the caller got the BYE
      await card.getByRole('status').filter({ hasText: 'Prêt à recevoir des appels' }).waitFor();
      await page.getByRole('region', { name: 'Post-appel' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      sipp?.kill('SIGKILL');
      await media.close();
      await context.close();
    }
  }, 150_000);

  it('[SPD5] says in French when the SIP WebSocket drops, and registers again on "Réessayer maintenant"', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    // The SIP WebSocket goes through this route, which can cut it. While the network is down,
    // a new socket opens on the page side only and nothing answers: JsSIP's own retry then waits
    // on it, so only the card's button can register the phone again.
    let networkUp = true;
    let deadSockets = 0;
    const sockets = new Set<WebSocketRoute>();
    await page.routeWebSocket(`ws://127.0.0.1:${wsPort}/`, (socket) => {
      if (!networkUp) {
        deadSockets += 1;
        return;
      }
      socket.connectToServer();
      sockets.add(socket);
      socket.onClose(() => sockets.delete(socket));
    });
    try {
      await page.goto(relais.url);
      await signInPage(page, AGENT.username, AGENT.password);
      const card = page.getByRole('region', { name: 'Téléphone' });
      await card.getByRole('status').filter({ hasText: 'Prêt à recevoir des appels' }).waitFor();
      networkUp = false;
      for (const socket of sockets) await socket.close();
      await card
        .getByRole('alert')
        .filter({ hasText: /^Connexion au serveur téléphonique perdue/ })
        .waitFor();
      // JsSIP reports the registration gone as well: not connected, trying again by itself.
      expect(await card.getByRole('status').textContent()).toBe('Non connecté');
      await expect.poll(() => deadSockets, { timeout: 60_000 }).toBeGreaterThan(0);
      await card.getByRole('alert').waitFor();
      networkUp = true;
      await card.getByRole('button', { name: 'Réessayer maintenant' }).click();
      await card.getByRole('status').filter({ hasText: 'Prêt à recevoir des appels' }).waitFor();
      expect(await card.getByRole('alert').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('[SPD5] says in French how to allow the microphone when the browser refuses it', async () => {
    // Fake devices, and every permission prompt answered "no", as an agent who refuses it.
    const refusing = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--deny-permission-prompts',
    ]);
    const page = await refusing.newPage({ locale: 'fr-FR' });
    const media = await CallerMedia.open();
    let sipp: ChildProcess | undefined;
    try {
      await page.goto(relais.url);
      await signInPage(page, AGENT8.username, AGENT8.password);
      const card = page.getByRole('region', { name: 'Téléphone' });
      await card.getByRole('status').filter({ hasText: 'Prêt à recevoir des appels' }).waitFor();
      await page.getByLabel('Mon état').selectOption('available');
      await page.getByText('En attente d’un contact.').waitFor();
      sipp = callTheQueue(media.port);
      await card.getByRole('button', { name: 'Répondre' }).click({ timeout: 30_000 });
      // The offer goes back to the queue and may ring this agent again: the words stay.
      await card
        .getByRole('alert')
        .filter({
          hasText:
            /^Le navigateur a refusé le micro, l'appel n'a pas pu être pris : autorisez le micro/,
        })
        .waitFor({ timeout: 20_000 });
      expect(await card.getByText(/^En communication/).count()).toBe(0);
      await card.getByRole('button', { name: 'Compris' }).click();
      await card.getByRole('button', { name: 'Compris' }).waitFor({ state: 'detached' });
    } finally {
      sipp?.kill('SIGKILL');
      await media.close();
      await refusing.close();
    }
  });
});

/** 100 media ports at random below Linux's ephemeral range (25 calls: more than a test needs). */
function mediaPortBlock(): string {
  const min = 20_000 + 100 * Math.floor(Math.random() * 127);
  return `${min}-${min + 99}`;
}
