import type { DemoStatus } from '@relais/protocol';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import { fakeFetch, type Routes } from '../testing/fake-server.ts';
import { DemoBar, simulatedClock } from './demo-bar.tsx';

afterEach(cleanup);

const demo = (change: Partial<DemoStatus> = {}): DemoStatus => ({
  speed: 10,
  paused: false,
  day: 2,
  simulatedTime: '10:42',
  dayStart: '08:00',
  dayEnd: '20:00',
  agentsSimulated: 465,
  agentsOnShift: 231,
  arrivalsPerHour: 3600,
  arrivalsToday: 1200,
  ...change,
});

function show(
  routes: Routes,
  role: 'admin' | 'supervisor' | 'planner' | 'agent',
  locale: Locale = 'fr',
) {
  const { fetch, requests } = fakeFetch(routes);
  const view = render(
    <I18nProvider locale={locale} onLocale={() => undefined}>
      <header>
        <DemoBar api={new ApiClient(fetch)} role={role} />
      </header>
    </I18nProvider>,
  );
  return { requests, view };
}

/** Lets the pending answers of the fake server reach the component. */
const settle = (): Promise<void> =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

describe('the demo bar', () => {
  it('shows the simulated time and speed, and lets a supervisor change the speed', async () => {
    let current = demo();
    const { requests } = show(
      {
        'GET /api/v1/demo': () => ({ body: current }),
        'PUT /api/v1/demo': (body) => {
          current = { ...current, ...(body as Partial<DemoStatus>) };
          return { body: current };
        },
      },
      'supervisor',
    );
    const bar = await screen.findByRole('group', { name: 'Démo' });
    expect(bar.textContent).toContain('Démo — heure simulée 10:42, vitesse 10×');
    expect(bar.textContent).toContain('jour 2');
    expect(bar.textContent).toContain('231 agents simulés en poste');
    const speed = within(bar).getByLabelText('Vitesse');
    expect(
      within(speed)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['1×', '5×', '10×', '30×', '60×']);
    await userEvent.selectOptions(speed, '60');
    await screen.findByText(/vitesse 60×/);
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([{ speed: 60 }]);
    await userEvent.click(within(bar).getByRole('button', { name: 'Pause' }));
    await within(bar).findByRole('button', { name: 'Reprendre' });
    expect(bar.textContent).toContain('en pause');
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', body: { paused: true } });
    // The write carries nothing but what changed; the server's answer is what is shown.
    await userEvent.click(within(bar).getByRole('button', { name: 'Reprendre' }));
    await within(bar).findByRole('button', { name: 'Pause' });
    expect(requests.at(-1)).toMatchObject({ method: 'PUT', body: { paused: false } });
  });

  it('shows no control to a planner or an agent, only the time', async () => {
    for (const role of ['planner', 'agent'] as const) {
      show({ 'GET /api/v1/demo': { body: demo({ speed: 5 }) } }, role, 'en');
      const bar = await screen.findByRole('group', { name: 'Demo' });
      expect(bar.textContent).toContain('Demo — simulated time 10:42, speed 5×');
      expect(within(bar).queryByRole('combobox')).toBeNull();
      expect(within(bar).queryByRole('button')).toBeNull();
      cleanup();
    }
  });

  it('shows nothing when the server runs no demo (404)', async () => {
    const { requests, view } = show({}, 'admin');
    await settle();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/demo']);
    expect(view.container.querySelector('.demo-bar')).toBeNull();
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('says so when the server refuses a change, next to the control', async () => {
    show(
      {
        'GET /api/v1/demo': { body: demo({ speed: 2.5 }) },
        'PUT /api/v1/demo': {
          status: 403,
          body: { error: { code: 'Forbidden', message: 'role planner may not PUT /api/v1/demo' } },
        },
      },
      'admin',
      'en',
    );
    const bar = await screen.findByRole('group', { name: 'Demo' });
    // A speed set elsewhere (2.5 through the API) is listed with the usual ones.
    const speed = within(bar).getByLabelText('Speed');
    expect((speed as HTMLSelectElement).value).toBe('2.5');
    expect(within(speed).getAllByRole('option')).toHaveLength(6);
    await userEvent.selectOptions(speed, '30');
    expect((await within(bar).findByRole('alert')).textContent).toContain(
      'Not changed: role planner may not PUT /api/v1/demo',
    );
    expect(bar.textContent).toContain('speed 2.5×');
  });
});

describe('the simulated clock between readings', () => {
  const seen = (change: Partial<DemoStatus>) => ({ status: demo(change), atMs: 1_000_000 });
  it('moves on at the speed, stands still when paused, stops at the end of the day', () => {
    expect(simulatedClock(seen({ speed: 60 }), 1_000_000)).toBe('10:42');
    expect(simulatedClock(seen({ speed: 60 }), 1_003_000)).toBe('10:45');
    expect(simulatedClock(seen({ speed: 1 }), 1_059_000)).toBe('10:42');
    expect(simulatedClock(seen({ speed: 1 }), 1_060_000)).toBe('10:43');
    expect(simulatedClock(seen({ speed: 60, paused: true }), 1_010_000)).toBe('10:42');
    expect(simulatedClock(seen({ speed: 60, simulatedTime: '19:58' }), 1_010_000)).toBe('20:00');
  });
});
