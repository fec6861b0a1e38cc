// End to end, in Chromium against `relais serve`: an agent works a preview campaign's leads. The
// server is a training one (LIVE10): its clock starts on the next working Tuesday at 10:30 in
// Paris, inside the French calling hours whatever the day the test runs, and its simulated
// callee always picks up after 2 s and talks for 10 minutes, so every call goes the same way. An administrator sets the
// campaign up through the API and starts it; the agent, on the desktop, is offered a lead (the
// campaign, the lead and "simulated call" on the offer), calls it, reads the script and the
// lead's details, codes a sale, then codes the second lead as a callback; the API then shows both
// leads' history (attempt, disposition, agent) and the campaign's figures, and the campaign page
// says the calls are simulated (LIVE9). Screenshots go to apps/web/screenshots/.
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';
import { addDays, nextWorkingTuesday, parisInstant } from './training-clock.ts';

const AGENT = { username: 'agent.lyon', password: 'lyon-agent-password-1' };
const SCRIPT =
  'Bonjour, je suis {prénom} d’Énergie Plus, je vous appelle au sujet de votre contrat.';
// 10:30 in Paris on the next working Tuesday: inside 10:00–13:00, ahead of the machine's time.
const TUESDAY = nextWorkingTuesday(Date.now());
const CLOCK_START = new Date(parisInstant(TUESDAY, '10:30')).toISOString();
const CALLED_PARTY = 'answer=1,machine=0,busy=0,wrong=0,failed=0,ring=2,talk=600';
// Customers under contract (the French pack needs no consent then), each with an offer code.
const LIST = [
  'tel;prenom;nom;contrat;offre',
  '06 12 34 56 78;Jeanne;Martin;oui;Gaz vert',
  '+33 6 98 76 54 32;Inès;Bernard;oui;Électricité fixe',
  '',
].join('\n');
const NAMES = ['Jeanne Martin', 'Inès Bernard'];
// The callback the agent promises, in the callee's time (Paris): that Thursday, 11:00.
const THURSDAY = addDays(TUESDAY, 2);
const CALLBACK_LOCAL = `${THURSDAY}T11:00`;
const CALLBACK_AT = parisInstant(THURSDAY, '11:00');

interface Lead {
  id: string;
  firstName: string;
  state: string;
  attempts: number;
  nextAt?: string;
}
interface Attempt {
  outcome: string;
  dispositionId?: string;
  agentId?: string;
}

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function setTheScene(): Promise<void> {
  const configure = async (kind: string, row: object): Promise<void> => {
    await admin.call('POST', `/api/v1/${kind}`, row);
  };
  await configure('sites', { id: 'lyon', city: 'Lyon', timeZone: 'Europe/Paris', positions: 20 });
  await configure('skills', { id: 'fr', kind: 'language' });
  await configure('clients', { id: 'energie', name: 'Énergie Plus' });
  await configure('queues', {
    id: 'energie.sortant',
    clientId: 'energie',
    channel: 'voice',
    skills: { fr: 5 },
    offerTimeoutSeconds: 3600,
    wrapUp: { mode: 'manual' },
  });
  await configure('agents', { id: 'lyon-03', siteId: 'lyon', skills: { fr: 8 } });
  await configure('users', { ...AGENT, role: 'agent', scope: { agentId: 'lyon-03' } });
  await admin.call('PUT', '/api/v1/campaigns/relance', {
    id: 'relance',
    clientId: 'energie',
    name: 'Relance énergie',
    mode: 'preview',
    queueId: 'energie.sortant',
    callerId: '+33162000000',
    script: SCRIPT,
    dispositions: [
      { id: 'vente', label: 'Vente', flag: 'success' },
      { id: 'refus', label: 'Refus', flag: 'refusal' },
      { id: 'rappel', label: 'Rappel', flag: 'callback' },
    ],
  });
  const query = new URLSearchParams({
    name: 'Clients gaz',
    origin: 'Fichier clients Énergie Plus',
    legalBasis: 'contract',
    phone: 'tel',
    firstName: 'prenom',
    lastName: 'nom',
    contractRelation: 'contrat',
  });
  const imported = (await admin.send(
    'POST',
    `/api/v1/campaigns/relance/lists?${query.toString()}`,
    LIST,
    'text/csv',
  )) as { imported: number; rejected: number };
  expect(imported).toMatchObject({ imported: 2, rejected: 0 });
  await admin.call('PUT', '/api/v1/campaigns/relance/state', { state: 'running' });
}

/** Waits for the preview offer and returns it with the lead it names. */
async function previewOffer(page: Page): Promise<{ offer: Locator; name: string }> {
  const offer = page.getByRole('region', { name: 'Fiche à appeler (preview)' });
  await offer.waitFor();
  await offer.getByText('Relance énergie (preview)').waitFor();
  const shown = await offer.locator('.lead-summary').textContent();
  const name = NAMES.find((candidate) => shown?.includes(candidate) === true);
  if (name === undefined) throw new Error(`the offer names neither lead: ${shown ?? ''}`);
  return { offer, name };
}

/** Calls the offered lead; resolves once the (simulated) callee picked up. */
async function callAndConnect(page: Page, offer: Locator): Promise<Locator> {
  await offer.getByRole('button', { name: /^Appeler/ }).click();
  const talk = page.getByRole('region', { name: 'En communication' });
  await talk.getByText('Appel : En relation').waitFor();
  return talk;
}

beforeAll(async () => {
  stage = await openStage('e2e-outbound', [
    '--training',
    '--clock-start',
    CLOCK_START,
    '--simulated-called-party',
    CALLED_PARTY,
  ]);
  ({ relais, admin, browser } = stage);
  await setTheScene();
});

afterAll(() => stage?.close());

