// End to end, in Chromium against `relais serve`: an administrator creates an outbound campaign
// (the server refuses a mobile caller ID, outside ARCEP's ranges for automated dialing, under
// that field), imports a small list with one bad row (column mapping guessed from the header,
// the rejected row and its reason shown, the rejected-rows CSV downloadable), then reads
// "why isn't it dialing?" and follows a reason to the leads it blocks. Screenshots go to
// apps/web/screenshots/.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

// Three leads, one with no usable number; no consent column, so the French pack (consent
// required since 11 August 2026) holds the two good ones.
const LIST = [
  'Prénom;Nom;Téléphone;CP;segment',
  'Jeanne;Martin;06 12 34 56 78;75011;A',
  'Paul;Durand;pas un numéro;69003;B',
  'Inès;Bernard;+33 6 98 76 54 32;13001;A',
  '',
].join('\n');

beforeAll(async () => {
  stage = await openStage('e2e-campaigns');
  ({ relais, admin, browser } = stage);
  await admin.call('POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await admin.call('POST', '/api/v1/clients', { id: 'energie', name: 'Énergie' });
  await admin.call('POST', '/api/v1/queues', {
    id: 'energie.fr',
    clientId: 'energie',
    channel: 'voice',
    skills: { fr: 5 },
  });
});

afterAll(() => stage?.close());

describe('the campaign pages in Chromium', () => {
  it('creates a campaign, imports a list with a bad row, and shows why it is not dialing', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(relais.url);
    await signInPage(page, 'admin', relais.adminPassword);
    await page.getByRole('heading', { name: 'Que configurer' }).waitFor();

    // The header's navigation leads to the campaigns, lazily loaded.
    await page
      .getByRole('navigation', { name: 'Principal' })
      .getByRole('link', { name: 'Campagnes' })
      .click();
    await page.getByText('Aucune campagne pour l’instant').waitFor();
    await page.getByRole('link', { name: 'Nouvelle campagne' }).click();

    const form = page.locator('form.campaign-form');
    await form
      .getByLabel(/^Identifiant/)
      .first()
      .fill('relance');
    await form.getByLabel(/^Nom/).first().fill('Relance énergie');
    await form.getByLabel(/^Client/).fill('energie');
    await form.getByLabel(/^File qui traite/).fill('energie.fr');
    // A mobile number: the schema takes it (E.164), the server's French pack refuses it.
    await form.getByLabel(/^Numéro présenté/).fill('+33612345678');
    await form.getByLabel('Restreindre les plages d’appel').check();
    await form.getByLabel('Vendredi').fill('10:00-13:00');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const callerError = page.locator('#field-callerId-error');
    await callerError.waitFor();
    expect(await callerError.textContent()).toContain('+33612345678');
    expect(await form.getByLabel(/^Numéro présenté/).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Vendredi').inputValue()).toBe('10:00-13:00');
    await shoot(page, 'campaign-form-error');

    await form.getByLabel(/^Numéro présenté/).fill('+33162000000');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'Relance énergie' }).waitFor();
    const stored = (await admin.call('GET', '/api/v1/campaigns/relance')) as {
      state: string;
      tighten?: { windows?: { day: string }[] };
    };
    expect(stored.state).toBe('stopped');
    expect(stored.tighten?.windows?.filter((w) => w.day === 'fri')).toHaveLength(1);

    // The list: header read in the browser, columns guessed, rows previewed, then uploaded.
    await page.getByRole('link', { name: 'Importer un fichier' }).first().click();
    const file = path.join(stage.dir, 'prospects.csv');
    writeFileSync(file, LIST);
    await page.getByLabel('Fichier CSV').setInputFiles(file);
    await page.getByText(/5 colonnes séparées par des points-virgules/).waitFor();
    expect(await page.getByLabel(/^Numéro de téléphone/).inputValue()).toBe('Téléphone');
    expect(await page.getByLabel('Code postal').inputValue()).toBe('CP');
    await page
      .getByRole('table', { name: /premières lignes/ })
      .getByText('pas un numéro')
      .waitFor();
    await page.getByLabel(/^Origine/).fill('Formulaire du site, novembre');
    await page.getByLabel(/^Base légale/).selectOption('consent');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const summary = page.getByRole('status');
    await summary.waitFor();
    expect(await summary.textContent()).toBe(
      '3 lignes : 2 importées, 0 fusionnées avec une fiche existante, 1 rejetées.',
    );
    const rejected = page.getByRole('table', { name: /Lignes rejetées/ });
    expect(await rejected.locator('tbody tr').first().locator('td').first().textContent()).toBe(
      '3',
    );
    expect(await rejected.textContent()).toContain('phone');
    const csvHref = await page
      .getByRole('link', { name: /Télécharger toutes les lignes rejetées/ })
      .getAttribute('href');
    const csv = await page.request.get(`${relais.url}${csvHref ?? ''}`);
    expect(csv.ok()).toBe(true);
    expect(await csv.text()).toContain('phone');
    await shoot(page, 'campaign-import-result');

    // Why isn't it dialing? No consent recorded: the French pack holds both leads.
    await page.getByRole('link', { name: 'Retour à la campagne' }).click();
    const panel = page.locator('section.campaign-blocking');
    const consent = panel.locator('[data-reason="FR.consent"]');
    await consent.waitFor();
    expect(await consent.textContent()).toContain('Pas de consentement enregistré');
    expect(await consent.textContent()).toContain('2 fiches');
    expect(await consent.textContent()).toContain('Depuis le 11 août 2026');
    await page.getByText('Fichiers importés').waitFor();
    await shoot(page, 'campaign-blocking');

    await consent.getByRole('link', { name: 'Voir les fiches bloquées par FR.consent' }).click();
    const leads = page.locator('table.campaigns-table tbody tr');
    await page.getByRole('link', { name: '+33612345678' }).waitFor();
    expect(await leads.count()).toBe(2);
    expect(new URL(page.url()).search).toBe('?blockedBy=FR.consent');
    await page.getByRole('link', { name: '+33612345678' }).click();
    await page.getByRole('heading', { name: 'Fiche +33612345678' }).waitFor();
    await page.getByText('Jamais appelée.').waitFor();

    // The list and its actions: started from the page, stored by the server.
    await page.getByRole('link', { name: 'Toutes les campagnes' }).first().click();
    await page.getByRole('button', { name: 'Démarrer Relance énergie' }).click();
    await page.getByText('Relance énergie est maintenant en cours.').waitFor();
    expect(
      ((await admin.call('GET', '/api/v1/campaigns/relance')) as { state: string }).state,
    ).toBe('running');
    await shoot(page, 'campaigns-list');

    // The same panel in English.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('link', { name: 'Relance énergie' }).click();
    await page.getByText('Why isn’t it dialing?').waitFor();
    await page.locator('[data-reason="FR.consent"]').getByText('No consent recorded').waitFor();
    await context.close();
  });
});
