// End to end, in Chromium against `relais serve --demo --speed 60` (what `npm start` runs, sped
// up): the demo supervisor sees the demo bar and the queues filling, changes the speed and
// pauses the day; the demo agent sees the bar without its controls. Screenshots go to
// apps/web/screenshots/.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { buildWebApp, scratchFolder } from './relais-server.ts';

const SHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));
const RELAIS = fileURLToPath(new URL('../../cli/bin/relais.js', import.meta.url));

let scratch: ReturnType<typeof scratchFolder>;
let child: ChildProcess;
let exited: Promise<void>;
let url: string;
let logins: Map<string, string>;
let browser: Browser;

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/Identifiant|Username/).fill(username);
  await page.getByLabel(/Mot de passe|Password/).fill(logins.get(username) ?? '');
  await page.keyboard.press('Enter');
}

/** The demo as the admin reads it through the API. */
async function demoStatus(): Promise<{ speed: number; paused: boolean }> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo.admin', password: logins.get('demo.admin') }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const reply = await fetch(`${url}/api/v1/demo`, { headers: { cookie } });
  return (await reply.json()) as { speed: number; paused: boolean };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  scratch = scratchFolder('e2e-demo');
  const web = path.join(scratch.dir, 'web');
  await buildWebApp(web);
  child = spawn(
    process.execPath,
    [
      RELAIS,
      'serve',
      '--data',
      path.join(scratch.dir, 'data'),
      '--port',
      '0',
      '--web',
      web,
      '--demo',
      '--speed',
      '60',
      '--history-weeks',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => {
      if (output.includes('relais: demo day')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`relais serve exited (${code}):\n${output}`)));
  });
  url = /serving on (http:\/\/[^\s]+) /.exec(output)?.[1] ?? '';
  logins = new Map(
    [...output.matchAll(/^ {2}(demo\.\w+)\s+(\S+)/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  child?.kill('SIGTERM');
  await exited;
  scratch?.remove();
});

describe('the demo in the browser', () => {
  it('shows the supervisor the simulated day, and lets them change its speed and pause it', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // The session probe before sign-in answers 401; nothing else may fail.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        problems.push(message.text());
    });
    await signIn(page, 'demo.supervisor');
    const bar = page.getByRole('group', { name: 'Démo' });
    await bar.getByText(/Démo — heure simulée \d\d:\d\d, vitesse 60×/).waitFor();
    await bar.getByText(/agents simulés en poste/).waitFor();
    // The queues of the Casablanca site, with calls offered by the simulated day.
    await page.getByRole('rowheader', { name: 'orbitel.billing.fr' }).waitFor();
    await shoot(page, 'demo-supervisor-fr');

    await bar.getByLabel('Vitesse').selectOption('5');
    await bar.getByText(/vitesse 5×/).waitFor();
    await bar.getByRole('button', { name: 'Pause' }).click();
    await bar.getByRole('button', { name: 'Reprendre' }).waitFor();
    await bar.getByText(/en pause/).waitFor();
    expect(await demoStatus()).toMatchObject({ speed: 5, paused: true });
    await shoot(page, 'demo-paused-fr');
    await bar.getByRole('button', { name: 'Reprendre' }).click();
    await bar.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await demoStatus()).toMatchObject({ speed: 5, paused: false });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the agent the simulated time, in English, without the controls', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await signIn(page, 'demo.agent');
    const bar = page.getByRole('group', { name: 'Demo' });
    await bar.getByText(/Demo — simulated time \d\d:\d\d, speed \d+×/).waitFor();
    expect(await bar.getByRole('combobox').count()).toBe(0);
    expect(await bar.getByRole('button').count()).toBe(0);
    await shoot(page, 'demo-agent-en');
    await context.close();
  });
});
