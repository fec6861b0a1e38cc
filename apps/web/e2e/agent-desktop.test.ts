// End to end, in Chromium against `relais serve`: an agent signs in, goes available, gets a
// contact created through the REST API, accepts it, holds and resumes it, sets a disposition
// and ends wrap-up; a dropped stream resynchronises; the same customer calls again: the offer shows the previous
// contact, the agent writes a note (kept after a reload), reads the queue's script, schedules a
// callback and sets a disposition; the language chosen in one browser follows the user to
// another; the pages render in French and English; a supervisor lands on the wallboard, then
// the queues page. Screenshots of each page go to apps/web/screenshots/.
import path from 'node:path';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';

const AGENT = { username: 'agent.rabat', password: 'rabat-agent-password-1' };
const SUPERVISOR = { username: 'sup.rabat', password: 'rabat-supervisor-password' };
const SCRIPT =
  'Bonjour, service client Orbitel, je m’appelle {prénom}.\nVérifiez l’identité du client avant toute modification.';
const CUSTOMER = { customerId: 'ORB-1042', phone: '+212600123456' };

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

async function setTheScene(): Promise<void> {
  const configure = async (kind: string, rows: object[]): Promise<void> => {
    for (const row of rows) await admin.call('POST', `/api/v1/${kind}`, row);
  };
  await configure('sites', [
    { id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 120 },
  ]);
  await configure('skills', [{ id: 'fr', kind: 'language' }]);
  await configure('clients', [{ id: 'orbitel', name: 'Orbitel' }]);
  // A long offer timeout and a manual wrap-up: the test, not a timer, moves the contact on.
  await configure('queues', [
    {
      id: 'orbitel.fr',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5 },
      offerTimeoutSeconds: 3600,
      wrapUp: { mode: 'manual' },
      script: SCRIPT,
    },
    {
      id: 'orbitel.billing',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5 },
      offerTimeoutSeconds: 3600,
      wrapUp: { mode: 'manual' },
    },
  ]);
  await configure('agents', [{ id: 'rabat-07', siteId: 'rabat', skills: { fr: 8 } }]);
  await configure('pause-codes', [{ id: 'lunch', label: 'Déjeuner' }]);
  await configure('dispositions', [
    { id: 'resolved', label: 'Résolu', success: true },
    { id: 'call-back', label: 'À rappeler' },
  ]);
  await configure('users', [
    { ...AGENT, role: 'agent', scope: { agentId: 'rabat-07' } },
    { ...SUPERVISOR, role: 'supervisor', scope: { siteIds: ['rabat'] } },
  ]);
}

const createContact = async (attributes: Record<string, string>): Promise<string> =>
  (
    (await admin.call('POST', '/api/v1/contacts', { queueId: 'orbitel.fr', attributes })) as {
      id: string;
    }
  ).id;

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  stage = await openStage('e2e');
  ({ relais, admin, browser } = stage);
  await setTheScene();
});

afterAll(() => stage?.close());

