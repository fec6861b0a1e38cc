// End to end, in Chromium against `relais serve`: a supervisor signs in and lands on the
// wallboard; an agent's state changed through the API shows within a second; the drill-down
// network → site → queue → contact works by address (reload, back); a waiting contact's priority
// is raised and it is moved to another queue; wall mode; French and English. Screenshots go to apps/web/screenshots/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';

const SUPERVISOR = { username: 'sup.rabat', password: 'rabat-supervisor-password' };

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

async function setTheScene(): Promise<void> {
  const configure = async (kind: string, rows: object[]): Promise<void> => {
    for (const row of rows) await admin.call('POST', `/api/v1/${kind}`, row);
  };
  await configure('sites', [
    { id: 'rabat-agdal', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 120 },
    { id: 'rabat-hassan', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 80 },
    { id: 'fes', city: 'Fès', timeZone: 'Africa/Casablanca', positions: 60 },
  ]);
  await configure('skills', [
    { id: 'fr', kind: 'language' },
    { id: 'billing', kind: 'skill' },
  ]);
  await configure('clients', [{ id: 'orbitel', name: 'Orbitel' }]);
  await configure('queues', [
    {
      id: 'orbitel.fr',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5 },
      homeSiteId: 'rabat-agdal',
      serviceLevel: { thresholdSeconds: 20, target: 0.8 },
    },
    {
      id: 'orbitel.billing',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5, billing: 3 },
      homeSiteId: 'rabat-agdal',
    },
  ]);
  const agents = [
    ...Array.from({ length: 12 }, (_, i) => ({
      id: `agdal-${String(i + 1).padStart(2, '0')}`,
      name: `Agent Agdal ${i + 1}`,
      siteId: 'rabat-agdal',
      skills: { fr: 8 },
    })),
    { id: 'hassan-01', name: 'Salma Hassan', siteId: 'rabat-hassan', skills: { fr: 6 } },
    { id: 'fes-01', name: 'Karim Fès', siteId: 'fes', skills: { fr: 6 } },
  ];
  await configure('agents', agents);
  await configure('pause-codes', [{ id: 'lunch', label: 'Déjeuner' }]);
  await configure('users', [
    { ...SUPERVISOR, role: 'supervisor', scope: { siteIds: ['rabat-agdal', 'rabat-hassan'] } },
  ]);
  // Some agents at work, one paused.
  for (const id of ['agdal-01', 'agdal-02', 'agdal-03', 'hassan-01', 'fes-01'])
    await admin.call('POST', `/api/v1/agents/${id}/login`, {});
  await admin.call('PUT', '/api/v1/agents/agdal-03/state', { state: 'paused', reason: 'lunch' });
}

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** The grid row of an agent, found by its action button. */
const agentRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: `Actions for ${name}` }) });

beforeAll(async () => {
  stage = await openStage('e2e-wallboard');
  ({ relais, admin, browser } = stage);
  await setTheScene();
});

afterAll(() => stage?.close());

