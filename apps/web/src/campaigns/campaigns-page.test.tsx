import type { Role } from '@relais/protocol';
import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import {
  makeBlocking,
  makeCampaignView,
  makeLead,
  makeStats,
  makeSuppressionList,
} from '../testing/campaign-builders.ts';
import { fakeFetch, type Routes } from '../testing/fake-server.ts';
import { CampaignsPage } from './campaigns-page.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const C = '/api/v1/campaigns/energie-relance';

function open(path: string, routes: Routes, options: { locale?: Locale; role?: Role } = {}) {
  window.history.replaceState(null, '', `/campaigns${path}`);
  const server = fakeFetch(routes);
  const Wrapper = (props: { children: ReactNode }): ReactNode => (
    <I18nProvider locale={options.locale ?? 'fr'} onLocale={() => undefined}>
      <Router base="/campaigns">{props.children}</Router>
    </I18nProvider>
  );
  render(<CampaignsPage api={new ApiClient(server.fetch)} role={options.role ?? 'supervisor'} />, {
    wrapper: Wrapper,
  });
  return server;
}

/** The text that describes a control (its hint and its error), as a screen reader reads it. */
function description(control: HTMLElement): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

/** Types a value at once (a paste): the long forms re-render on every key otherwise. */
async function fill(
  user: ReturnType<typeof userEvent.setup>,
  control: HTMLElement,
  text: string,
): Promise<void> {
  await user.click(control);
  await user.paste(text);
}

const overviewRoutes = (more: Routes = {}): Routes => ({
  [`GET ${C}`]: { body: makeCampaignView() },
  [`GET ${C}/stats`]: { body: makeStats() },
  [`GET ${C}/blocking`]: { body: makeBlocking() },
  [`GET ${C}/lists`]: { body: [] },
  [`GET ${C}/leads?blockedBy=FR.hours&limit=1`]: {
    body: { leads: [makeLead({ blockedBy: 'FR.hours', dialableAt: '2026-11-27T09:00:00Z' })] },
  },
  ...more,
});

