import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReportView, Role } from '@relais/protocol';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import { fetchByPath, makeReport, type PathAnswer } from '../testing/report-builders.ts';
import { ReportsView } from './reports-view.tsx';

afterEach(cleanup);

/** Text with Intl's no-break spaces as plain ones. */
const text = (element: Element): string => (element.textContent ?? '').replace(/\s/g, ' ');

const NOW = Date.UTC(2026, 3, 6, 12);
const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const LISTS: Record<string, PathAnswer> = {
  '/api/v1/queues': {
    body: {
      items: [
        {
          id: 'q1',
          clientId: 'orbitel',
          channel: 'voice',
          skills: {},
          serviceLevel: { target: 0.8, thresholdSeconds: 20 },
          ...stored,
        },
        {
          id: 'q2',
          clientId: 'voltea',
          channel: 'voice',
          skills: {},
          serviceLevel: { target: 0.8, thresholdSeconds: 20 },
          ...stored,
        },
      ],
    },
  },
  '/api/v1/clients': {
    body: {
      items: [
        { id: 'orbitel', name: 'Orbitel', ...stored },
        { id: 'voltea', name: 'Voltéa', ...stored },
      ],
    },
  },
  '/api/v1/sites': {
    body: {
      items: [
        { id: 'casa', city: 'Casablanca', timeZone: 'Africa/Casablanca', positions: 50, ...stored },
      ],
    },
  },
  '/api/v1/agents': {
    body: { items: [{ id: 'a1', name: 'Amina', siteId: 'casa', skills: {}, ...stored }] },
  },
};

function open(
  role: Role,
  routes: Record<string, PathAnswer | ((url: URL) => PathAnswer)> = {},
  locale: Locale = 'fr',
  pending: string[] = [],
) {
  const server = fetchByPath(
    { ...LISTS, '/api/v1/reports': { body: makeReport() }, ...routes },
    pending,
  );
  const wrap = (children: ReactNode) => (
    <I18nProvider locale={locale} onLocale={() => undefined}>
      {children}
    </I18nProvider>
  );
  render(wrap(<ReportsView api={new ApiClient(server.fetch)} role={role} nowMs={NOW} />));
  const reports = () => server.asked.filter((u) => u.pathname === '/api/v1/reports');
  return { ...server, reports };
}

