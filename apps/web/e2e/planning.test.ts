// End to end, in Chromium against `relais serve`: four weeks of call history are imported with
// `relais import-history`, then a planner signs in and lands on the planning page, sees the
// forecast day's charts and table, computes an Erlang result (and is told of a bad value next
// to its field), starts a what-if run, sees its progress and then the achieved service level
// beside the predicted one. Screenshots go to apps/web/screenshots/.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';

const RELAIS = fileURLToPath(new URL('../../cli/bin/relais.js', import.meta.url));
const PLANNER = { username: 'planner.rabat', password: 'rabat-planner-password' };
// Paris, not Casablanca: Debian's Chromium 156 reads Africa/Casablanca as UTC+0 in November 2026
// where Node (and Morocco) say UTC+1, so between 23:00 and 24:00 UTC the page's dates, computed
// in the browser, and the test's, computed here, fell on different days. Paris agrees in both.
const ZONE = 'Europe/Paris';

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

/** "YYYY-MM-DD" of today + `days` in the site's zone (the page plans tomorrow by default). */
function localDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(Date.now());
  const [y = 1970, m = 1, d = 1] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 28 days up to today: 20 calls per half hour from 09:00 to 12:00, 3 minutes each. */
function historyCsv(): string {
  const lines = ['arrival,queue,wait,handle,outcome'];
  for (let day = -27; day <= 0; day++) {
    const date = localDate(day);
    for (let k = 0; k < 120; k++) {
      const seconds = 9 * 3600 + k * 90;
      const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
      const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
      const ss = String(seconds % 60).padStart(2, '0');
      lines.push(`${date} ${hh}:${mm}:${ss},orbitel.fr,8,180,answered`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function setTheScene(dataDir: string): Promise<void> {
  const configure = async (kind: string, rows: object[]): Promise<void> => {
    for (const row of rows) await admin.call('POST', `/api/v1/${kind}`, row);
  };
  await configure('sites', [{ id: 'rabat', city: 'Rabat', timeZone: ZONE, positions: 120 }]);
  await configure('skills', [{ id: 'fr', kind: 'language' }]);
  await configure('clients', [{ id: 'orbitel', name: 'Orbitel' }]);
  await configure('queues', [
    {
      id: 'orbitel.fr',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5 },
      serviceLevel: { target: 0.8, thresholdSeconds: 20 },
    },
  ]);
  await configure('agents', [
    { id: 'rabat-01', siteId: 'rabat', skills: { fr: 8 } },
    { id: 'rabat-02', siteId: 'rabat', skills: { fr: 6 } },
  ]);
  await configure('users', [{ ...PLANNER, role: 'planner', scope: {} }]);
  const file = path.join(stage.dir, 'history.csv');
  writeFileSync(file, historyCsv());
  await promisify(execFile)(process.execPath, [
    RELAIS,
    'import-history',
    file,
    '--format',
    'csv',
    '--map',
    'arrival=arrival,queue=queue,wait=wait,handle=handle,outcome=outcome',
    '--zone',
    ZONE,
    '--data',
    dataDir,
  ]);
}

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  stage = await openStage('e2e-planning');
  ({ relais, admin, browser } = stage);
  await setTheScene(stage.dataDir);
});

afterAll(() => stage?.close());

describe('the planning page in Chromium', () => {
  it('takes a planner from sign-in to the forecast, an Erlang result and a what-if run', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of (401|400)/.test(message.text()))
        problems.push(message.text());
    });
    await page.goto(relais.url);
    await signInPage(page, PLANNER.username, PLANNER.password);

    // The planner's home is the planning page.
    await page.getByRole('heading', { name: 'Planification', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/planning');
    const settings = page.getByRole('form', { name: 'File, jour et objectifs' });
    expect(await settings.getByLabel('Jour').inputValue()).toBe(localDate(1));
    await settings.getByRole('button', { name: 'Afficher la prévision' }).click();
    const table = page.getByRole('table', { name: /Prévision et positions par intervalle/ });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await rows.first().locator('th').textContent()).toBe('09:00');
    // Required positions for about 20 contacts of 180 s per half hour, 80/20, 30 % shrinkage.
    const required = Number(await rows.first().locator('td').nth(3).textContent());
    expect(required).toBeGreaterThan(2);
    // uPlot drew both charts.
    expect(await page.locator('.planning-chart canvas').count()).toBeGreaterThanOrEqual(2);
    await shoot(page, 'planning');

    // The Erlang calculator: a bad value is refused next to its field; then the result is the
    // API's.
    const calculator = page.getByRole('region', { name: 'Calculateur Erlang' });
    const aht = calculator.getByLabel('Durée moyenne de traitement (s)');
    await aht.fill('0');
    await calculator.getByRole('button', { name: 'Calculer' }).click();
    await calculator.getByText('Saisissez une durée de traitement supérieure à 0').waitFor();
    expect(await aht.getAttribute('aria-invalid')).toBe('true');
    await aht.fill('180');
    await calculator.getByRole('button', { name: 'Calculer' }).click();
    await calculator.getByTestId('erlang-agents').waitFor();
    expect(await aht.getAttribute('aria-invalid')).toBeNull();
    const expected = (await admin.call('POST', '/api/v1/planning/erlang', {
      callsPerInterval: 100,
      ahtSeconds: 180,
      intervalMinutes: 30,
      serviceLevelTarget: 0.8,
      thresholdSeconds: 20,
      shrinkage: 0.3,
    })) as { agents: number; positions: number };
    expect(await calculator.getByTestId('erlang-agents').textContent()).toBe(
      String(expected.agents),
    );
    expect(await calculator.getByTestId('erlang-positions').textContent()).toBe(
      String(expected.positions),
    );

    // The what-if run: progress, then the achieved service level beside the predicted one.
    const whatIf = page.getByRole('region', { name: 'Simulation « et si »' });
    await whatIf.getByRole('button', { name: 'Lancer la simulation' }).click();
    const bar = whatIf.getByRole('progressbar', { name: 'Avancement de la simulation' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuemax')).toBe('100');
    const result = whatIf.getByRole('table', { name: /Résultat de la simulation/ });
    await result.waitFor({ timeout: 60_000 });
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    const resultRows = result.locator('tbody tr');
    expect(await resultRows.count()).toBe(6);
    const cells = await resultRows.first().locator('td').allTextContents();
    const percent = (text: string | undefined): number =>
      Number((text ?? '').replace(/[\s %]/g, '').replace(',', '.'));
    expect(percent(cells[2])).toBeGreaterThanOrEqual(80); // predicted, at the required agents
    expect(percent(cells[3])).toBeGreaterThan(0); // achieved on the simulator
    await whatIf.getByText(/obtenu contre .* prévu/).waitFor();
    expect(await page.locator('#chart-what-if-title').count()).toBe(1);
    await shoot(page, 'planning-what-if');

    // The same page in English.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Planning', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Erlang calculator' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