describe('the campaigns list', () => {
  it('shows each campaign with its state and today’s figures, and starts, pauses or stops it', async () => {
    const server = open('/', {
      'GET /api/v1/campaigns': {
        body: [
          makeCampaignView(),
          makeCampaignView({ id: 'tel', name: 'Télécom', state: 'stopped', leads: 0 }),
        ],
      },
      [`GET ${C}/stats`]: { body: makeStats() },
      'GET /api/v1/campaigns/tel/stats': { body: makeStats({ campaignId: 'tel' }) },
      [`PUT ${C}/state`]: { body: { ok: true } },
    });
    const row = (await screen.findByRole('link', { name: 'Relance énergie' })).closest(
      'tr',
    ) as HTMLElement;
    expect(within(row).getByText('en cours')).toBeDefined();
    expect(within(row).getByText('prédictif')).toBeDefined();
    await within(row).findByText('420 appels · 105 décrochés · 31 succès');
    const stopped = screen.getByRole('link', { name: 'Télécom' }).closest('tr') as HTMLElement;
    expect(
      within(stopped)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Démarrer']);

    await userEvent
      .setup()
      .click(within(row).getByRole('button', { name: 'Mettre en pause Relance énergie' }));
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({ state: 'paused' });
    expect((await screen.findByRole('status')).textContent).toBe(
      'Relance énergie est maintenant en pause.',
    );
  });

  it('says why a state change was refused', async () => {
    open('/', {
      'GET /api/v1/campaigns': { body: [makeCampaignView({ state: 'stopped' })] },
      [`PUT ${C}/state`]: {
        status: 409,
        body: { error: { code: 'Conflict', message: 'no list imported' } },
      },
    });
    await userEvent
      .setup()
      .click(await screen.findByRole('button', { name: 'Démarrer Relance énergie' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Relance énergie inchangée : no list imported',
    );
  });

  it('gives a client viewer the figures only: no actions, no form, no leads', async () => {
    open(
      '/',
      { 'GET /api/v1/campaigns': { body: [makeCampaignView()] } },
      { role: 'clientViewer' },
    );
    await screen.findByRole('link', { name: 'Relance énergie' });
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Nouvelle campagne' })).toBeNull();
    cleanup();
    open('/energie-relance', overviewRoutes(), { role: 'clientViewer' });
    await screen.findByText('1,75');
    expect(screen.queryByRole('link', { name: 'Fiches' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Voir les fiches/ })).toBeNull();
    cleanup();
    open('/energie-relance/leads', overviewRoutes(), { role: 'clientViewer' });
    // The leads pages do not exist for a client viewer: the overview's route takes the path.
    expect(screen.queryByRole('heading', { name: 'Fiches' })).toBeNull();
  });
});

describe('why isn’t it dialing?', () => {
  it('counts leads per reason with each rule explained in French, the next window, and a link to those leads', async () => {
    open('/energie-relance', overviewRoutes());
    const panel = (
      await screen.findByRole('heading', { name: 'Pourquoi ça n’appelle pas ?' })
    ).closest('section') as HTMLElement;
    const hours = (await within(panel).findByText('Hors des heures d’appel')).closest(
      'li',
    ) as HTMLElement;
    expect(hours.textContent).toMatch(/1\s000 fiches/);
    expect(hours.textContent).toContain('du lundi au vendredi de 10 h à 13 h et de 14 h à 20 h');
    expect(hours.textContent).toContain('Il suffit d’attendre');
    await within(hours).findByText(/Prochaine fiche appelable : 27\/11\/2026/);
    expect(
      within(hours)
        .getByRole('link', { name: 'Voir les fiches bloquées par FR.hours' })
        .getAttribute('href'),
    ).toBe('/campaigns/energie-relance/leads?blockedBy=FR.hours');
    const listed = within(panel)
      .getByText('Sur une liste d’opposition')
      .closest('li') as HTMLElement;
    expect(listed.textContent).toContain('Attendre ne débloquera pas ces fiches');
    // The biggest first.
    expect(
      [...panel.querySelectorAll('[data-reason]')].map((li) => li.getAttribute('data-reason')),
    ).toEqual(['FR.hours', 'optout.listed', 'FR.consent']);
    expect(within(panel).getByText('Jamais appelables en l’état').nextSibling?.textContent).toBe(
      '100',
    );
  });

  it('explains the same reasons in English', async () => {
    open(
      '/energie-relance',
      overviewRoutes({
        [`GET ${C}/blocking`]: {
          body: makeBlocking({ byReason: { 'UK.hours': 3, 'optout.stale': 2, 'lock.abandon': 1 } }),
        },
      }),
      {
        locale: 'en',
      },
    );
    await screen.findByText('Outside calling hours (UK)');
    expect(screen.getByText(/outside the UK pack’s calling hours/)).toBeDefined();
    expect(screen.getByText('Suppression list too old')).toBeDefined();
    expect(screen.getByText('Locked after a dropped call')).toBeDefined();
  });
});

describe('the live figures', () => {
  it('[LIVE9] say when the server’s calls are simulated, and say nothing when they are real', async () => {
    open(
      '/energie-relance',
      overviewRoutes({ [`GET ${C}/stats`]: { body: makeStats({ simulatedCalls: true }) } }),
    );
    const note = await screen.findByRole('note');
    expect(note.textContent).toBe(
      'Appels simulés : aucun appel réel n’est passé (le serveur simule qui décroche).',
    );
    cleanup();
    open('/energie-relance', overviewRoutes());
    await screen.findByText(/objectif 3\s% sur 24 h/);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('flag an abandon rate over the target in red with an icon and a word, and the fallback to progressive', async () => {
    open(
      '/energie-relance',
      overviewRoutes({
        [`GET ${C}/stats`]: {
          body: makeStats({
            effectiveMode: 'progressive',
            abandonRate: { window: 0.034, windowHours: 24, sinceStart: 0.02 },
          }),
        },
      }),
    );
    await screen.findByText(/objectif 3\s% sur 24 h/);
    const flag = document.querySelector('.campaign-flag') as HTMLElement;
    expect(flag.className).toContain('campaign-flag-alarm');
    expect(flag.textContent).toBe('■ au-dessus de l’objectif');
    expect(
      screen.getByText(/réglée en prédictif : au-dessus de l’objectif d’abandon/),
    ).toBeDefined();
    expect(
      screen.getByText('10 connectés · 3 disponibles · 6 en appel · 1 en post-appel'),
    ).toBeDefined();
  });
});

describe('the campaign form', () => {
  it('checks with the protocol’s schema before sending, the error under the field, nothing sent', async () => {
    const server = open('/energie-relance/edit', {
      [`GET ${C}`]: { body: makeCampaignView() },
      'GET /api/v1/suppression-lists': { body: [makeSuppressionList()] },
    });
    const user = userEvent.setup();
    const callerId = await screen.findByLabelText(/^Numéro présenté/);
    await user.clear(callerId);
    await user.type(callerId, '0612345678');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(callerId.getAttribute('aria-invalid')).toBe('true');
    expect(description(callerId)).toContain('an E.164 number');
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('shows the server’s refusals under their fields (a loosening, a caller ID outside ARCEP’s ranges), keeping the input', async () => {
    const server = open('/energie-relance/edit', {
      [`GET ${C}`]: { body: makeCampaignView() },
      'GET /api/v1/suppression-lists': { body: [makeSuppressionList()] },
      [`PUT ${C}`]: {
        status: 400,
        body: {
          error: {
            code: 'ValidationFailed',
            message: 'campaign refused',
            details: [
              {
                path: 'tighten.attempts.max',
                message: 'LooseningRefused: the FR pack allows at most 4',
              },
              {
                path: 'callerId',
                message: '+33612345678 is not in ARCEP’s ranges for automated dialing',
              },
            ],
          },
        },
      },
    });
    const user = userEvent.setup();
    const callerId = await screen.findByLabelText(/^Numéro présenté/);
    await user.clear(callerId);
    await user.type(callerId, '+33612345678');
    await user.type(screen.getByLabelText('Tentatives au plus'), '6');
    await user.type(screen.getByLabelText('…sur ce nombre de jours'), '30');
    await user.click(screen.getByLabelText(/Opposition novembre/));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const sent = server.requests.find((r) => r.method === 'PUT')?.body as Record<string, unknown>;
    expect(sent.tighten).toEqual({ attempts: { max: 6, windowDays: 30 } });
    expect(sent.suppressionListIds).toEqual(['bloctel-nov']);
    const attempts = screen.getByLabelText('Tentatives au plus');
    expect(await screen.findByText('LooseningRefused: the FR pack allows at most 4')).toBeDefined();
    expect(description(attempts)).toContain('the FR pack allows at most 4');
    expect(description(callerId)).toContain('ARCEP');
    expect((callerId as HTMLInputElement).value).toBe('+33612345678');
    expect(screen.getByRole('alert').textContent).toContain('2 problème(s)');
  });

  it('narrows the calling windows per weekday, starting from the pack’s, and sends them', async () => {
    const server = open('/new', {
      'GET /api/v1/suppression-lists': { body: [] },
      'GET /api/v1/campaigns/c1': {
        status: 404,
        body: { error: { code: 'NotFound', message: 'no' } },
      },
      'PUT /api/v1/campaigns/c1': { body: makeCampaignView({ id: 'c1' }) },
    });
    const user = userEvent.setup();
    await fill(user, (await screen.findAllByLabelText(/^Identifiant/))[0] as HTMLElement, 'c1');
    await fill(user, screen.getByLabelText(/^Nom/), 'Campagne 1');
    await fill(user, screen.getByLabelText(/^Client/), 'energie');
    await fill(user, screen.getByLabelText(/^File qui traite/), 'energie.fr');
    await fill(user, screen.getByLabelText(/^Numéro présenté/), '+33162000000');
    await user.click(screen.getByLabelText('Restreindre les plages d’appel'));
    const monday = screen.getByLabelText<HTMLInputElement>('Lundi');
    expect(monday.value).toBe('10:00-13:00 14:00-20:00');
    expect(screen.getByLabelText<HTMLInputElement>('Samedi').value).toBe('');
    await user.clear(monday);
    await fill(user, monday, '10:00-12:00');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    // Saved: the campaign's own page (its id until the server answers).
    await screen.findByRole('heading', { name: 'c1' });
    const sent = server.requests.find((r) => r.method === 'PUT')?.body as {
      tighten: { windows: { day: string }[] };
    };
    expect(sent.tighten.windows[0]).toEqual({ day: 'mon', from: '10:00', to: '12:00' });
    expect(sent.tighten.windows.filter((w) => w.day === 'tue')).toHaveLength(2);
  });

  it('refuses to overwrite a campaign that already has the new id', async () => {
    const server = open('/new', {
      'GET /api/v1/suppression-lists': { body: [] },
      [`GET ${C}`]: { body: makeCampaignView() },
    });
    const user = userEvent.setup();
    await fill(
      user,
      (await screen.findAllByLabelText(/^Identifiant/))[0] as HTMLElement,
      'energie-relance',
    );
    await fill(user, screen.getByLabelText(/^Nom/), 'Doublon');
    await fill(user, screen.getByLabelText(/^Client/), 'energie');
    await fill(user, screen.getByLabelText(/^File qui traite/), 'energie.fr');
    await fill(user, screen.getByLabelText(/^Numéro présenté/), '+33162000000');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText(/La campagne energie-relance existe déjà/)).toBeDefined();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});

describe('the list import', () => {
  // The list id the page makes (to ask for the import's progress), fixed for the routes below.
  const listIdFrom = (): void => {
    vi.spyOn(crypto, 'randomUUID').mockReturnValue('12345678-aaaa-4bbb-8ccc-000000000000');
  };
  const csv =
    'Prénom;Nom;Téléphone;CP;segment\nJeanne;Martin;06 12 34 56 78;75011;A\nPaul;Durand;pas un numéro;69003;B\n';

  it('reads the header, guesses the columns, previews the rows, uploads and shows rejected rows', async () => {
    listIdFrom();
    const server = open('/energie-relance/import', {
      [`GET ${C}`]: { body: makeCampaignView() },
      [`POST ${C}/lists?name=prospects&origin=Formulaire+web&legalBasis=consent&phone=T%C3%A9l%C3%A9phone&firstName=Pr%C3%A9nom&lastName=Nom&postcode=CP&separator=%3B&listId=list-12345678aaaa`]:
        {
          body: {
            listId: 'list-7',
            rows: 2,
            imported: 1,
            merged: 0,
            rejected: 1,
            rejectedRows: [
              {
                line: 3,
                errors: [{ field: 'phone', code: 'invalid', message: 'not a phone number' }],
              },
            ],
            rejectedCsvUrl: '/api/v1/campaigns/energie-relance/lists/list-7/rejected.csv',
          },
        },
    });
    const user = userEvent.setup();
    await user.upload(
      await screen.findByLabelText('Fichier CSV'),
      new File([csv], 'prospects.csv', { type: 'text/csv' }),
    );
    await screen.findByText(/5 colonnes séparées par des points-virgules/);
    expect(screen.getByLabelText<HTMLSelectElement>(/^Numéro de téléphone/).value).toBe(
      'Téléphone',
    );
    expect(screen.getByLabelText<HTMLSelectElement>('Code postal').value).toBe('CP');
    expect(screen.getByLabelText<HTMLSelectElement>('Pays').value).toBe('');
    const preview = screen.getByRole('table', {
      name: 'Les 2 premières lignes, telles qu’elles seront lues',
    });
    expect(within(preview).getByText('pas un numéro')).toBeDefined();
    expect(within(preview).getByRole('columnheader', { name: /segment/ }).textContent).toContain(
      'attribut',
    );

    // No origin nor legal basis yet: the schema stops it, nothing sent.
    await user.click(screen.getByRole('button', { name: 'Envoyer' }));
    expect(description(screen.getByLabelText(/^Base légale/))).not.toBe('');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText(/^Origine/), 'Formulaire web');
    await user.selectOptions(screen.getByLabelText(/^Base légale/), 'consent');
    await user.click(screen.getByRole('button', { name: 'Envoyer' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      '2 lignes : 1 importées, 0 fusionnées avec une fiche existante, 1 rejetées.',
    );
    const rejected = screen.getByRole('table', { name: 'Lignes rejetées (1 affichées sur 1)' });
    expect(within(rejected).getByText('not a phone number')).toBeDefined();
    expect(
      screen
        .getByRole('link', { name: /Télécharger toutes les lignes rejetées/ })
        .getAttribute('href'),
    ).toBe('/api/v1/campaigns/energie-relance/lists/list-7/rejected.csv');
    const upload = server.requests.find((r) => r.method === 'POST');
    expect(upload?.headers['content-type']).toBe('text/csv');
  });

  it('puts the server’s refusal of the mapping under the field', async () => {
    listIdFrom();
    open('/energie-relance/import', {
      [`GET ${C}`]: { body: makeCampaignView() },
      [`POST ${C}/lists?name=prospects&origin=web&legalBasis=contract&phone=T%C3%A9l%C3%A9phone&firstName=Pr%C3%A9nom&lastName=Nom&postcode=CP&separator=%3B&listId=list-12345678aaaa`]:
        {
          status: 400,
          body: {
            error: {
              code: 'ValidationFailed',
              message: 'bad mapping',
              details: [{ path: 'postcode', message: 'no column "CP" in the header' }],
            },
          },
        },
    });
    const user = userEvent.setup();
    await user.upload(
      await screen.findByLabelText('Fichier CSV'),
      new File([csv], 'prospects.csv', { type: 'text/csv' }),
    );
    await screen.findByText(/5 colonnes/);
    await user.type(screen.getByLabelText(/^Origine/), 'web');
    await user.selectOptions(screen.getByLabelText(/^Base légale/), 'contract');
    await user.click(screen.getByRole('button', { name: 'Envoyer' }));
    await screen.findByText('no column "CP" in the header');
    expect(description(screen.getByLabelText('Code postal'))).toContain('no column');
  });

  it('asks for a file before anything else', async () => {
    const server = open('/energie-relance/import', { [`GET ${C}`]: { body: makeCampaignView() } });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Envoyer' }));
    expect(description(screen.getByLabelText('Fichier CSV'))).toContain(
      'Choisissez un fichier CSV.',
    );
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

describe('the leads', () => {
  it('are filtered by the reason in the address, each explained, and a lead shows its history', async () => {
    const server = open('/energie-relance/leads?blockedBy=FR.hours', {
      [`GET ${C}/leads?blockedBy=FR.hours&limit=50`]: {
        body: {
          leads: [
            makeLead({ blockedBy: 'FR.hours', dialableAt: '2026-11-27T09:00:00Z', attempts: 2 }),
          ],
        },
      },
      'GET /api/v1/leads/lead-1': {
        body: {
          lead: makeLead({ attempts: 1, attributes: { segment: 'A' } }),
          history: [
            {
              at: '2026-11-25T10:15:00Z',
              campaignId: 'energie-relance',
              outcome: 'noAnswer',
              ringSeconds: 25,
            },
          ],
        },
      },
    });
    const link = await screen.findByRole('link', { name: '+33612345678' });
    expect(screen.getByText(/du lundi au vendredi de 10 h à 13 h/)).toBeDefined();
    expect(link.closest('tr')?.textContent).toContain('Hors des heures d’appel');
    expect(server.requests.map((r) => r.path)).toContain(`${C}/leads?blockedBy=FR.hours&limit=50`);
    await userEvent.setup().click(link);
    await screen.findByRole('heading', { name: 'Fiche +33612345678' });
    expect(await screen.findByText('pas de réponse')).toBeDefined();
    expect(screen.getByText('segment')).toBeDefined();
  });
});

describe('the suppression lists', () => {
  it('flag a list scrubbed more than 30 days ago, and check the upload before sending', async () => {
    const server = open('/suppression', {
      'GET /api/v1/suppression-lists': {
        body: [
          makeSuppressionList({ id: 'old', name: 'Ancienne', scrubbedAt: '2020-01-01T00:00:00Z' }),
        ],
      },
    });
    const row = (await screen.findByText('Ancienne')).closest('tr') as HTMLElement;
    expect(row.textContent).toMatch(/jours : périmée, refusée par le jeu France/);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Identifiant'), 'bad id!');
    await user.click(screen.getByRole('button', { name: 'Charger la liste' }));
    expect(description(screen.getByLabelText('Identifiant'))).toContain('Lettres, chiffres');
    expect(screen.getByLabelText('Nettoyée le').getAttribute('aria-invalid')).toBe('true');
    expect(description(screen.getByLabelText('Fichier CSV'))).toContain(
      'Choisissez un fichier CSV.',
    );
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});
