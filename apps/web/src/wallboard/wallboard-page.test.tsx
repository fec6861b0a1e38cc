import type { WallboardAgent, WallboardMessage, WallboardQueue } from '@relais/protocol';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locale-choice.ts';
import { fakeSockets, type FakeSocket } from '../testing/fake-socket.ts';
import { fakeFetch } from '../testing/fake-server.ts';
import { WallboardPage } from './wallboard-page.tsx';

afterEach(cleanup);

const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const NOW = Date.now();

const agent = (id: string, extra: Partial<WallboardAgent> = {}): WallboardAgent => ({
  id,
  name: `Agent ${id}`,
  siteId: 'casa',
  state: 'available',
  sinceMs: NOW - 65_000,
  skills: { fr: 5 },
  ...extra,
});
const queue = (id: string, extra: Partial<WallboardQueue> = {}): WallboardQueue => ({
  id,
  clientId: 'orbitel',
  channel: 'voice',
  waiting: 0,
  oldestSinceMs: null,
  eligibleAgents: 3,
  availableAgents: 1,
  estimatedWaitMs: null,
  serviceLevel: 0.9,
  target: 0.8,
  thresholdSeconds: 20,
  homeSiteId: 'casa',
  ...extra,
});
const snapshot = (agents: WallboardAgent[], queues: WallboardQueue[]): WallboardMessage => ({
  type: 'wallboard',
  full: true,
  seq: 10,
  atMs: NOW,
  agents,
  queues,
  sites: [
    {
      id: 'casa',
      city: 'Casablanca',
      timeZone: 'Africa/Casablanca',
      positions: 300,
      agentsByState: {
        loggedOut: 0,
        available: agents.length,
        paused: 0,
        reserved: 0,
        busy: 0,
        wrapUp: 0,
      },
    },
  ],
});

function open(path = '/', locale: Locale = 'en') {
  const server = fakeFetch({
    'GET /api/v1/pause-codes?limit=1000': {
      body: { items: [{ id: 'lunch', label: 'Lunch', ...stored }] },
    },
    'GET /api/v1/skills?limit=1000': { body: { items: [{ id: 'fr', ...stored }] } },
    'GET /api/v1/queues?limit=1000': { body: { items: [] } },
    'GET /api/v1/realtime/queues': {
      body: {
        at: new Date(NOW).toISOString(),
        day: '2026-11-26',
        zone: 'UTC',
        lastSeq: 1,
        queues: [],
      },
    },
    'PUT /api/v1/agents/a1/state': { body: { events: [] } },
    'POST /api/v1/agents/a1/logout': {
      status: 409,
      body: { error: { code: 'Conflict', message: 'agent a1 holds contacts' } },
    },
  });
  const sockets = fakeSockets();
  const memory = memoryLocation({ path, record: true });
  render(
    <I18nProvider locale={locale} onLocale={() => undefined}>
      <Router hook={memory.hook} searchHook={memory.searchHook}>
        <WallboardPage
          api={new ApiClient(server.fetch)}
          role="supervisor"
          socketFactory={sockets.factory}
        />
      </Router>
    </I18nProvider>,
  );
  const socket = sockets.made[0] as FakeSocket;
  act(() => socket.open());
  return { socket, server, memory };
}

describe('the wallboard', () => {
  it('asks for the feed, then shows the network, the queues and the agents', async () => {
    const { socket } = open();
    expect(socket.sent).toEqual([{ type: 'watch' }]);
    act(() => socket.receive(snapshot([agent('a1'), agent('a2')], [queue('orbitel.fr')])));
    expect(await screen.findByText('Live')).toBeTruthy();
    expect(screen.getByRole('table', { name: /Network/ })).toBeTruthy();
    expect(screen.getByText('Casablanca: 1 sites')).toBeTruthy();
    // The queue in the queue table, and as the site's worst queue.
    expect(screen.getAllByRole('link', { name: 'orbitel.fr' }).length).toBe(2);
    expect(screen.getByRole('button', { name: 'Actions for Agent a1' })).toBeTruthy();
    // A change for one agent replaces its row only.
    act(() =>
      socket.receive({
        type: 'wallboard',
        full: false,
        seq: 11,
        atMs: NOW,
        agents: [agent('a1', { state: 'paused', pauseCode: 'lunch', sinceMs: NOW })],
        queues: [],
        sites: [],
      }),
    );
    const row = screen.getByRole('button', { name: 'Actions for Agent a1' }).closest('tr');
    expect(within(row as HTMLElement).getByText('Paused')).toBeTruthy();
    expect(within(row as HTMLElement).getByText('Lunch')).toBeTruthy();
  });

  it('flags queues under target and long waits with a word, not colour alone', async () => {
    const { socket } = open();
    act(() =>
      socket.receive(
        snapshot(
          [agent('a1')],
          [queue('late', { serviceLevel: 0.5, waiting: 4, oldestSinceMs: NOW - 90_000 })],
        ),
      ),
    );
    const table = await screen.findByRole('table', { name: /Queues/ });
    const alarms = within(table).getAllByText('(alarm)', { exact: false });
    // Service level 50 % against 80 %, and 90 s waiting against 20 s.
    expect(alarms.length).toBe(2);
    expect(within(table).getByText('50%', { exact: false })).toBeTruthy();
  });

  it('draws only the rows in view of 5,000 agents', async () => {
    const { socket } = open();
    const many = Array.from({ length: 5000 }, (_, i) => agent(`a${String(i).padStart(4, '0')}`));
    act(() => socket.receive(snapshot(many, [queue('q')])));
    await screen.findByText('Agents (5,000 of 5,000)');
    const rows = screen.getAllByRole('button', { name: /^Actions for / });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
  });

  it("changes an agent's state, and shows the server's refusal", async () => {
    const user = userEvent.setup();
    const { socket, server } = open();
    act(() => socket.receive(snapshot([agent('a1')], [queue('q')])));
    await user.click(await screen.findByRole('button', { name: 'Actions for Agent a1' }));
    await user.selectOptions(screen.getByLabelText('New state'), 'pause:lunch');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Done.')).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({
      state: 'paused',
      reason: 'lunch',
    });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    await user.selectOptions(screen.getByLabelText('New state'), 'logout');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(confirm).toHaveBeenCalled();
    expect((await screen.findByRole('alert')).textContent).toContain('agent a1 holds contacts');
    vi.unstubAllGlobals();
  });

  it('opens a site by its address, in French, and has a wall mode without controls', async () => {
    const { socket, memory } = open('/site/casa', 'fr');
    act(() => socket.receive(snapshot([agent('a1')], [queue('q')])));
    expect(await screen.findByText('En direct')).toBeTruthy();
    expect(screen.getByText(/Casablanca · .* \(Africa\/Casablanca\)/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Vous êtes ici' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Mode mural' }));
    expect(memory.history?.at(-1)).toBe('/site/casa?wall=1');
    expect(screen.queryByRole('button', { name: /Actions pour/ })).toBeNull();
    expect(screen.queryByLabelText('État')).toBeNull();
  });
});