describe('the supervisor wallboard in Chromium', () => {
  it("lands a supervisor on the wallboard, which shows an agent's change within a second", async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(relais.url);
    await signInPage(page, SUPERVISOR.username, SUPERVISOR.password);
    await page.getByRole('heading', { name: 'Supervision wallboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/wallboard');
    await page.getByRole('status').getByText('Live').waitFor();
    // Its sites only: Rabat's two, not Fès.
    const network = page.getByRole('table', { name: /Network/ });
    await network.getByRole('link', { name: 'rabat-agdal' }).waitFor();
    expect(await network.getByRole('link', { name: 'fes' }).count()).toBe(0);
    await agentRow(page, 'Agent Agdal 3').getByText('Paused').waitFor();
    await shoot(page, 'wallboard-en');

    // A change made through the API shows within a second.
    await admin.call('POST', '/api/v1/agents/agdal-07/login', {});
    await agentRow(page, 'Agent Agdal 7').getByText('Available').waitFor({ timeout: 1000 });

    // French.
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Mur de supervision' }).waitFor();
    await page.getByRole('table', { name: /Réseau/ }).waitFor();
    await shoot(page, 'wallboard-fr');
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Supervision wallboard' }).waitFor();

    // Wall mode: no navigation, no controls; its address keeps it.
    await page.getByRole('button', { name: 'Wall mode' }).click();
    await page.waitForURL(/\/wallboard\?wall=1$/);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /Actions for/ }).count()).toBe(0);
    await shoot(page, 'wallboard-wall');
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/wallboard$/);

    // Another change, a while after the first: shown within a second too.
    await admin.call('PUT', '/api/v1/agents/agdal-07/state', { state: 'paused', reason: 'lunch' });
    await agentRow(page, 'Agent Agdal 7').getByText('Paused').waitFor({ timeout: 1000 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('drills down network → site → queue → contact, raises and moves the contact, and changes an agent', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(relais.url);
    await signInPage(page, SUPERVISOR.username, SUPERVISOR.password);
    await page.getByRole('status').getByText('Live').waitFor();

    // Nobody free for billing: a contact waits there.
    await admin.call('POST', '/api/v1/contacts', { id: 'wait-1', queueId: 'orbitel.billing' });

    await page
      .getByRole('table', { name: /Network/ })
      .getByRole('link', { name: 'rabat-agdal' })
      .click();
    await page.waitForURL(/\/wallboard\/site\/rabat-agdal$/);
    await page.getByText(/Rabat · .* \(Africa\/Casablanca\)/).waitFor();
    await page
      .getByRole('table', { name: /Queues/ })
      .getByRole('link', { name: 'orbitel.billing' })
      .click();
    await page.waitForURL(/\/wallboard\/queue\/orbitel\.billing$/);
    // Reload keeps the page.
    await page.reload();
    await page.getByRole('link', { name: 'wait-1' }).click();
    await page.waitForURL(/\/wallboard\/contact\/wait-1$/);
    await page.getByRole('heading', { name: 'Why is wait-1 waiting?' }).waitFor();
    await page
      .getByText('No agent able to take it is logged in at its current routing step.')
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Where you are' })
      .getByRole('link', { name: 'Queue orbitel.billing' })
      .waitFor();
    await shoot(page, 'wallboard-drilldown');
    // Back goes to the queue.
    await page.goBack();
    await page.waitForURL(/\/wallboard\/queue\/orbitel\.billing$/);

    // Raise its priority, then move it to the French queue, where agents are free.
    await page.getByRole('button', { name: 'Raise priority' }).click();
    await page.getByRole('status').getByText('wait-1: priority now 10.').waitFor();
    await page
      .getByRole('row', { name: /wait-1/ })
      .getByRole('cell', { name: '10', exact: true })
      .waitFor();
    await page.getByLabel('Move wait-1 to').selectOption('orbitel.fr');
    await page.getByRole('button', { name: 'Move' }).click();
    await page.getByRole('status').getByText('wait-1 moved to orbitel.fr.').waitFor();
    await page.getByText('Nobody is waiting.').waitFor();
    const moved = (await admin.call('GET', '/api/v1/contacts/wait-1')) as { queueId: string };
    expect(moved.queueId).toBe('orbitel.fr');

    // Pause an agent from the grid.
    await page.goto(`${relais.url}/wallboard/site/rabat-hassan`);
    await page.getByRole('button', { name: 'Actions for Salma Hassan' }).click();
    await page.getByLabel('New state').selectOption('pause:lunch');
    await page.getByRole('button', { name: 'Apply' }).click();
    await agentRow(page, 'Salma Hassan').getByText('Paused').waitFor();
    const status = (await admin.call('GET', '/api/v1/agents/hassan-01/status')) as {
      state: string;
    };
    expect(status.state).toBe('paused');
    await context.close();
  });
});