describe('ReportsView', () => {
  it('shows today by queue: summary in the site zone, charts with their table, totals, formulas and the CSV link', async () => {
    const { reports } = open('planner');
    await screen.findByText(/Rapport par File du 6 avril 2026 au 6 avril 2026/);
    expect(screen.getByText(/Heures en Africa\/Casablanca/)).toBeTruthy();
    const asked = reports()[0] as URL;
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      dimension: 'queue',
      from: '2026-04-06',
      to: '2026-04-07',
      interval: '60',
    });
    // Three charts, each named by its caption and pointing at the table of the same values.
    const charts = screen.getAllByRole('img');
    expect(charts.map((c) => c.getAttribute('aria-labelledby') !== null)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      screen.getByText(
        /^Niveau de service par intervalle face à l’objectif \(80\s%, en pointillés\)$/,
      ),
    ).toBeTruthy();
    const intervals = screen.getByRole('table', { name: /Par intervalle/ });
    expect(charts[0]?.getAttribute('aria-describedby')).toBe(
      intervals.querySelector('caption')?.id,
    );
    const rows = within(intervals).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toBe('10:00');
    expect(
      within(rows[1] as HTMLElement)
        .getAllByRole('cell')
        .map(text),
    ).toEqual(expect.arrayContaining(['10', '8', '2', '75 %', '12 s', '245 s']));
    const totals = screen.getByRole('table', { name: 'Totaux de la période, par File' });
    const q1 = within(totals).getByRole('row', { name: /q1/ });
    expect(within(q1).getAllByRole('cell').map(text)).toEqual(
      expect.arrayContaining(['14', '12', '81,3 %', '9 s', '230 s', 'offered, T = 20 s']),
    );
    // The formulas used, in French, with their symbolic form.
    const formulas = screen.getByRole('region', { name: 'Comment chaque chiffre est calculé' });
    expect(formulas.textContent).toContain('Niveau de service (offered)');
    expect(formulas.textContent).toContain(
      'répondus en moins de T / (répondus + abandonnés − abandons courts)',
    );
    expect(formulas.textContent).toContain('ans(T) / (ans + ab − short)');
    expect(formulas.textContent).toContain(
      '(conversation + attente + travail après appel) / traités',
    );
    expect(formulas.textContent).toContain('KPI.md');
    // CSV of what is shown: the same query, French Excel's separator.
    const csv = screen.getByRole('link', { name: 'Télécharger le CSV' });
    const href = new URL(csv.getAttribute('href') ?? '', 'http://relais.test');
    expect(href.pathname).toBe('/api/v1/reports');
    expect(Object.fromEntries(href.searchParams)).toEqual({
      dimension: 'queue',
      from: '2026-04-06',
      to: '2026-04-07',
      interval: '60',
      format: 'csv',
      separator: ';',
    });
  });

  it('asks for the chosen range, interval, dimension and entities, and the CSV link follows', async () => {
    const user = userEvent.setup();
    const { reports } = open('admin', {}, 'en');
    await screen.findByText(/queue report from/i);
    await user.selectOptions(screen.getByLabelText('Report by'), 'client');
    await user.selectOptions(screen.getByLabelText('Only these (Client)'), ['voltea']);
    await user.selectOptions(screen.getByLabelText('Interval'), 'day');
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-04-01');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'Africa/Casablanca');
    await user.click(screen.getByRole('button', { name: 'Show report' }));
    await waitFor(() => expect(reports()).toHaveLength(2));
    expect(Object.fromEntries((reports()[1] as URL).searchParams)).toEqual({
      dimension: 'client',
      from: '2026-04-01',
      to: '2026-04-07',
      interval: 'day',
      ids: 'voltea',
      zone: 'Africa/Casablanca',
    });
    const csv = await screen.findByRole('link', { name: 'Download CSV' });
    const href = new URL(csv.getAttribute('href') ?? '', 'http://relais.test');
    expect(href.searchParams.get('ids')).toBe('voltea');
    expect(href.searchParams.get('interval')).toBe('day');
    expect(href.searchParams.get('separator')).toBe(',');
  });

  it('narrows queues to a client’s: the report asks for that client’s queues only', async () => {
    const user = userEvent.setup();
    const { reports } = open('planner', {}, 'en');
    await screen.findByText(/queue report from/i);
    await user.selectOptions(screen.getByLabelText('Queues of client'), 'voltea');
    const only = screen.getByLabelText('Only these (Queue)');
    expect(
      within(only)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['q2']);
    await user.click(screen.getByRole('button', { name: 'Show report' }));
    await waitFor(() => expect(reports()).toHaveLength(2));
    expect((reports()[1] as URL).searchParams.get('ids')).toBe('q2');
  });

  it('offers each role only its dimensions', async () => {
    open('supervisor', {}, 'en');
    const by = await screen.findByLabelText('Report by');
    expect(
      within(by)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['queue', 'site', 'agent']);
    cleanup();
    open('clientViewer', { '/api/v1/sites': { body: { items: [] } } }, 'en');
    const viewer = await screen.findByLabelText('Report by');
    expect(
      within(viewer)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['queue', 'client']);
    // No site is visible to a client viewer: no zone to choose, the server's default is used.
    expect(screen.queryByLabelText('Time zone')).toBeNull();
  });

  it('refuses a reversed range before asking the server', async () => {
    const user = userEvent.setup();
    const { reports } = open('planner', {}, 'en');
    await screen.findByText(/queue report from/i);
    const to = screen.getByLabelText('To (included)');
    await user.clear(to);
    await user.type(to, '2026-04-01');
    await user.click(screen.getByRole('button', { name: 'Show report' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The end date must be on or after the start date.',
    );
    expect(reports()).toHaveLength(1);
  });

  it('shows progress while a report loads, and the server’s refusal when it refuses', async () => {
    open('planner', {}, 'en', ['/api/v1/reports']);
    const status = await screen.findByRole('status');
    expect(within(status).getByRole('progressbar', { name: 'Loading report' })).toBeTruthy();
    expect(status.textContent).toContain('Loading the report for 1 day(s)…');
    cleanup();
    open(
      'clientViewer',
      {
        '/api/v1/reports': {
          status: 403,
          body: { error: { code: 'Forbidden', message: 'ids: outside your scope: q9' } },
        },
      },
      'en',
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Refused: ids: outside your scope: q9',
    );
  });

  it('folds the interval table of a long range, and opens it on demand', async () => {
    const user = userEvent.setup();
    const one = makeReport().intervals[0] as ReportView['intervals'][number];
    const intervals = Array.from({ length: 200 }, (_, i) => {
      const at = Date.UTC(2026, 3, 6) + i * 900_000;
      return {
        ...one,
        startUtc: new Date(at).toISOString(),
        start: new Date(at).toISOString().slice(0, 16),
      };
    });
    open('planner', { '/api/v1/reports': { body: makeReport({ intervals }) } }, 'en');
    const summary = await screen.findByText('Values per interval (rows: 200)');
    const details = summary.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await user.click(summary);
    expect(details.open).toBe(true);
    expect(within(details).getAllByRole('row')).toHaveLength(201);
  });

  it('says so when the range has no activity', async () => {
    open(
      'planner',
      {
        '/api/v1/reports': {
          body: makeReport({ lines: [], totals: [], intervals: [], serviceLevel: {} }),
        },
      },
      'en',
    );
    expect(await screen.findByText('No contact and no agent activity in this range.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
