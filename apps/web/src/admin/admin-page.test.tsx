import { cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import { fakeFetch, type Routes } from '../testing/fake-server.ts';
import { AdminPage } from './admin-page.tsx';
import { countCsvRows } from './import-page.tsx';

afterEach(cleanup);

const stored = { version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

function openAdmin(path: string, routes: Routes, locale: Locale = 'fr') {
  window.history.replaceState(null, '', `/admin${path}`);
  const server = fakeFetch(routes);
  const Wrapper = (props: { children: ReactNode }): ReactNode => (
    <I18nProvider locale={locale} onLocale={() => undefined}>
      <Router base="/admin">{props.children}</Router>
    </I18nProvider>
  );
  render(<AdminPage api={new ApiClient(server.fetch)} />, { wrapper: Wrapper });
  return server;
}

/** The text that describes a control (its hint and its error), as a screen reader reads it. */
function description(control: HTMLElement): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

describe('an administration form', () => {
  it('checks with the API’s schema before sending, then shows the server’s errors next to their field, keeping the input', async () => {
    const server = openAdmin('/sites/new', {
      'POST /api/v1/sites': (body) =>
        (body as { timeZone: string }).timeZone === 'Mars/Olympus'
          ? {
              status: 400,
              body: {
                error: {
                  code: 'InvalidConfig',
                  message:
                    'site.timeZone: expected an IANA time zone such as Africa/Casablanca, got "Mars/Olympus"',
                  details: { path: 'site.timeZone' },
                },
              },
            }
          : {
              status: 400,
              body: {
                error: {
                  code: 'ValidationFailed',
                  message: 'positions: too many for this licence',
                  details: [
                    { path: 'positions', message: 'too many for this licence' },
                    { path: 'city', message: 'unknown city' },
                  ],
                },
              },
            },
    });
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Centres : nouvelle entrée' });
    await user.type(screen.getByLabelText(/^Identifiant/), 'fes');
    await user.type(screen.getByLabelText(/^Ville/), 'Fès');
    await user.type(screen.getByLabelText(/^Fuseau horaire/), 'Mars/Olympus');
    await user.type(screen.getByLabelText(/^Positions/), '-3');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    // The schema of @relais/protocol refuses -3 here: nothing is sent.
    const positions = screen.getByLabelText(/^Positions/);
    expect(positions.getAttribute('aria-invalid')).toBe('true');
    expect(description(positions)).toContain('Trop petit : nombre doit être >=0');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // Accepted by the schema, refused by the server's engine: the error sits below the time zone.
    await user.clear(positions);
    await user.type(positions, '120');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const zone = screen.getByLabelText(/^Fuseau horaire/);
    await screen.findByText(/expected an IANA time zone/);
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(description(zone)).toContain(
      'expected an IANA time zone such as Africa/Casablanca, got "Mars/Olympus"',
    );
    expect(positions.getAttribute('aria-invalid')).toBeNull();
    expect((zone as HTMLInputElement).value).toBe('Mars/Olympus');
    expect(screen.getByLabelText<HTMLInputElement>(/^Ville/).value).toBe('Fès');
    expect(screen.getByRole('alert').textContent).toContain('1 problème(s)');
    expect(server.requests.at(-1)?.body).toEqual({
      id: 'fes',
      city: 'Fès',
      timeZone: 'Mars/Olympus',
      positions: 120,
    });

    // The server's validation details, one per field.
    await user.clear(zone);
    await user.type(zone, 'Africa/Casablanca');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('too many for this licence');
    expect(description(screen.getByLabelText(/^Positions/))).toContain('too many for this licence');
    expect(description(screen.getByLabelText(/^Ville/))).toContain('unknown city');
    expect(zone.getAttribute('aria-invalid')).toBeNull();
  });

  it('edits a queue’s routing steps and sends them with the version it read', async () => {
    const server = openAdmin(
      '/queues/orbitel.fr',
      {
        'GET /api/v1/queues/orbitel.fr': {
          body: {
            id: 'orbitel.fr',
            clientId: 'orbitel',
            channel: 'voice',
            skills: { fr: 5 },
            steps: [{ afterSeconds: 30, addSites: 'network' }],
            ...stored,
            version: 4,
          },
        },
        'GET /api/v1/clients?limit=1000': {
          body: { items: [{ id: 'orbitel', name: 'O', ...stored }] },
        },
        'GET /api/v1/queues?limit=1000': { body: { items: [] } },
        'GET /api/v1/sites?limit=1000': { body: { items: [] } },
        'PUT /api/v1/queues/orbitel.fr': (body) => ({ body: { ...(body as object), ...stored } }),
      },
      'en',
    );
    const user = userEvent.setup();
    const steps = await screen.findByRole('group', { name: 'Routing steps' });
    const first = within(steps).getByRole('group', { name: 'Step 1' });
    expect(within(first).getByLabelText<HTMLInputElement>('Add sites').value).toBe('network');
    await user.click(within(steps).getByRole('button', { name: 'Add a step' }));
    const second = within(steps).getByRole('group', { name: 'Step 2' });
    await user.type(within(second).getByLabelText(/^After/), '90');
    await user.type(within(second).getByLabelText('Add skills'), 'en:3');
    await user.selectOptions(screen.getByLabelText('Overflow'), 'callback');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Queues' });
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.headers['if-match']).toBe('4');
    expect(put?.body).toEqual({
      id: 'orbitel.fr',
      clientId: 'orbitel',
      channel: 'voice',
      skills: { fr: 5 },
      overflow: { kind: 'callback' },
      steps: [
        { afterSeconds: 30, addSites: 'network' },
        { afterSeconds: 90, addSkills: { en: 3 } },
      ],
    });
  });
});

describe('the agents list', () => {
  it('pages thousands of agents, sorts and filters them, and deletes one after confirmation', async () => {
    const agents = Array.from({ length: 1200 }, (_, i) => ({
      id: `casa-${String(i + 1).padStart(4, '0')}`,
      siteId: i % 2 === 0 ? 'casa' : 'fes',
      skills: { fr: 5 },
      ...stored,
    }));
    const server = openAdmin('/agents', {
      'GET /api/v1/agents?limit=1000': {
        body: { items: agents.slice(0, 1000), next: 'casa-1000' },
      },
      'GET /api/v1/agents?limit=1000&after=casa-1000': { body: { items: agents.slice(1000) } },
      'DELETE /api/v1/agents/casa-0002': { body: { ok: true } },
    });
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Agents : toutes les entrées' });
    expect(screen.getByText(/^1\s200 affiché\(s\) sur 1\s200$/)).toBeDefined();
    expect(within(table).getAllByRole('row')).toHaveLength(51); // a header and a page of 50
    expect(screen.getByText('Page 1 sur 24')).toBeDefined();
    await user.click(within(table).getByRole('button', { name: /^Identifiant/ }));
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('casa-1200');
    await user.type(screen.getByLabelText('Filtrer'), 'casa-000');
    expect(within(table).getAllByRole('row')).toHaveLength(10);
    await user.click(within(table).getByRole('button', { name: 'Supprimer casa-0002' }));
    await user.click(within(table).getByRole('button', { name: 'Oui, supprimer' }));
    await screen.findByText('casa-0002 supprimé.');
    expect(within(table).getAllByRole('row')).toHaveLength(9);
    expect(server.requests.at(-1)?.method).toBe('DELETE');
  });
});

describe('webhooks and API keys', () => {
  it('asks for a webhook’s write-only secret again on edit, and shows its deliveries', async () => {
    const server = openAdmin(
      '/webhooks',
      {
        'GET /api/v1/webhooks?limit=1000': {
          body: {
            items: [
              {
                id: 'crm',
                url: 'https://crm.example/hook',
                events: ['*'],
                active: true,
                ...stored,
              },
            ],
          },
        },
        'GET /api/v1/webhooks/crm': {
          body: {
            id: 'crm',
            url: 'https://crm.example/hook',
            events: ['*'],
            active: true,
            ...stored,
          },
        },
        'GET /api/v1/webhooks/crm/deliveries?limit=1000': {
          body: {
            items: [
              {
                id: 7,
                webhookId: 'crm',
                eventSeq: 42,
                attempts: 3,
                status: 'failed',
                nextAttemptAt: '2026-01-01T00:00:00Z',
                lastStatusCode: 503,
                lastError: 'Service Unavailable',
                updatedAt: '2026-01-01T00:00:00Z',
              },
            ],
          },
        },
      },
      'en',
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('link', { name: 'Edit crm' }));
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    const secret = screen.getByLabelText(/^Signing secret/);
    expect(secret.getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
    await user.click(screen.getByRole('link', { name: 'Back to Webhooks' }));
    await user.click(await screen.findByRole('link', { name: 'Deliveries crm' }));
    const table = await screen.findByRole('table', { name: 'Deliveries, newest first' });
    expect(within(table).getAllByRole('row')[1]?.textContent).toBe(
      '42failed3HTTP 503 · Service Unavailable2026-01-01T00:00:00Z',
    );
  });

  it('shows a new API key’s secret once', async () => {
    const key = {
      id: 'k1',
      name: 'IVR',
      role: 'admin',
      scope: {},
      createdAt: '2026-01-01T00:00:00Z',
    };
    let keys: object[] = [];
    openAdmin(
      '/api-keys',
      {
        'GET /api/v1/api-keys': () => ({ body: { items: keys } }),
        'GET /api/v1/agents?limit=1000': { body: { items: [] } },
        'GET /api/v1/clients?limit=1000': { body: { items: [] } },
        'POST /api/v1/api-keys': () => {
          keys = [key];
          return { status: 201, body: { ...key, key: 'rk_k1.secret-shown-once' } };
        },
      },
      'en',
    );
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New API key' });
    await user.type(within(form).getByLabelText(/^Name/), 'IVR');
    await user.selectOptions(within(form).getByLabelText(/^Role/), 'admin');
    await user.click(within(form).getByRole('button', { name: 'Create the key' }));
    expect(screen.getByLabelText<HTMLInputElement>('Secret').value).toBe('rk_k1.secret-shown-once');
    await screen.findByRole('rowheader', { name: 'IVR' });
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByLabelText('Secret')).toBeNull();
  });
});

describe('the users list', () => {
  it('changes a user’s role and scope, starting from what is stored, and shows a refusal by field', async () => {
    const planner = {
      id: 'u1',
      username: 'nadia',
      role: 'planner',
      scope: {},
      createdAt: '2026-01-01T00:00:00Z',
    };
    let users: object[] = [planner];
    const sent: unknown[] = [];
    openAdmin(
      '/users',
      {
        'GET /api/v1/users': () => ({ body: { items: users } }),
        'GET /api/v1/agents?limit=1000': { body: { items: [] } },
        'GET /api/v1/clients?limit=1000': { body: { items: [] } },
        'PUT /api/v1/users/u1': (body) => {
          sent.push(body);
          const scope = (body as { scope?: { siteIds?: string[] } }).scope ?? {};
          if (scope.siteIds === undefined)
            return {
              status: 400,
              body: {
                error: {
                  code: 'ValidationFailed',
                  message: 'invalid body',
                  details: [{ path: 'scope.siteIds', message: 'a supervisor needs siteIds' }],
                },
              },
            };
          users = [{ ...planner, ...(body as object) }];
          return { body: users[0] };
        },
      },
      'en',
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Role and scope nadia' }));
    const form = screen.getByRole('form', { name: 'Role and scope of nadia' });
    const role = within(form).getByLabelText<HTMLSelectElement>(/^Role/);
    expect(role.value).toBe('planner');
    await user.selectOptions(role, 'supervisor');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(description(within(form).getByLabelText(/^Sites/))).toContain(
      'a supervisor needs siteIds',
    );
    await user.type(within(form).getByLabelText(/^Sites/), 'casa rabat');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText(/The role and scope of nadia are saved/);
    expect(sent.at(-1)).toEqual({ role: 'supervisor', scope: { siteIds: ['casa', 'rabat'] } });
    expect(screen.queryByRole('form', { name: 'Role and scope of nadia' })).toBeNull();
  });
});

describe('the CSV import', () => {
  const csv = 'id,siteId,skills\nr-01,rabat,fr:7\nr-02,nowhere,fr:5\n';

  it('previews the row count, then shows the rejected rows and says nothing was imported', async () => {
    let accept = false;
    const server = openAdmin('/import/agents', {
      'POST /api/v1/imports/agents': () =>
        accept
          ? {
              body: {
                kind: 'agents',
                rows: 2,
                imported: 2,
                created: 2,
                replaced: 0,
                dryRun: false,
              },
            }
          : {
              status: 422,
              body: {
                error: {
                  code: 'ImportRejected',
                  message: '1 of 2 row(s) rejected; nothing was imported',
                  details: {
                    kind: 'agents',
                    rows: 2,
                    rejected: [
                      {
                        line: 3,
                        id: 'r-02',
                        field: 'agent.siteId',
                        message: 'no site with id "nowhere"; configure it first',
                      },
                    ],
                  },
                },
              },
            },
    });
    const user = userEvent.setup();
    const picker = await screen.findByLabelText('Fichier CSV');
    expect(screen.getByText('Aucun fichier choisi.')).toBeDefined();
    await user.upload(picker, new File([csv], 'agents.csv', { type: 'text/csv' }));
    await screen.findByText('agents.csv : 2 ligne(s) (Agents).');
    expect(screen.getByText(/Si une seule ligne est rejetée, rien n’est importé/)).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Importer' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Rien n’a été importé : 1 ligne(s) sur 2 rejetée(s). Corrigez-les et importez à nouveau le fichier.',
    );
    const table = screen.getByRole('table', { name: 'Lignes rejetées' });
    const cells = [...(within(table).getAllByRole('row')[1]?.querySelectorAll('th, td') ?? [])].map(
      (cell) => cell.textContent,
    );
    expect(cells).toEqual([
      '3',
      'r-02',
      'agent.siteId',
      'no site with id "nowhere"; configure it first',
    ]);
    const upload = server.requests.find((r) => r.method === 'POST');
    expect(upload?.headers['content-type']).toBe('text/csv');
    expect(upload?.body).toBe(csv);

    accept = true;
    await user.click(screen.getByRole('button', { name: 'Importer' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      '2 ligne(s) importée(s) (Agents) : 2 nouvelle(s), 0 remplacée(s).',
    );
    expect(screen.queryByRole('table', { name: 'Lignes rejetées' })).toBeNull();
  });

  it('counts rows the way a CSV reader does', () => {
    expect(countCsvRows('id,name\n')).toBe(0);
    expect(countCsvRows('id,name\r\na,"two\nlines"\r\n\r\nb,B')).toBe(2);
  });
});
