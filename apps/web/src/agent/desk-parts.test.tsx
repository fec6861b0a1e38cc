// The agent desktop's customer context, notes, transfer, callback, wrap-up timer and day figures,
// against a fake server and socket.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeEvent, makeStatus } from '../testing/builders.ts';
import { fakeFetch, type Routes } from '../testing/fake-server.ts';
import { fakeSockets, type FakeSocket } from '../testing/fake-socket.ts';
import { AgentDesktop } from './agent-desktop.tsx';
import { customerNumber, localInputValue } from './callback-form.tsx';

afterEach(cleanup);

const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const agentId = 'casa-07';
const SCRIPT = 'Bonjour, Orbitel à votre écoute.\nVérifiez l’identité du client.';

const context = (note?: object) => ({
  contactId: 'c1',
  queueId: 'orbitel.fr',
  script: SCRIPT,
  customerKey: 'id:C-1',
  history: [
    {
      contactId: 'c0',
      arrivedAtMs: Date.UTC(2026, 10, 20, 9, 30),
      queueId: 'orbitel.fr',
      channel: 'voice',
      state: 'completed',
      agentId: 'casa-03',
      dispositionId: 'resolved',
      talkMs: 185_000,
      wrapUpMs: 15_000,
    },
  ],
  ...(note === undefined ? {} : { note }),
});

function French(props: { children: ReactNode }): ReactNode {
  return (
    <I18nProvider locale="fr" onLocale={() => undefined}>
      {props.children}
    </I18nProvider>
  );
}

async function openDesktop(extra: Routes = {}) {
  const server = fakeFetch({
    'GET /api/v1/pause-codes?limit=1000': {
      body: { items: [{ id: 'lunch', label: 'Déjeuner', ...stored }] },
    },
    'GET /api/v1/dispositions?limit=1000': {
      body: { items: [{ id: 'resolved', label: 'Résolu', ...stored }] },
    },
    [`GET /api/v1/agents/${agentId}/status`]: {
      body: makeStatus({ state: 'available', seq: 20, nowMs: Date.now() }),
    },
    [`GET /api/v1/agents/${agentId}/today`]: {
      body: {
        agentId,
        day: '2026-11-26',
        zone: 'Africa/Casablanca',
        handled: 12,
        ahtSeconds: 245,
        talkSeconds: 2400,
        occupancy: 0.82,
        loggedInSeconds: 14_400,
        pausedSeconds: 900,
        pauseSeconds: { lunch: 900 },
        missedOffers: 1,
      },
    },
    'GET /api/v1/contacts/c1': {
      body: {
        id: 'c1',
        queueId: 'orbitel.fr',
        state: 'offered',
        arrivedAtMs: 1,
        updatedAtMs: 1,
        lastEvent: 'contactOffered',
        events: 3,
        attributes: { client: 'Mme Dupont', customerId: 'C-1', phone: '+212600000001' },
      },
    },
    'GET /api/v1/contacts/c1/context': { body: context() },
    'GET /api/v1/contacts/c1/transfer-targets': {
      body: {
        queues: [{ id: 'orbitel.billing' }],
        agents: [{ id: 'casa-08', name: 'Samira', state: 'available' }],
      },
    },
    ...extra,
  });
  const sockets = fakeSockets();
  render(
    <French>
      <AgentDesktop
        api={new ApiClient(server.fetch)}
        agentId={agentId}
        socketFactory={sockets.factory}
      />
    </French>,
  );
  await screen.findByText('Connexion…');
  const socket = sockets.made[0] as FakeSocket;
  act(() => {
    socket.open();
    socket.receive({ type: 'caughtUp', seq: 20 });
  });
  await screen.findByText('En direct');
  return { socket, server };
}

const actions = (socket: FakeSocket) =>
  socket.sent.filter((m): m is { action: string; ref: string; body: unknown } => {
    return (m as { type: string }).type === 'action';
  });

function answer(socket: FakeSocket): void {
  const last = actions(socket).at(-1);
  if (last === undefined) throw new Error('no action sent');
  act(() => socket.receive({ type: 'actionResult', ref: last.ref, ok: true, events: [] }));
}

function receive(socket: FakeSocket, event: Parameters<typeof makeEvent>[0]): void {
  act(() => socket.receive({ type: 'event', event: makeEvent(event) }));
}

const offer = (socket: FakeSocket) =>
  receive(socket, {
    type: 'contactOffered',
    contactId: 'c1',
    queueId: 'orbitel.fr',
    agentId,
    channel: 'voice',
    expiresAtMs: Date.now() + 30_000,
    seq: 21,
  });

const connect = (socket: FakeSocket) =>
  receive(socket, {
    type: 'contactConnected',
    contactId: 'c1',
    queueId: 'orbitel.fr',
    agentId,
    channel: 'voice',
    waitMs: 1000,
    ringMs: 500,
    seq: 22,
  });

