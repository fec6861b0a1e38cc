// End to end, in Chromium against `relais serve`: the administrator signs in and lands on the
// administration pages, creates a site (after the server refuses a time zone, shown next to the
// field), a client and a queue, imports agents from a CSV file (one bad row: nothing imported;
// fixed: all imported), creates a user and an API key that works. Screenshots go to
// apps/web/screenshots/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from './admin-client.ts';
import type { RunningRelais } from './relais-server.ts';
import { openStage, signInPage, SHOTS, type E2eStage } from './stage.ts';

let stage: E2eStage;
let relais: RunningRelais;
let admin: AdminClient;
let browser: Browser;

const shoot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

const ids = async (kind: string): Promise<string[]> =>
  ((await admin.call('GET', `/api/v1/${kind}`)) as { items: { id: string }[] }).items.map(
    (item) => item.id,
  );

beforeAll(async () => {
  stage = await openStage('e2e-admin');
  ({ relais, admin, browser } = stage);
  await admin.call('POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
});

afterAll(() => stage?.close());

describe('the administration pages in Chromium', () => {
  it('configures a network, shows the server’s errors by field, imports agents all or nothing, and creates a user and an API key', async () => {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(relais.url);
    await signInPage(page, 'admin', relais.adminPassword);
    await page.getByRole('heading', { name: 'Que configurer' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    await shoot(page, 'admin-home');

    // A site: the server's engine refuses an unknown time zone, next to that field.
    const menu = page.getByRole('navigation', { name: 'Administration' });
    await menu.getByRole('link', { name: 'Centres' }).click();
    await page.getByRole('link', { name: 'Nouveau' }).click();
    await page.getByLabel(/^Identifiant/).fill('rabat');
    await page.getByLabel(/^Ville/).fill('Rabat');
    await page.getByLabel(/^Fuseau horaire/).fill('Mars/Olympus');
    await page.getByLabel(/^Positions/).fill('120');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    const zoneError = page.locator('#field-timeZone-error');
    await zoneError.waitFor();
    expect(await zoneError.textContent()).toContain('Mars/Olympus');
    expect(await page.getByLabel(/^Fuseau horaire/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Ville/).inputValue()).toBe('Rabat');
    await shoot(page, 'admin-form-error');
    expect(await ids('sites')).toEqual([]);
    await page.getByLabel(/^Fuseau horaire/).fill('Africa/Casablanca');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('table', { name: 'Centres : toutes les entrées' }).waitFor();
    await page.getByRole('rowheader', { name: 'rabat' }).waitFor();

    // A client, then a queue of it.
    await menu.getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('link', { name: 'Nouveau' }).click();
    await page.getByLabel(/^Identifiant/).fill('orbitel');
    await page.getByLabel(/^Nom/).fill('Orbitel');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('rowheader', { name: 'orbitel' }).waitFor();
    await menu.getByRole('link', { name: 'Files' }).click();
    await page.getByRole('link', { name: 'Nouveau' }).click();
    await page.getByLabel(/^Identifiant/).fill('orbitel.fr');
    await page.getByLabel(/^Client/).fill('orbitel');
    await page.getByLabel(/^Canal/).selectOption('voice');
    await page.getByLabel(/^Compétences requises/).fill('fr:5');
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByLabel(/^Après/).fill('60');
    await page.getByLabel('Ajouter des centres').fill('network');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('rowheader', { name: 'orbitel.fr' }).waitFor();
    expect(await admin.call('GET', '/api/v1/queues/orbitel.fr')).toMatchObject({
      clientId: 'orbitel',
      skills: { fr: 5 },
      steps: [{ afterSeconds: 60, addSites: 'network' }],
    });
    await shoot(page, 'admin-queues');

    // Agents from a CSV file: one bad row and nothing is imported; fixed, both are.
    await menu.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('link', { name: 'Importer un fichier CSV' }).click();
    const upload = async (csv: string): Promise<void> => {
      await page
        .getByLabel('Fichier CSV')
        .setInputFiles({ name: 'agents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('agents.csv : 2 ligne(s) (Agents).').waitFor();
      await page.getByRole('button', { name: 'Importer' }).click();
    };
    await upload('id,name,siteId,skills\nrabat-01,Amina,rabat,fr:7\nrabat-02,Karim,fes,fr:5\n');
    const rejected = page.getByRole('table', { name: 'Lignes rejetées' });
    await rejected.waitFor();
    await page.getByText(/Rien n’a été importé : 1 ligne\(s\) sur 2 rejetée\(s\)/).waitFor();
    const row = rejected.getByRole('row').nth(1);
    expect(await row.getByRole('rowheader').textContent()).toBe('3');
    expect(await row.textContent()).toContain('rabat-02');
    expect(await row.textContent()).toContain('fes');
    await shoot(page, 'admin-import-rejected');
    expect(await ids('agents')).toEqual([]);
    await upload('id,name,siteId,skills\nrabat-01,Amina,rabat,fr:7\nrabat-02,Karim,rabat,fr:5\n');
    await page
      .getByText('2 ligne(s) importée(s) (Agents) : 2 nouvelle(s), 0 remplacée(s).')
      .waitFor();
    expect(await ids('agents')).toEqual(['rabat-01', 'rabat-02']);
    await menu.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('rowheader', { name: 'rabat-02' }).waitFor();
    await shoot(page, 'admin-agents');

    // A user acting as an imported agent, who can then sign in.
    await menu.getByRole('link', { name: 'Utilisateurs et rôles' }).click();
    const userForm = page.getByRole('form', { name: 'Nouvel utilisateur' });
    await userForm.getByLabel(/^Identifiant/).fill('amina');
    await userForm.getByLabel(/^Mot de passe/).fill('amina-password-123');
    await userForm.getByLabel(/^Rôle/).selectOption('agent');
    await userForm.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    // The server wants the agent an agent user acts as: said next to that field.
    const scopeError = userForm.locator('#field-scope-agentId-error');
    await scopeError.waitFor();
    expect(await scopeError.textContent()).toContain('agent');
    await userForm.getByLabel(/^Agent/).fill('rabat-01');
    await userForm.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await page.getByText('Utilisateur amina créé.').waitFor();
    await page.getByRole('rowheader', { name: 'amina' }).waitFor();
    // An administrator sets her password: too short is refused next to it, then it is set.
    await page.getByRole('button', { name: 'Changer le mot de passe amina' }).click();
    const newPassword = page.getByLabel('Nouveau mot de passe de amina');
    await newPassword.fill('short');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('at least 12 characters').waitFor();
    await newPassword.fill('amina-new-password-1');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Mot de passe changé ; ses sessions sont fermées.').waitFor();
    const amina = new AdminClient(relais.url);
    await amina.signIn('amina', 'amina-new-password-1');
    expect(await amina.call('GET', '/api/v1/auth/me')).toMatchObject({
      role: 'agent',
      scope: { agentId: 'rabat-01' },
    });

    // An API key: its secret is shown once, and it works.
    await menu.getByRole('link', { name: 'Clés d’API' }).click();
    const keyForm = page.getByRole('form', { name: 'Nouvelle clé d’API' });
    await keyForm.getByLabel(/^Nom/).fill('SVI Rabat');
    await keyForm.getByLabel(/^Rôle/).selectOption('supervisor');
    await keyForm.getByLabel(/^Centres/).fill('rabat');
    await keyForm.getByRole('button', { name: 'Créer la clé' }).click();
    const secret = await page.getByLabel('Secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('rowheader', { name: 'SVI Rabat' }).waitFor();
    await shoot(page, 'admin-api-keys');
    const me = await fetch(`${relais.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ role: 'supervisor', scope: { siteIds: ['rabat'] } });
    await context.close();
  });
});
