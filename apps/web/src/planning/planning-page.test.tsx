import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ForecastResult, WhatIfRun } from '@relais/protocol';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import { fakeFetch, type Routes } from '../testing/fake-server.ts';
import { PlanningPage } from './planning-page.tsx';

// uPlot draws on a canvas, which the simulated DOM lacks: the charts are checked by what they
// are given to draw.
const charts = vi.hoisted(() => [] as { series: { label?: string }[]; data: unknown[][] }[]);
vi.mock('uplot', () => {
  class FakePlot {
    width = 720;
    static paths = { bars: () => () => null, stepped: () => () => null };
    constructor(options: { series: { label?: string }[] }, data: unknown[][]) {
      charts.push({ series: options.series, data });
    }
    setSize(): void {}
    destroy(): void {}
  }
  return { default: FakePlot };
});

/** Text with Intl's narrow and no-break spaces as plain spaces. */
const text = (element: Element): string => (element.textContent ?? '').replace(/\s/g, ' ');

afterEach(() => {
  cleanup();
  charts.length = 0;
});

const NOW = Date.UTC(2026, 3, 5, 12); // Sunday 5 April 2026: tomorrow is Monday the 6th

const interval = (
  start: string,
  startUtc: string,
  required: number,
  scheduled: number | null,
): ForecastResult['intervals'][number] => ({
  start,
  startUtc,
  offered: 20,
  ahtSeconds: 180,
  agents: Math.round(required * 0.7),
  requiredPositions: required,
  scheduledPositions: scheduled,
  predictedServiceLevel: 0.85,
  scheduledServiceLevel: scheduled === null ? null : 0.6,
});

const FORECAST: ForecastResult = {
  queueId: 'support',
  date: '2026-04-06',
  zone: 'Africa/Casablanca',
  intervalMinutes: 30,
  method: 'weekday-profile',
  history: { from: '2026-02-09', to: '2026-04-05', days: 56, offered: 6720 },
  settings: {
    model: 'erlang-c',
    serviceLevelTarget: 0.8,
    thresholdSeconds: 20,
    shrinkage: 0.3,
  },
  scheduleSource: 'configured-agents',
  intervals: [
    interval('09:00', '2026-04-06T08:00:00.000Z', 6, 4),
    interval('09:30', '2026-04-06T08:30:00.000Z', 7, 8),
  ],
};

const FORECAST_URL =
  'GET /api/v1/planning/forecast?queueId=support&date=2026-04-06&intervalMinutes=30&weeks=8&model=erlang-c&serviceLevelTarget=0.8&thresholdSeconds=20&shrinkage=0.3';