describe('the web app in Chromium', () => {
  it('signs in an agent who takes a contact from offer to the end of wrap-up, and resynchronises after a drop', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // Expected: the session probe before sign-in (401). No demo here, so no demo bar asks.
      if (message.type() === 'error' && !/status of 401/.test(message.text()))
        problems.push(message.text());
    });
    // The stream goes through this route, which can cut it and keep it cut like a dead network.
    let networkUp = true;
    const sockets = new Set<WebSocketRoute>();
    const subscriptions: number[] = [];
    await page.routeWebSocket(/\/api\/v1\/stream$/, (socket) => {
      if (!networkUp) {
        void socket.close();
        return;
      }
      const server = socket.connectToServer();
      sockets.add(socket);
      socket.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { type: string; afterSeq?: number };
        if (parsed.type === 'subscribe') subscriptions.push(parsed.afterSeq ?? -1);
        server.send(message);
      });
      socket.onClose(() => sockets.delete(socket));
    });

    await page.goto(relais.url);
    await page.getByRole('heading', { name: 'Connexion à Relais' }).waitFor();
    await shoot(page, 'login-fr');
    await signInPage(page, AGENT.username, AGENT.password);
    await page.getByRole('heading', { name: /Poste téléconseiller/ }).waitFor();
    await page.getByText('En direct').waitFor();
    expect(new URL(page.url()).pathname).toBe('/agent');
    await shoot(page, 'agent-logged-out-fr');

    await page.getByLabel('Mon état').selectOption('available');
    await page.locator('.state-badge', { hasText: 'Disponible' }).waitFor();
    await page.getByText('En attente d’un contact.').waitFor();
    await shoot(page, 'agent-available-fr');

    const first = await createContact({
      client: 'Mme Dupont',
      motif: 'Facture contestée',
      ...CUSTOMER,
    });
    const offer = page.getByRole('region', { name: 'Contact entrant' });
    await offer.waitFor();
    await offer.getByText('Mme Dupont').waitFor();
    await offer.getByText('Facture contestée').waitFor();
    await offer.getByText(/s pour répondre/).waitFor();
    await shoot(page, 'agent-offer-fr');

    await page.keyboard.press('Alt+A');
    const conversation = page.getByRole('region', { name: 'En communication' });
    await conversation.waitFor();
    await conversation.getByText('Mme Dupont').waitFor();
    await shoot(page, 'agent-in-contact-fr');

    // Hold with the button: the server holds the contact; Alt+H resumes it (SPD7).
    await conversation.getByRole('button', { name: /Mettre en attente/ }).click();
    await conversation.getByText(/^En attente depuis /).waitFor();
    await conversation.getByRole('button', { name: /Reprendre/ }).waitFor();
    expect(await admin.call('GET', `/api/v1/contacts/${first}`)).toMatchObject({
      state: 'held',
      agentId: 'rabat-07',
    });
    await shoot(page, 'agent-on-hold-fr');
    await page.keyboard.press('Alt+H');
    await conversation.getByRole('button', { name: /Mettre en attente/ }).waitFor();
    expect(await conversation.getByText(/^En attente depuis /).count()).toBe(0);
    expect(await admin.call('GET', `/api/v1/contacts/${first}`)).toMatchObject({
      state: 'connected',
    });
    // A hold and a resume through the API (another door) show on the desktop too.
    await admin.call('POST', '/api/v1/agents/rabat-07/hold', { contactId: first });
    await conversation.getByRole('button', { name: /Reprendre/ }).waitFor();
    await admin.call('POST', '/api/v1/agents/rabat-07/resume', { contactId: first });
    await conversation.getByRole('button', { name: /Mettre en attente/ }).waitFor();

    await conversation.getByRole('button', { name: /Terminer la communication/ }).click();
    const wrapUp = page.getByRole('region', { name: 'Post-appel' });
    await wrapUp.waitFor();
    await wrapUp.getByLabel('Qualification').selectOption('resolved');
    await wrapUp.getByRole('button', { name: 'Enregistrer la qualification' }).click();
    await wrapUp.getByText('Qualification enregistrée : Résolu').waitFor();
    await shoot(page, 'agent-wrap-up-fr');

    await page.keyboard.press('Alt+W');
    await page.getByText('En attente d’un contact.').waitFor();
    expect(await admin.call('GET', `/api/v1/contacts/${first}`)).toMatchObject({
      state: 'completed',
      dispositionId: 'resolved',
      agentId: 'rabat-07',
    });

    // The network drops; a contact is offered meanwhile; the desktop reconnects after the last
    // event it had and shows the offer it missed.
    const seenBefore = subscriptions.at(-1) ?? -1;
    networkUp = false;
    for (const socket of sockets) await socket.close();
    await page.getByText('Connexion perdue, reconnexion…').waitFor();
    const missed = await createContact({ client: 'M. Benali' });
    networkUp = true;
    await page.getByText('En direct').waitFor();
    await page.getByRole('region', { name: 'Contact entrant' }).getByText('M. Benali').waitFor();
    expect(subscriptions.at(-1)).toBeGreaterThan(seenBefore);
    await admin.call('POST', `/api/v1/contacts/${missed}/cancel`, {});
    await page.getByText('En attente d’un contact.').waitFor();

    // Alt+P pauses with a pause code, and again makes the agent available.
    await page.keyboard.press('Alt+P');
    await page.locator('.state-badge', { hasText: 'En pause' }).waitFor();
    await page.getByText('Vous êtes en pause').waitFor();
    await page.keyboard.press('Alt+P');
    await page.locator('.state-badge', { hasText: 'Disponible' }).waitFor();

    // The same customer again: the offer shows the previous contact; in conversation the agent
    // reads the script, writes a note (kept after a reload), schedules a callback, then ends the
    // contact with a disposition.
    const second = await createContact({
      client: 'Mme Dupont',
      motif: 'Rappel facture',
      ...CUSTOMER,
    });
    const again = page.getByRole('region', { name: 'Contact entrant' });
    const history = again.getByRole('table', { name: /Contacts précédents de ce client/ });
    await history.waitFor();
    const previous = history.getByRole('row').nth(1);
    await previous.getByRole('cell', { name: 'rabat-07' }).waitFor();
    await previous.getByRole('cell', { name: 'Résolu' }).waitFor();
    await previous.getByRole('cell', { name: 'traité' }).waitFor();
    await shoot(page, 'agent-offer-context-fr');

    await page.keyboard.press('Alt+A');
    const talk = page.getByRole('region', { name: 'En communication' });
    await talk
      .getByRole('region', { name: 'Script' })
      .getByText(/Vérifiez l’identité/)
      .waitFor();
    await talk.getByLabel('Notes').fill('Conteste encore la facture de mars ; rappel promis.');
    await talk.getByRole('button', { name: 'Enregistrer les notes' }).click();
    await talk.getByText(/Enregistrées à .* par agent\.rabat/).waitFor();
    await page.reload();
    const reloaded = page.getByRole('region', { name: 'En communication' });
    await reloaded.waitFor();
    expect(await reloaded.getByLabel('Notes').inputValue()).toBe(
      'Conteste encore la facture de mars ; rappel promis.',
    );
    await shoot(page, 'agent-in-contact-notes-fr');

    expect(await reloaded.getByLabel('Numéro à rappeler').inputValue()).toBe(CUSTOMER.phone);
    await reloaded.getByRole('button', { name: 'Planifier le rappel' }).click();
    await reloaded.getByText(/Rappel planifié pour le/).waitFor();
    // Transferred to the billing queue, the contact comes back to the only agent there is.
    await reloaded.getByLabel('Transférer vers').selectOption('queue:orbitel.billing');
    await reloaded.getByRole('button', { name: 'Transférer' }).click();
    const transferred = page.getByRole('region', { name: 'Contact entrant' });
    await transferred.getByText('orbitel.billing', { exact: true }).waitFor();
    await page.keyboard.press('Alt+A');
    const billing = page.getByRole('region', { name: 'En communication' });
    await billing.getByText('orbitel.billing', { exact: true }).waitFor();
    expect(await billing.getByLabel('Notes').inputValue()).toContain('rappel promis');
    await billing.getByRole('button', { name: /Terminer la communication/ }).click();
    const secondWrapUp = page.getByRole('region', { name: 'Post-appel' });
    await secondWrapUp.getByText(/Post-appel depuis/).waitFor();
    await secondWrapUp.getByLabel('Qualification').selectOption('call-back');
    await secondWrapUp.getByRole('button', { name: 'Enregistrer la qualification' }).click();
    await secondWrapUp.getByText('Qualification enregistrée : À rappeler').waitFor();
    await page.keyboard.press('Alt+W');
    await page.getByText('En attente d’un contact.').waitFor();
    expect(await admin.call('GET', `/api/v1/contacts/${second}`)).toMatchObject({
      state: 'completed',
      dispositionId: 'call-back',
    });
    const { history: past } = (await admin.call('GET', `/api/v1/contacts/${second}/context`)) as {
      history: { contactId: string; state: string }[];
    };
    expect(past.map((p) => p.state)).toEqual(['scheduled', 'completed']);
    expect(past[1]?.contactId).toBe(first);
    const day = page.getByRole('region', { name: 'Ma journée' });
    await day.getByText('Contacts traités').waitFor();
    await shoot(page, 'agent-idle-stats-fr');

    // English, chosen on the page, and remembered for this user at the next visit.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: /Agent desktop/ }).waitFor();
    await page.getByText('Waiting for a contact.').waitFor();
    await shoot(page, 'agent-available-en');
    await page.reload();
    await page.getByRole('heading', { name: /Agent desktop/ }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('applies the language a user chose in one browser after sign-in in another', async () => {
    const browse = async (locale: string) => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(relais.url);
      await page.getByRole('heading', { name: /Connexion à Relais|Sign in to Relais/ }).waitFor();
      await signInPage(page, AGENT.username, AGENT.password);
      await page.getByRole('heading', { name: /Poste téléconseiller|Agent desktop/ }).waitFor();
      return { context, page };
    };
    // Chosen in a first browser…
    const first = await browse('fr-FR');
    await first.page.getByLabel(/Langue|Language/).selectOption('en');
    await first.page.getByRole('region', { name: 'My day' }).waitFor();
    await first.context.close();
    // …applied in a new French one, after sign-in.
    const second = await browse('fr-FR');
    await second.page.getByRole('heading', { name: /Agent desktop/ }).waitFor();
    await second.page
      .getByRole('region', { name: 'My day' })
      .getByText('Contacts handled')
      .waitFor();
    await shoot(second.page, 'agent-idle-stats-en');
    // French chosen there now follows the user into an English browser.
    await second.page.getByLabel('Language').selectOption('fr');
    await second.page.getByRole('heading', { name: /Poste téléconseiller/ }).waitFor();
    await second.context.close();
    const third = await browse('en-GB');
    await third.page.getByRole('heading', { name: /Poste téléconseiller/ }).waitFor();
    await third.context.close();
  });

  it('renders the sign-in page in English and lands a supervisor on the wallboard, then the queues of its sites', async () => {
    const context = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${relais.url}/somewhere/else`);
    await page.getByRole('heading', { name: 'Sign in to Relais' }).waitFor();
    await shoot(page, 'login-en');
    await signInPage(page, 'nobody', 'wrong-password');
    await page.getByRole('alert').getByText('Wrong username or password.').waitFor();
    await signInPage(page, SUPERVISOR.username, SUPERVISOR.password);
    // A supervisor's home is the wallboard; the queue list is one click away.
    await page.getByRole('heading', { name: 'Supervision wallboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/wallboard');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Queues' })
      .click();
    await page.getByRole('heading', { name: 'Supervision: queues of my sites' }).waitFor();
    await page.getByRole('rowheader', { name: 'orbitel.fr' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/queues');
    await shoot(page, 'supervisor-queues-en');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Supervision : files de mes centres' }).waitFor();
    await shoot(page, 'supervisor-queues-fr');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion à Relais' }).waitFor();
    await context.close();
  });
});
