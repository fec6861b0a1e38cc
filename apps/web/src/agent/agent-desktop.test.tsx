import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeEvent, makeStatus } from '../testing/builders.ts';
import { fakeSockets, type FakeSocket } from '../testing/fake-socket.ts';
import { fakeFetch } from '../testing/fake-server.ts';
import { AgentDesktop } from './agent-desktop.tsx';

afterEach(cleanup);

const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const agentId = 'casa-07';

function French(props: { children: ReactNode }): ReactNode {
  return (
    <I18nProvider locale="fr" onLocale={() => undefined}>
      {props.children}
    </I18nProvider>
  );
}

async function openDesktop(state: 'loggedOut' | 'available' = 'loggedOut') {
  const server = fakeFetch({
    'GET /api/v1/pause-codes?limit=1000': {
      body: { items: [{ id: 'lunch', label: 'Déjeuner', ...stored }] },
    },
    'GET /api/v1/dispositions?limit=1000': {
      body: { items: [{ id: 'resolved', label: 'Résolu', ...stored }] },
    },
    [`GET /api/v1/agents/${agentId}/status`]: {
      body: makeStatus({ state, seq: 20, nowMs: Date.now() }),
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
        attributes: { client: 'Mme Dupont', motif: 'Facture' },
      },
    },
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

/** The actions the desktop sent, without the subscription. */
const actions = (socket: FakeSocket) =>
  socket.sent.filter((m): m is { action: string; ref: string; body: unknown } => {
    return (m as { type: string }).type === 'action';
  });

function answer(socket: FakeSocket, ok = true): void {
  const last = actions(socket).at(-1);
  if (last === undefined) throw new Error('no action sent');
  act(() =>
    socket.receive(
      ok
        ? { type: 'actionResult', ref: last.ref, ok: true, events: [] }
        : {
            type: 'actionResult',
            ref: last.ref,
            ok: false,
            status: 409,
            error: { code: 'IllegalTransition', message: 'the offer has gone' },
          },
    ),
  );
}

describe('the agent desktop', () => {
  it('subscribes after the status it read, and logs the agent in when it chooses Available', async () => {
    const { socket } = await openDesktop();
    expect(socket.sent[0]).toEqual({ type: 'subscribe', afterSeq: 20 });
    await userEvent.selectOptions(screen.getByLabelText('Mon état'), 'available');
    expect(actions(socket).map((a) => a.action)).toEqual(['login']);
    answer(socket);
    act(() =>
      socket.receive({
        type: 'event',
        event: makeEvent({
          type: 'agentStateChanged',
          agentId,
          siteId: 'casa',
          from: 'loggedOut',
          to: 'available',
          seq: 21,
        }),
      }),
    );
    await screen.findByText('En attente d’un contact.');
  });

  it('shows an offer with the customer context, and runs the contact with the keyboard', async () => {
    const { socket } = await openDesktop('available');
    const user = userEvent.setup();
    act(() =>
      socket.receive({
        type: 'event',
        event: makeEvent({
          type: 'contactOffered',
          contactId: 'c1',
          queueId: 'orbitel.fr',
          agentId,
          channel: 'voice',
          expiresAtMs: Date.now() + 30_000,
          seq: 21,
        }),
      }),
    );
    const offer = await screen.findByRole('region', { name: 'Contact entrant' });
    await within(offer).findByText('Mme Dupont');
    expect(within(offer).getByText(/s pour répondre/)).toBeDefined();
    await user.keyboard('{Alt>}a{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({ action: 'accept', body: { contactId: 'c1' } });
    answer(socket);
    act(() =>
      socket.receive({
        type: 'event',
        event: makeEvent({
          type: 'contactConnected',
          contactId: 'c1',
          queueId: 'orbitel.fr',
          agentId,
          channel: 'voice',
          waitMs: 1000,
          ringMs: 500,
          seq: 22,
        }),
      }),
    );
    const conversation = await screen.findByRole('region', { name: 'En communication' });
    await user.selectOptions(within(conversation).getByLabelText('Qualification'), 'resolved');
    await user.click(
      within(conversation).getByRole('button', { name: 'Enregistrer la qualification' }),
    );
    expect(actions(socket).at(-1)).toMatchObject({
      action: 'disposition',
      body: { contactId: 'c1', dispositionId: 'resolved' },
    });
    answer(socket);
    await user.keyboard('{Alt>}e{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({ action: 'complete', body: { contactId: 'c1' } });
    answer(socket);
    act(() =>
      socket.receive({
        type: 'event',
        event: makeEvent({
          type: 'contactEnded',
          contactId: 'c1',
          queueId: 'orbitel.fr',
          agentId,
          talkMs: 1,
          holdMs: 0,
          seq: 23,
        }),
      }),
    );
    await screen.findByRole('region', { name: 'Post-appel' });
    await user.keyboard('{Alt>}w{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({
      action: 'end-wrap-up',
      body: { contactId: 'c1' },
    });
  });

  it('says what the server refused', async () => {
    const { socket } = await openDesktop('available');
    await userEvent.keyboard('{Alt>}p{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({
      action: 'state',
      body: { state: 'paused', reason: 'lunch' },
    });
    answer(socket, false);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Non effectué : the offer has gone',
    );
  });
});
