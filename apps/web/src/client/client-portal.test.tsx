import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import { fetchByPath, makeReport } from '../testing/report-builders.ts';
import { ClientPortal } from './client-portal.tsx';

afterEach(cleanup);

const NOW = Date.UTC(2026, 3, 6, 12);
const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const live = (queueId: string, waiting: number) => ({
  queueId,
  waiting,
  longestWaitingMs: 42_000,
  eligibleAgents: 3,
  availableAgents: 1,
  serviceLevelSample: 4,
  formula: 'offered',
  thresholdSeconds: 20,
  today: {
    offered: 14,
    answered: 12,
    abandoned: 2,
    serviceLevel: 0.75,
    asaSeconds: 9,
    abandonRate: 0.14,
    maxWaitSeconds: 60,
  },
});

function open(path: string, locale: Locale = 'fr') {
  // What the server answers a viewer of client "orbitel": its queues only.
  const server = fetchByPath({
    '/api/v1/realtime/queues': {
      body: {
        at: '2026-04-06T12:00:00Z',
        day: '2026-04-06',
        zone: 'Africa/Casablanca',
        lastSeq: 9,
        queues: [live('orbitel.fr', 3), live('orbitel.ar', 0)],
      },
    },
    '/api/v1/queues': {
      body: {
        items: ['orbitel.fr', 'orbitel.ar'].map((id) => ({
          id,
          clientId: 'orbitel',
          channel: 'voice',
          skills: {},
          serviceLevel: { target: 0.8, thresholdSeconds: 20 },
          ...stored,
        })),
      },
    },
    '/api/v1/clients': { body: { items: [{ id: 'orbitel', name: 'Orbitel', ...stored }] } },
    '/api/v1/reports': { body: makeReport() },
  });
  const location = memoryLocation({ path, record: true });
  render(
    <I18nProvider locale={locale} onLocale={() => undefined}>
      <Router hook={location.hook}>
        <ClientPortal api={new ApiClient(server.fetch)} nowMs={NOW} />
      </Router>
    </I18nProvider>,
  );
  const reports = () => server.asked.filter((u) => u.pathname === '/api/v1/reports');
  return { ...server, reports, location };
}

describe('ClientPortal', () => {
  it('lists the client’s queues live, read-only, with its reports below', async () => {
    const { reports, asked } = open('/');
    expect(await screen.findByRole('heading', { name: 'Vos files, en direct' })).toBeTruthy();
    const table = await screen.findByRole('table', {
      name: 'Vos files, en direct et depuis le début de la journée',
    });
    const rows = within(table)
      .getAllByRole('rowheader')
      .map((r) => r.textContent);
    expect(rows).toEqual(['orbitel.fr', 'orbitel.ar']);
    const fr = within(table).getByRole('row', { name: /orbitel\.fr/ });
    // Below the 80 % target today: marked.
    const sl = within(fr).getAllByRole('cell')[4] as HTMLElement;
    expect(sl.className).toBe('below-target');
    expect(within(table).getByRole('link', { name: 'orbitel.fr' }).getAttribute('href')).toBe(
      '/queue/orbitel.fr',
    );
    // No action, no agent: nothing to press but the report's own settings.
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Afficher le rapport',
    ]);
    await screen.findByRole('table', { name: 'Totaux de la période, par File' });
    expect(reports()).toHaveLength(1);
    expect(reports()[0]?.searchParams.get('dimension')).toBe('queue');
    // Never an agents or sites list.
    expect(
      asked.some((u) => u.pathname === '/api/v1/agents' || u.pathname === '/api/v1/sites'),
    ).toBe(false);
  });

  it('shows one of its queues with that queue’s report', async () => {
    const { reports } = open('/queue/orbitel.fr', 'en');
    expect(await screen.findByRole('heading', { name: 'Queue orbitel.fr' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Live figures' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['orbitel.fr']);
    await waitFor(() => expect(reports()).toHaveLength(1));
    expect(reports()[0]?.searchParams.get('ids')).toBe('orbitel.fr');
    // The entities are fixed on this page.
    expect(screen.queryByLabelText(/Only these/)).toBeNull();
  });

  it('answers "not found" for a queue that is not the client’s, and asks no report for it', async () => {
    const { reports } = open('/queue/voltea.fr', 'en');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Not found: this address is not one of your queues.',
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(reports()).toHaveLength(0);
    cleanup();
    open('/agents', 'fr');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Introuvable : cette adresse n’est pas l’une de vos files.',
    );
  });
});
