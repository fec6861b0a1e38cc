// End to end, in Chromium with fake media devices: the agent desktop's softphone (JsSIP, the
// SoftphonePanel) registers over WebSocket to Relais's SIP endpoint and registrar (the
// telephony package's dev registrar, a child process) with digest authentication; the
// registrar holds the binding on the browser's connection and loses it when the page goes
// away. A wrong password shows the error state.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { DevRegistrar } from './dev-registrar.ts';
import { serveSoftphonePage, type SoftphonePage } from './softphone-bundle.ts';

const AOR = 'sip:agent-7@relais.example.com';
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

let registrar: DevRegistrar;
let wsUrl: string;
let page: SoftphonePage;
let browser: Browser;

beforeAll(async () => {
  // The default digest order, SHA-256 then MD5: JsSIP answers only MD5, and reads the last challenge.
  ({ registrar, wsUrl } = await DevRegistrar.start([
    '--user=agent-7:agent-7-sip-password',
    '--realm=relais.example.com',
  ]));
  page = await serveSoftphonePage();
  browser = await launchChromium(FAKE_MEDIA);
});

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await registrar?.stop();
});

async function openSoftphone(password: string): Promise<Page> {
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.evaluate((config) => window.startSoftphone(config), {
    webSocketUrl: wsUrl,
    sipUri: AOR,
    password,
    displayName: 'Agent 7',
  });
  return tab;
}

const outcomes = (from: number) =>
  registrar.lines
    .slice(from)
    .filter((l) => l.register !== undefined)
    .map(
      (l) => `${l.register!.status}${l.register!.reason === null ? '' : ` ${l.register!.reason}`}`,
    );

describe('the softphone in Chromium', () => {
  it('[SP4][WS5][REG8] registers over WebSocket with digest auth; the registrar shows the binding on its connection', async () => {
    const from = registrar.lines.length;
    const tab = await openSoftphone('agent-7-sip-password');
    const status = tab.getByRole('status');
    await status.filter({ hasText: 'Ready for calls' }).waitFor();
    expect(await status.getAttribute('data-registration')).toBe('registered');
    expect(outcomes(from)).toEqual(['401 missing', '200']);
    const { bindings } = await registrar.waitFor((l) => l.bindings !== undefined, from);
    expect(bindings?.aor).toBe(AOR);
    const [binding] = bindings!.contacts;
    expect(binding).toMatchObject({
      username: 'agent-7',
      destination: { protocol: 'ws', address: '127.0.0.1' },
    });
    expect(binding?.destination).toEqual(binding?.flow);
    expect(binding?.uri).toMatch(/^sip:[^@]+@[^;]+\.invalid;transport=ws$/);
    expect(binding?.instance).toMatch(/^<urn:uuid:[0-9a-f-]+>$/);
    expect(binding?.expiresIn).toBeGreaterThan(500);
    const closedFrom = registrar.lines.length;
    await tab.close();
    // The page's WebSocket closed: the binding can no longer be reached and is gone.
    const gone = await registrar.waitFor((l) => l.bindings !== undefined, closedFrom);
    expect(gone.bindings).toEqual({ aor: AOR, contacts: [] });
  });

  it('[SP4][REG1] shows the error state when the password is wrong, and registers nothing', async () => {
    const from = registrar.lines.length;
    const tab = await openSoftphone('not-the-password');
    const status = tab.getByRole('status');
    await status.filter({ hasText: 'Not connected:' }).waitFor();
    expect(await status.textContent()).toBe(
      'Not connected: the server refused the phone credentials',
    );
    expect(await status.getAttribute('data-registration')).toBe('error');
    expect(outcomes(from)).toEqual(['401 missing', '401 wrong-response']);
    expect(registrar.lines.slice(from).some((l) => l.bindings !== undefined)).toBe(false);
    await tab.close();
  });
});