describe('the agent desktop, beside the contact', () => {
  it("shows today's figures and the keyboard shortcuts while idle", async () => {
    await openDesktop();
    const day = await screen.findByRole('region', { name: 'Ma journée' });
    await within(day).findByText('12');
    expect(within(day).getByText('4:05')).toBeDefined(); // AHT 245 s
    expect(within(day).getByText(/82\s?%/)).toBeDefined();
    const shortcuts = screen.getByRole('region', { name: 'Raccourcis clavier' });
    for (const key of ['Alt+A', 'Alt+P', 'Alt+W'])
      expect(within(shortcuts).getByText(key)).toBeDefined();
  });

  it("lists the customer's previous contacts with the offer", async () => {
    const { socket } = await openDesktop();
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Contact entrant' });
    const table = await within(card).findByRole('table', {
      name: 'Contacts précédents de ce client, du plus récent au plus ancien',
    });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByText('casa-03')).toBeDefined();
    expect(within(row).getByText('Résolu')).toBeDefined();
    expect(within(row).getByText('traité')).toBeDefined();
    expect(within(row).getByText('3:20')).toBeDefined(); // 185 s talk + 15 s wrap-up
  });

  it('shows the script, saves a note, transfers, and schedules a callback in conversation', async () => {
    const { socket, server } = await openDesktop({
      'PUT /api/v1/contacts/c1/note': (body) => ({
        body: {
          contactId: 'c1',
          text: (body as { text: string }).text,
          author: 'agent.casa07',
          updatedAt: new Date().toISOString(),
        },
      }),
    });
    const user = userEvent.setup();
    offer(socket);
    await screen.findByRole('region', { name: 'Contact entrant' });
    connect(socket);
    const card = await screen.findByRole('region', { name: 'En communication' });
    const script = await within(card).findByRole('region', { name: 'Script' });
    expect(script.textContent).toContain('Vérifiez l’identité du client.');

    await user.type(within(card).getByLabelText('Notes'), 'Conteste la facture de mars.');
    expect(within(card).getByText('Modifications non enregistrées.')).toBeDefined();
    await user.click(within(card).getByRole('button', { name: 'Enregistrer les notes' }));
    await within(card).findByText(/Enregistrées à .* par agent\.casa07/);
    expect(server.requests.find((r) => r.method === 'PUT')).toMatchObject({
      path: '/api/v1/contacts/c1/note',
      body: { text: 'Conteste la facture de mars.' },
    });

    const target = within(card).getByLabelText('Transférer vers');
    await within(target).findByRole('option', { name: 'Samira (Disponible)' });
    await user.selectOptions(target, 'queue:orbitel.billing');
    await user.click(within(card).getByRole('button', { name: 'Transférer' }));
    expect(actions(socket).at(-1)).toMatchObject({
      action: 'transfer',
      body: { contactId: 'c1', queueId: 'orbitel.billing' },
    });
    answer(socket);

    // The number comes from the contact's attributes; the time is the agent's.
    const number = within(card).getByLabelText('Numéro à rappeler');
    expect((number as HTMLInputElement).value).toBe('+212600000001');
    const when = Date.now() + 2 * 86_400_000;
    const at = within(card).getByLabelText('Date et heure');
    await user.clear(at);
    await user.type(at, localInputValue(when));
    await user.click(within(card).getByLabelText('Rappeler moi-même'));
    await user.click(within(card).getByRole('button', { name: 'Planifier le rappel' }));
    const sent = actions(socket).at(-1);
    expect(sent).toMatchObject({
      action: 'callback',
      body: { contactId: 'c1', number: '+212600000001', mine: false },
    });
    const sentAt = Date.parse((sent?.body as { at: string }).at);
    expect(Math.abs(sentAt - when)).toBeLessThan(60_000);
    answer(socket);
    await within(card).findByText(/Rappel planifié pour le/);
  });

  it('keeps a note written earlier, and counts the time of a manual wrap-up', async () => {
    const { socket } = await openDesktop({
      'GET /api/v1/contacts/c1/context': {
        body: context({
          contactId: 'c1',
          text: 'Déjà noté avant le rechargement.',
          author: 'agent.casa07',
          updatedAt: '2026-11-26T09:00:00.000Z',
        }),
      },
    });
    offer(socket);
    connect(socket);
    const card = await screen.findByRole('region', { name: 'En communication' });
    const notes = await within(card).findByLabelText('Notes');
    expect((notes as HTMLTextAreaElement).value).toBe('Déjà noté avant le rechargement.');
    receive(socket, {
      type: 'contactEnded',
      contactId: 'c1',
      queueId: 'orbitel.fr',
      agentId,
      talkMs: 1,
      holdMs: 0,
      atMs: Date.now() - 65_000,
      seq: 23,
    });
    const wrapUp = await screen.findByRole('region', { name: 'Post-appel' });
    expect(within(wrapUp).getByText(/^Post-appel depuis 1:0\d/)).toBeDefined();
    // A transfer needs a conversation; a callback can still be arranged.
    expect(within(wrapUp).queryByLabelText('Transférer vers')).toBeNull();
    expect(within(wrapUp).getByRole('button', { name: 'Planifier le rappel' })).toBeDefined();
  });

  it("says so when the customer's context cannot be read, and still offers the contact", async () => {
    const { socket } = await openDesktop({
      'GET /api/v1/contacts/c1/context': {
        status: 503,
        body: { error: { code: 'Unavailable', message: 'try again' } },
      },
    });
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Contact entrant' });
    await within(card).findByText('Le contexte client n’a pas pu être lu : try again');
    expect(within(card).getByRole('button', { name: /Accepter/ })).toBeDefined();
  });
});

describe('the callback form helpers', () => {
  it('finds the customer’s number in the attributes, and writes a local time for the input', () => {
    expect(customerNumber({ phone: '+2126' })).toBe('+2126');
    expect(customerNumber({ callbackNumber: '0600', phone: '+2126' })).toBe('0600');
    expect(customerNumber(undefined)).toBe('');
    expect(localInputValue(new Date(2026, 10, 26, 9, 5).getTime())).toBe('2026-11-26T09:05');
  });
});
