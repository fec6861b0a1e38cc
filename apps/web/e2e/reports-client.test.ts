// End to end, in Chromium against `relais serve`: contacts answered, completed and abandoned
// through the REST API on two clients' queues; a planner opens the reports (charts, tables, the
// formulas) and downloads the CSV; a client viewer of one client lands on the client portal, sees
// that client's queues only and cannot reach the other client's queue, neither in the app nor
// through the API. French and English. Screenshots go to apps/web/screenshots/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';

const PLANNER = { username: 'planner.casa', password: 'casa-planner-password-1' };
const VIEWER = { username: 'viewer.orbitel', password: 'orbitel-viewer-password-1' };
// Paris, not Casablanca: Debian's Chromium 156 reads Africa/Casablanca as UTC+0 in November 2026
// where Node (and Morocco) say UTC+1, so between 23:00 and 24:00 UTC the page's "today" (the
// browser's) and the server's fell on different days. Paris agrees in both.
const ZONE = 'Europe/Paris';

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

async function setTheScene(): Promise<void> {
  const configure = async (kind: string, rows: object[]): Promise<void> => {
    for (const row of rows) await admin.call('POST', `/api/v1/${kind}`, row);
  };
  await configure('sites', [{ id: 'casa', city: 'Casablanca', timeZone: ZONE, positions: 300 }]);
  await configure('skills', [{ id: 'fr', kind: 'language' }]);
  await configure('clients', [
    { id: 'orbitel', name: 'Orbitel' },
    { id: 'voltea', name: 'Voltéa' },
  ]);
  const queue = (id: string, clientId: string) => ({
    id,
    clientId,
    channel: 'voice',
    skills: { fr: 1 },
    offerTimeoutSeconds: 3600,
    wrapUp: { mode: 'manual' },
    serviceLevel: { thresholdSeconds: 20, target: 0.8 },
  });
  await configure('queues', [queue('orbitel.fr', 'orbitel'), queue('voltea.fr', 'voltea')]);
  await configure('agents', [{ id: 'casa-01', name: 'Amina', siteId: 'casa', skills: { fr: 5 } }]);
  await configure('pause-codes', [{ id: 'brief', label: 'Briefing' }]);
  await configure('users', [
    { ...PLANNER, role: 'planner', scope: {} },
    { ...VIEWER, role: 'clientViewer', scope: { clientId: 'orbitel' } },
  ]);
}

/** One contact answered by casa-01, talked to, completed and wrapped up. */
async function handled(queueId: string): Promise<void> {
  const { id } = (await admin.call('POST', '/api/v1/contacts', { queueId })) as { id: string };
  await admin.call('POST', '/api/v1/agents/casa-01/accept', { contactId: id });
  await admin.call('POST', '/api/v1/agents/casa-01/complete', { contactId: id });
  await admin.call('POST', '/api/v1/agents/casa-01/end-wrap-up', { contactId: id });
}

async function makeContacts(): Promise<void> {
  await admin.call('POST', '/api/v1/agents/casa-01/login', {});
  await admin.call('PUT', '/api/v1/agents/casa-01/state', { state: 'available' });
  for (let i = 0; i < 3; i++) await handled('orbitel.fr');
  for (let i = 0; i < 2; i++) await handled('voltea.fr');
  // With the agent paused, one contact waits and is abandoned.
  await admin.call('PUT', '/api/v1/agents/casa-01/state', { state: 'paused', reason: 'brief' });
  const { id } = (await admin.call('POST', '/api/v1/contacts', { queueId: 'orbitel.fr' })) as {
    id: string;
  };
  await admin.call('POST', `/api/v1/contacts/${id}/abandon`, {});
}

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function newPage(
  locale: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    locale,
    timezoneId: ZONE,
    acceptDownloads: true,
    viewport: { width: 1360, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // 401 before signing in, and the refusals this test provokes on purpose.
    if (message.type() === 'error' && !/status of (401|403|404)/.test(message.text()))
      problems.push(message.text());
  });
  return { context, page, problems };
}

beforeAll(async () => {
  stage = await openStage('e2e-reports');
  ({ relais, admin, browser } = stage);
  await setTheScene();
  await makeContacts();
});

afterAll(() => stage?.close());

