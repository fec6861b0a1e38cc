// End to end, in Chromium with fake media devices: a sipp caller dials the agent's user; the
// telephony package's dev registrar, run with its development call relay (not the B2BUA: it
// rings the registered browser with media through rtpengine, WebRTC on the browser's side),
// rings the softphone; the agent answers from the panel, RTP flows into and out of the browser,
// and the caller's BYE ends the call in the panel.
import { createSocket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { DevRegistrar } from './dev-registrar.ts';
import { callWithSipp } from './sipp-caller.ts';
import { serveSoftphonePage, type SoftphonePage } from './softphone-bundle.ts';

const AOR = 'sip:agent-7@relais.example.com';
const FLAGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // Plain host candidates instead of mDNS names, for rtpengine on loopback.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

let registrar: DevRegistrar;
let wsUrl: string;
let udpTarget: string;
let page: SoftphonePage;
let browser: Browser;

beforeAll(async () => {
  ({ registrar, wsUrl, udpTarget } = await DevRegistrar.start([
    '--user=agent-7:agent-7-sip-password',
    '--realm=relais.example.com',
    '--relay-calls',
  ]));
  page = await serveSoftphonePage();
  browser = await launchChromium(FLAGS);
});

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await registrar?.stop();
});

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function registeredSoftphone(): Promise<Page> {
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.evaluate((config) => window.startSoftphone(config), {
    webSocketUrl: wsUrl,
    sipUri: AOR,
    password: 'agent-7-sip-password',
    displayName: 'Agent 7',
  });
  await tab.getByRole('status').filter({ hasText: 'Ready for calls' }).waitFor();
  return tab;
}

describe('a call to the softphone in Chromium', () => {
  it('[SP5][SP2][WS5] rings the registered browser, the agent answers, RTP flows both ways, the caller hangs up', async () => {
    const tab = await registeredSoftphone();
    const from = registrar.lines.length;
    const caller = callWithSipp('uac-call-pcap-bye.xml', 'agent-7', udpTarget, await freeUdpPort());
    const ringing = tab.getByText('Incoming call from Customer');
    await ringing.waitFor();
    await tab.getByRole('button', { name: 'Answer' }).click();
    await tab.getByText('On a call with Customer').waitFor();
    const answered = await registrar.waitFor((l) => l.call?.result === 'answered', from);
    expect(answered.call?.result).toBe('answered');
    // The caller's PCMA reaches the browser through rtpengine; the fake microphone goes back.
    // (Counted while the call is up: the caller hangs up 10 s after the answer.)
    let counts = { received: 0, sent: 0 };
    while (counts.received < 100 || counts.sent < 100) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      counts = await tab.evaluate(() => window.rtpCounts());
      if (registrar.lines.slice(from).some((l) => l.call?.result === 'ended')) break;
    }
    expect(counts.received).toBeGreaterThanOrEqual(100);
    expect(counts.sent).toBeGreaterThanOrEqual(100);
    expect(await tab.evaluate(() => window.remoteAudioLive())).toBe(true);
    const { code, output } = await caller;
    expect(code, output).toBe(0);
    const ended = await registrar.waitFor((l) => l.call?.result === 'ended', from);
    expect(ended.call?.byeStatus).toBe(200);
    await tab.getByRole('status').filter({ hasText: 'Ready for calls' }).waitFor();
    expect(await tab.getByRole('button', { name: 'Hang up' }).count()).toBe(0);
    await tab.close();
  });
});
