// The scene every browser test starts from: the app built, `relais serve` on a fresh SQLite
// database, the administrator's API client signed in, and Debian's Chromium. One call sets it up,
// one tears it down, so each test file holds only what it is about.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { AdminClient } from './admin-client.ts';
import { launchChromium } from './chromium.ts';
import { buildWebApp, scratchFolder, startRelais, type RunningRelais } from './relais-server.ts';

/** Where the browser tests leave their screenshots (the README's gallery reads them). */
export const SHOTS = fileURLToPath(new URL('../screenshots', import.meta.url));

export interface E2eStage {
  readonly relais: RunningRelais;
  readonly admin: AdminClient;
  readonly browser: Browser;
  /** A scratch folder for the test's own files, removed with the stage. */
  readonly dir: string;
  /** The server's data folder (its SQLite database). */
  readonly dataDir: string;
  close(): Promise<void>;
}

/** `serveArgs`: more `relais serve` flags (a training clock, the simulated called party). */
export async function openStage(
  name: string,
  serveArgs: readonly string[] = [],
): Promise<E2eStage> {
  mkdirSync(SHOTS, { recursive: true });
  const scratch = scratchFolder(name);
  const web = path.join(scratch.dir, 'web');
  const dataDir = path.join(scratch.dir, 'data');
  let relais: RunningRelais | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await relais?.stop();
    scratch.remove();
  };
  try {
    await buildWebApp(web);
    relais = await startRelais(dataDir, web, serveArgs);
    const admin = new AdminClient(relais.url);
    await admin.signIn('admin', relais.adminPassword);
    browser = await launchChromium();
    return { relais, admin, browser, dir: scratch.dir, dataDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs in on the sign-in page, in French or English. */
export async function signInPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(/^(Identifiant|Username)$/).fill(username);
  await page.getByLabel(/^(Mot de passe|Password)$/).fill(password);
  await page.keyboard.press('Enter');
}