describe('reports and the client portal in Chromium', () => {
  it('a planner reads the reports (charts, tables, formulas) in English and French, and downloads the CSV', async () => {
    const { context, page, problems } = await newPage('en-GB');
    await page.goto(`${relais.url}/reports`);
    await signInPage(page, PLANNER.username, PLANNER.password);
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports');
    await page.getByText(`Times in ${ZONE} (the site’s time zone)`).waitFor();
    // Three uPlot charts, drawn on canvas, each named by its caption.
    await page.locator('[data-chart] canvas').first().waitFor();
    expect(await page.locator('[data-chart]').count()).toBe(3);
    expect(await page.locator('[data-chart] canvas').count()).toBeGreaterThanOrEqual(3);
    await page
      .getByRole('img', { name: 'Service level per interval against the target (80%, dashed)' })
      .waitFor();
    const totals = page.getByRole('table', { name: 'Totals for the range, per Queue' });
    const cells = async (name: string) =>
      (
        await totals
          .getByRole('row', { name: new RegExp(name) })
          .getByRole('cell')
          .allTextContents()
      ).slice(0, 3);
    // Offered, answered, abandoned.
    expect(await cells('orbitel\\.fr')).toEqual(['4', '3', '1']);
    expect(await cells('voltea\\.fr')).toEqual(['2', '2', '0']);
    await page
      .getByRole('region', { name: 'How each figure is computed' })
      .getByText('answered within T / (answered + abandoned − short)')
      .waitFor();
    await shoot(page, 'reports-en');

    // The CSV of what is shown: the report's counters and KPIs, one line per interval and totals.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('relais-queue-report.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(
      lines[0]?.startsWith('queue,start,start_utc,sl_formula,sl_threshold_s,offered,answered,'),
    ).toBe(true);
    const totalOf = (id: string) => lines.find((l) => l.startsWith(`${id},total,`))?.split(',');
    expect(totalOf('orbitel.fr')?.slice(5, 7)).toEqual(['4', '3']);
    expect(totalOf('voltea.fr')?.slice(5, 7)).toEqual(['2', '2']);
    expect(lines.at(-1)?.startsWith('*,total,,offered,,6,5,')).toBe(true);

    // Narrowed to one client's queues, by day: the report follows.
    await page.getByLabel('Queues of client').selectOption('voltea');
    await page.getByLabel('Interval', { exact: true }).selectOption('day');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByText(/1 day intervals/).waitFor();
    expect(await totals.getByRole('rowheader').allTextContents()).toEqual(['voltea.fr']);

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Rapports', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Totaux de la période, par File' }).waitFor();
    await page.getByRole('heading', { name: 'Comment chaque chiffre est calculé' }).waitFor();
    await shoot(page, 'reports-fr');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a client viewer lands on the client portal, sees only its client’s queues, and cannot reach another client’s queue', async () => {
    const { context, page, problems } = await newPage('fr-FR');
    await page.goto(relais.url);
    await signInPage(page, VIEWER.username, VIEWER.password);
    await page.getByRole('heading', { name: 'Vos files, en direct' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/client');
    // Only the pages a client viewer may open in the navigation.
    expect(
      await page.getByRole('navigation', { name: 'Principal' }).getByRole('link').allTextContents(),
    ).toEqual(['Mes files', 'Rapports', 'Campagnes']);
    const live = page.getByRole('table', {
      name: 'Vos files, en direct et depuis le début de la journée',
    });
    expect(await live.getByRole('rowheader').allTextContents()).toEqual(['orbitel.fr']);
    const totals = page.getByRole('table', { name: 'Totaux de la période, par File' });
    expect(await totals.getByRole('rowheader').allTextContents()).toEqual(['orbitel.fr']);
    await expect(page.getByText('voltea', { exact: false }).count()).resolves.toBe(0);
    await shoot(page, 'client-portal-fr');

    // One of its queues, then the other client's: not found.
    await live.getByRole('link', { name: 'orbitel.fr' }).click();
    await page.getByRole('heading', { name: 'File orbitel.fr' }).waitFor();
    await page.goto(`${relais.url}/client/queue/voltea.fr`);
    await page
      .getByRole('alert')
      .getByText('Introuvable : cette adresse n’est pas l’une de vos files.')
      .waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    // Pages not theirs send them home.
    await page.goto(`${relais.url}/queues`);
    await page.getByRole('heading', { name: 'Vos files, en direct' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/client');

    // Through the API, with the viewer's own session: refused.
    const api = (url: string) => page.request.get(`${relais.url}${url}`);
    expect((await api('/api/v1/queues/voltea.fr/status')).status()).toBe(404);
    expect((await api('/api/v1/queues/orbitel.fr/status')).status()).toBe(200);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(Date.now());
    const range = `from=${day}&to=${day}T23:59`;
    expect((await api(`/api/v1/reports?${range}&ids=voltea.fr`)).status()).toBe(403);
    expect((await api(`/api/v1/reports?${range}&ids=voltea.fr&format=csv`)).status()).toBe(403);
    expect((await api(`/api/v1/reports?${range}&dimension=client&ids=voltea`)).status()).toBe(403);
    expect((await api(`/api/v1/reports?${range}&dimension=agent`)).status()).toBe(403);
    const own = (await (await api(`/api/v1/reports?${range}`)).json()) as {
      totals: { id: string }[];
    };
    expect(own.totals.map((t) => t.id)).toEqual(['orbitel.fr']);
    const realtime = (await (await api('/api/v1/realtime/queues')).json()) as {
      queues: { queueId: string }[];
    };
    expect(realtime.queues.map((q) => q.queueId)).toEqual(['orbitel.fr']);

    await page.goto(`${relais.url}/client`);
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Your queues, live' }).waitFor();
    await page.getByRole('table', { name: 'Totals for the range, per Queue' }).waitFor();
    await shoot(page, 'client-portal-en');
    expect(problems).toEqual([]);
    await context.close();
  });
});