const base: Routes = {
  'GET /api/v1/queues?limit=1000': {
    body: {
      items: [
        { id: 'support', serviceLevel: { target: 0.8, thresholdSeconds: 20 } },
        { id: 'sales' },
      ],
    },
  },
  'GET /api/v1/sites?limit=1': {
    body: { items: [{ id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca' }] },
  },
  [FORECAST_URL]: { body: FORECAST },
};

function show(routes: Routes, locale: Locale = 'fr', role: 'planner' | 'supervisor' = 'planner') {
  const server = fakeFetch({ ...base, ...routes });
  const page = (): ReactNode => (
    <I18nProvider locale={locale} onLocale={() => undefined}>
      <PlanningPage api={new ApiClient(server.fetch)} role={role} now={() => NOW} />
    </I18nProvider>
  );
  render(page());
  return server;
}

async function showForecast(): Promise<void> {
  const queue = await screen.findByLabelText<HTMLSelectElement>('File');
  await waitFor(() => expect(queue.value).toBe('support'));
  expect(screen.getByLabelText<HTMLInputElement>('Jour').value).toBe('2026-04-06');
  await userEvent.click(screen.getByRole('button', { name: 'Afficher la prévision' }));
  await screen.findByRole('table', { name: /Prévision et positions par intervalle/ });
}

describe('the planning page', () => {
  it('shows the forecast and required versus scheduled positions as charts and a table', async () => {
    show({});
    await showForecast();
    const table = screen.getByRole('table', { name: /lundi 6 avril 2026/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    // 09:00 in Casablanca, 4 scheduled for 6 required: 2 short.
    expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toBe('09:00');
    expect(
      within(rows[1] as HTMLElement)
        .getAllByRole('cell')
        .map(text),
    ).toEqual(['20', '180 s', '4', '6', '4', '-2', '85 %', '60 %']);
    expect(screen.getByText(/agents configurés avec les compétences de la file/)).toBeDefined();
    const positions = charts.find((c) => c.series.some((s) => s.label === 'Positions requises'));
    expect(positions?.data.slice(1)).toEqual([
      [6, 7],
      [4, 8],
    ]);
    expect(charts.some((c) => c.series.some((s) => s.label === 'Contacts prévus'))).toBe(true);
  });

  it('checks the settings as the server does and puts its errors next to the field', async () => {
    const server = show({});
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLSelectElement>('File').value).toBe('support'),
    );
    const form = screen.getByRole('form', { name: 'File, jour et objectifs' });
    const sl = within(form).getByLabelText('Objectif de niveau de service (%)');
    await userEvent.clear(sl);
    await userEvent.type(sl, '100');
    await userEvent.click(screen.getByRole('button', { name: 'Afficher la prévision' }));
    expect(sl.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText(/supérieur à 0 et inférieur à 100/)).toBeDefined();
    expect(server.requests.some((r) => r.path.startsWith('/api/v1/planning/forecast'))).toBe(false);
  });

  it('lets the planner enter the day’s schedule', async () => {
    const server = show({
      'PUT /api/v1/planning/schedules/support/2026-04-06': (body) => ({ body }),
    });
    await showForecast();
    await userEvent.click(screen.getByRole('button', { name: 'Modifier le planning' }));
    const at0900 = screen.getByLabelText('Positions planifiées à 09:00');
    await userEvent.clear(at0900);
    await userEvent.type(at0900, '6');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le planning' }));
    await waitFor(() =>
      expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
        intervalMinutes: 30,
        intervals: [
          { start: '09:00', positions: 6 },
          { start: '09:30', positions: 8 },
        ],
      }),
    );
  });
  it('reads a schedule file into the table, saying which lines it refused', async () => {
    const server = show({
      'PUT /api/v1/planning/schedules/support/2026-04-06': (body) => ({ body }),
    });
    await showForecast();
    await userEvent.click(screen.getByRole('button', { name: 'Modifier le planning' }));
    const file = new File(['début;positions\n9:00;7\n09:30;beaucoup\n'], 'planning.csv', {
      type: 'text/csv',
    });
    await userEvent.upload(screen.getByLabelText('Ou lire un fichier'), file);
    expect((await screen.findByRole('status')).textContent).toMatch(
      /1 intervalles de ce jour remplis ; lignes refusées : 3/,
    );
    expect(screen.getByLabelText<HTMLInputElement>('Positions planifiées à 09:00').value).toBe('7');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le planning' }));
    await waitFor(() =>
      expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
        intervalMinutes: 30,
        intervals: [
          { start: '09:00', positions: 7 },
          { start: '09:30', positions: 8 },
        ],
      }),
    );
  });
});

describe('the Erlang calculator', () => {
  it('computes, refuses a bad value before sending, and shows the server’s refusal by the field', async () => {
    let answer: 'ok' | 'refuse' = 'ok';
    const server = show({
      'POST /api/v1/planning/erlang': () =>
        answer === 'ok'
          ? {
              body: {
                model: 'erlang-c',
                trafficErlangs: 10,
                agents: 14,
                positions: 20,
                serviceLevel: 0.8752,
                asaSeconds: 6.1,
                occupancy: 0.714,
                pWait: 0.3,
                pAbandon: 0,
                meetsTarget: true,
              },
            }
          : {
              status: 400,
              body: {
                error: {
                  code: 'ValidationFailed',
                  message: 'ahtSeconds: too long',
                  details: [{ path: 'ahtSeconds', message: 'too long' }],
                },
              },
            },
    });
    const calculator = screen.getByRole('region', { name: 'Calculateur Erlang' });
    const compute = within(calculator).getByRole('button', { name: 'Calculer' });
    await userEvent.click(compute);
    expect((await within(calculator).findByTestId('erlang-agents')).textContent).toBe('14');
    expect(within(calculator).getByTestId('erlang-positions').textContent).toBe('20');
    expect(within(calculator).getByText('Atteint l’objectif')).toBeDefined();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      callsPerInterval: 100,
      ahtSeconds: 180,
      intervalMinutes: 30,
      model: 'erlang-c',
      serviceLevelTarget: 0.8,
      thresholdSeconds: 20,
      shrinkage: 0.3,
    });

    // Erlang A without a patience: refused here, as the server would.
    await userEvent.selectOptions(within(calculator).getByLabelText('Modèle'), 'erlang-a');
    await userEvent.click(compute);
    const patience = within(calculator).getByLabelText('Patience moyenne (s)');
    expect(patience.getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    await userEvent.selectOptions(within(calculator).getByLabelText('Modèle'), 'erlang-c');
    answer = 'refuse';
    await userEvent.click(compute);
    const aht = within(calculator).getByLabelText('Durée moyenne de traitement (s)');
    await waitFor(() => expect(aht.getAttribute('aria-invalid')).toBe('true'));
    expect(within(calculator).getByText('(too long)')).toBeDefined();
  });
});

