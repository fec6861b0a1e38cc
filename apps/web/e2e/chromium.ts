// Debian's Chromium, driven by playwright-core (which downloads no browser of its own). The
// end-to-end tests need it: without it they fail, loudly, rather than skip. `.ci/run` installs it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.RELAIS_CHROMIUM ?? '/usr/bin/chromium';

/** `extraArgs`: more Chromium flags (the softphone test adds the fake media device ones). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the web app's end-to-end tests need it ` +
        '(apt-get install -y chromium; .ci/run does this), or set RELAIS_CHROMIUM',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      ...extraArgs,
    ],
  });
}