describe('an agent on a preview campaign, in Chromium', () => {
  it('is offered each lead, calls it, reads the script and codes it; the API shows the history and the figures', async () => {
    expect(relais.output()).toMatch(
      new RegExp(
        `relais: training server; its clock reads ${TUESDAY}T\\S+ \\(shifted by --clock-start\\)`,
      ),
    );
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(relais.url);
    await signInPage(page, AGENT.username, AGENT.password);
    await page.getByRole('heading', { name: /Poste téléconseiller/ }).waitFor();
    await page.getByText('En direct').waitFor();
    await page.getByLabel('Mon état').selectOption('available');

    // The first lead: the offer shows the campaign, the lead and that the call is simulated.
    const first = await previewOffer(page);
    expect(await first.offer.getByRole('note').textContent()).toBe(
      'Appel simulé : aucun appel réel n’est passé, personne ne vous entend.',
    );
    await first.offer.getByText('Pas encore composé', { exact: false }).waitFor();
    await first.offer.getByText('+33162000000').waitFor();
    // The callee's time is the server's (the desktop corrects its clock by the server's).
    await first.offer.getByText(/^mar\. 1\d:\d\d \(Europe\/Paris\)$/).waitFor();
    await shoot(page, 'outbound-preview-offer');

    const talk = await callAndConnect(page, first.offer);
    const script = talk.getByRole('region', { name: 'Script' });
    expect(await script.textContent()).toContain('je vous appelle au sujet de votre contrat');
    const fields = talk.getByRole('region', { name: 'Données de la fiche' });
    const offerCode = first.name === 'Jeanne Martin' ? 'Gaz vert' : 'Électricité fixe';
    await fields.getByText(offerCode).waitFor();
    await talk.getByText('Première tentative sur cette fiche.').waitFor();
    await talk.getByLabel('Qualification de la campagne').selectOption('vente');
    await talk.getByRole('button', { name: 'Enregistrer la qualification' }).click();
    await talk.getByText('Qualifié : Vente').waitFor();
    await shoot(page, 'outbound-in-call');
    await talk.getByRole('button', { name: /Terminer la communication/ }).click();
    const wrapUp = page.getByRole('region', { name: 'Post-appel' });
    await wrapUp.getByText('Qualifié : Vente').waitFor();
    await wrapUp.getByRole('button', { name: /Terminer le post-appel/ }).click();

    // The second lead: the callee asks to be called back on Thursday; coding ends the wrap-up.
    const second = await previewOffer(page);
    expect(second.name).not.toBe(first.name);
    const talk2 = await callAndConnect(page, second.offer);
    await talk2.getByRole('button', { name: /Terminer la communication/ }).click();
    const wrapUp2 = page.getByRole('region', { name: 'Post-appel' });
    await wrapUp2.getByLabel('Qualification de la campagne').selectOption('rappel');
    await wrapUp2.getByLabel('Rappeler le (heure de l’appelé, Europe/Paris)').fill(CALLBACK_LOCAL);
    await shoot(page, 'outbound-callback');
    await wrapUp2.getByRole('button', { name: /^Qualifier et terminer le post-appel/ }).click();
    await page.getByText('En attente d’un contact.').waitFor();

    // The history through the API: each lead's attempt, its disposition and the agent.
    await expect
      .poll(async () => {
        const page = (await admin.call('GET', '/api/v1/campaigns/relance/leads')) as {
          leads: Lead[];
        };
        return page.leads.map((lead) => lead.state).sort();
      })
      .toEqual(['callback', 'done']);
    const { leads } = (await admin.call('GET', '/api/v1/campaigns/relance/leads')) as {
      leads: Lead[];
    };
    const byName = (name: string): Lead => {
      const lead = leads.find((candidate) => name.startsWith(candidate.firstName));
      if (lead === undefined) throw new Error(`no lead ${name}`);
      return lead;
    };
    const detail = async (lead: Lead) =>
      (await admin.call('GET', `/api/v1/leads/${lead.id}`)) as { lead: Lead; history: Attempt[] };
    const sold = await detail(byName(first.name));
    expect(sold.lead).toMatchObject({ state: 'done', attempts: 1 });
    expect(sold.history).toMatchObject([
      { outcome: 'answered', dispositionId: 'vente', agentId: 'lyon-03' },
    ]);
    const later = await detail(byName(second.name));
    expect(later.lead).toMatchObject({ state: 'callback', attempts: 1 });
    expect(Date.parse(later.lead.nextAt ?? '')).toBe(CALLBACK_AT);
    expect(later.history).toMatchObject([
      { outcome: 'answered', dispositionId: 'rappel', agentId: 'lyon-03' },
    ]);

    // The campaign's figures moved; the server says its calls are simulated.
    const stats = (await admin.call('GET', '/api/v1/campaigns/relance/stats')) as {
      simulatedCalls: boolean;
      today: Record<string, number>;
      leadsByState: Record<string, number>;
    };
    expect(stats).toMatchObject({
      simulatedCalls: true,
      today: { placed: 2, answeredHuman: 2, abandoned: 0, success: 1 },
      leadsByState: { done: 1, callback: 1 },
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the campaign page says the calls are simulated', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(relais.url);
    await signInPage(page, 'admin', relais.adminPassword);
    await page.getByRole('heading', { name: 'Que configurer' }).waitFor();
    await page.goto(`${relais.url}/campaigns/relance`);
    await page.getByRole('heading', { name: 'Relance énergie' }).waitFor();
    const note = page.locator('section.campaign-stats').getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toBe(
      'Appels simulés : aucun appel réel n’est passé (le serveur simule qui décroche).',
    );
    await shoot(page, 'campaign-simulated-calls');
    await context.close();
  });
});