describe('the what-if run', () => {
  it('shows the progress, then the achieved service level beside the predicted', async () => {
    const running = (progress: number): WhatIfRun => ({
      id: 'run-1',
      queueId: 'support',
      date: '2026-04-06',
      status: 'running',
      progress,
      startedAt: '2026-04-05T12:00:00.000Z',
      staffing: 'required',
      replications: 5,
    });
    const polls: WhatIfRun[] = [
      running(40),
      {
        ...running(100),
        status: 'done',
        finishedAt: '2026-04-05T12:00:03.000Z',
        intervals: [
          {
            start: '09:00',
            offered: 20,
            agents: 4,
            predictedServiceLevel: 0.85,
            achievedServiceLevel: 0.81,
            achievedCi95: 0.03,
            predictedAbandonRate: 0,
            achievedAbandonRate: 0,
          },
        ],
        totals: { predictedServiceLevel: 0.85, achievedServiceLevel: 0.81 },
      },
    ];
    const server = show({
      'POST /api/v1/planning/what-if': { status: 202, body: running(0) },
      'GET /api/v1/planning/what-if/run-1': () => ({ body: polls.shift() }),
    });
    expect(screen.getByText(/Affichez d’abord une prévision/)).toBeDefined();
    await showForecast();
    await userEvent.click(screen.getByRole('button', { name: 'Lancer la simulation' }));
    const bar = await screen.findByRole('progressbar', { name: 'Avancement de la simulation' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('40'), { timeout: 3000 });
    const table = await screen.findByRole(
      'table',
      { name: /Résultat de la simulation/ },
      { timeout: 3000 },
    );
    expect(within(table).getAllByRole('cell').map(text).slice(0, 4)).toEqual([
      '20',
      '4',
      '85 %',
      '81 %',
    ]);
    expect(screen.getByText(/81 % obtenu contre 85 % prévu/)).toBeDefined();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      queueId: 'support',
      date: '2026-04-06',
      staffing: 'required',
      replications: 5,
      serviceLevelTarget: 0.8,
    });
    const whatIf = charts.find((c) => c.series.some((s) => s.label === 'NS obtenu (simulé)'));
    // Predicted, achieved, and the target of the forecast's settings.
    expect(whatIf?.data.slice(1)).toEqual([[0.85], [0.81], [0.8]]);
  });

  it('says so when the run is lost, and lets the planner start another', async () => {
    show({
      'POST /api/v1/planning/what-if': {
        status: 202,
        body: {
          id: 'run-2',
          queueId: 'support',
          date: '2026-04-06',
          status: 'running',
          progress: 0,
          startedAt: '2026-04-05T12:00:00.000Z',
          staffing: 'scheduled',
          replications: 5,
        },
      },
    });
    await showForecast();
    await userEvent.selectOptions(screen.getByLabelText('Effectif simulé'), 'scheduled');
    const start = screen.getByRole('button', { name: 'Lancer la simulation' });
    await userEvent.click(start);
    expect(
      await screen.findByText(/La simulation a échoué : no GET/, {}, { timeout: 3000 }),
    ).toBeDefined();
    expect(start.hasAttribute('disabled')).toBe(false);
  });

  it('is not offered to supervisors, who may still read the forecast', async () => {
    show({}, 'en', 'supervisor');
    expect(await screen.findByRole('heading', { name: 'Planning', level: 1 })).toBeDefined();
    expect(screen.queryByRole('heading', { name: 'What-if run on the simulator' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Erlang calculator' })).toBeDefined();
  });
});
