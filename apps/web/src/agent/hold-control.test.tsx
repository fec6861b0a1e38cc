// Hold and Resume on the agent desktop, against a fake server and socket.
import { Channel, type AgentStatusView, type ContactView } from '@relais/protocol';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import { makeContactView, makeEvent, makeStatus } from '../testing/builders.ts';
import { fakeFetch } from '../testing/fake-server.ts';
import { fakeSockets, type FakeSocket } from '../testing/fake-socket.ts';
import { AgentDesktop } from './agent-desktop.tsx';

afterEach(cleanup);

const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const agentId = 'casa-07';

function Language(props: { locale: 'fr' | 'en'; children: ReactNode }): ReactNode {
  return (
    <I18nProvider locale={props.locale} onLocale={() => undefined}>
      {props.children}
    </I18nProvider>
  );
}

/** The desktop of an agent talking to contact c1 (held or not, as the status and view say). */
async function openTalking(
  held: AgentStatusView['contacts'][number]['state'],
  view: ContactView,
  locale: 'fr' | 'en' = 'fr',
) {
  const server = fakeFetch({
    'GET /api/v1/pause-codes?limit=1000': {
      body: { items: [{ id: 'lunch', label: 'Déjeuner', ...stored }] },
    },
    'GET /api/v1/dispositions?limit=1000': {
      body: { items: [{ id: 'resolved', label: 'Résolu', ...stored }] },
    },
    [`GET /api/v1/agents/${agentId}/status`]: {
      body: makeStatus({
        state: 'busy',
        seq: 20,
        nowMs: Date.now(),
        contacts: [
          { contactId: 'c1', state: held, channel: Channel.parse(view.channel ?? 'voice') },
        ],
      }),
    },
    'GET /api/v1/contacts/c1': { body: view },
    'GET /api/v1/contacts/c1/context': {
      body: { contactId: 'c1', queueId: view.queueId, history: [] },
    },
  });
  const sockets = fakeSockets();
  render(
    <Language locale={locale}>
      <AgentDesktop
        api={new ApiClient(server.fetch)}
        agentId={agentId}
        socketFactory={sockets.factory}
      />
    </Language>,
  );
  const socket = await waitForSocket(sockets.made);
  act(() => {
    socket.open();
    socket.receive({ type: 'caughtUp', seq: 20 });
  });
  return socket;
}

async function waitForSocket(made: FakeSocket[]): Promise<FakeSocket> {
  await screen.findByRole('heading', { level: 1 });
  await screen.findByRole('button', { name: /Mettre en attente|Reprendre|Put on hold|Resume/ });
  const socket = made[0];
  if (socket === undefined) throw new Error('the desktop opened no socket');
  return socket;
}

const actions = (socket: FakeSocket) =>
  socket.sent.filter((m): m is { action: string; ref: string; body: unknown } => {
    return (m as { type: string }).type === 'action';
  });

/** Answers the last action: done, or the server's 409. */
function answer(socket: FakeSocket, ok: boolean): void {
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
            error: { code: 'IllegalTransition', message: 'hold needs the contact to be off hold' },
          },
    ),
  );
}

/** The card's line saying the contact is on hold, if any. */
const holdLine = (card: HTMLElement): string | null =>
  within(card).queryByText(/^(En attente|On hold)/)?.textContent ?? null;

const event = (socket: FakeSocket, e: Parameters<typeof makeEvent>[0]): void =>
  act(() => socket.receive({ type: 'event', event: makeEvent(e) }));

describe('hold and resume on the agent desktop', () => {
  it('[SPD7] holds a voice call with the button (disabled while it runs), shows the hold and its time, resumes with Alt+H', async () => {
    const socket = await openTalking('connected', makeContactView());
    const user = userEvent.setup();
    const card = screen.getByRole('region', { name: 'En communication' });
    const hold = within(card).getByRole('button', { name: /Mettre en attente/ });
    expect(hold.getAttribute('aria-keyshortcuts')).toBe('Alt+H');
    expect(holdLine(card)).toBeNull();

    await user.click(hold);
    expect(actions(socket).at(-1)).toMatchObject({ action: 'hold', body: { contactId: 'c1' } });
    expect((hold as HTMLButtonElement).disabled).toBe(true);
    answer(socket, true);
    await waitFor(() => expect((hold as HTMLButtonElement).disabled).toBe(false));
    event(socket, { type: 'contactHeld', contactId: 'c1', agentId, seq: 21, atMs: Date.now() });

    const resume = await within(card).findByRole('button', { name: /Reprendre/ });
    expect(holdLine(card)).toMatch(/^En attente depuis /);
    const legend = screen.getByRole('region', { name: 'Raccourcis clavier' });
    expect(within(legend).getByText('reprendre la communication')).toBeDefined();

    await user.keyboard('{Alt>}h{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({ action: 'resume', body: { contactId: 'c1' } });
    expect((resume as HTMLButtonElement).disabled).toBe(true);
    answer(socket, true);
    event(socket, {
      type: 'contactRetrieved',
      contactId: 'c1',
      agentId,
      holdMs: 4000,
      seq: 22,
    });
    await within(card).findByRole('button', { name: /Mettre en attente/ });
    expect(holdLine(card)).toBeNull();
    expect(within(legend).getByText('mettre la communication en attente')).toBeDefined();
  });

  it('[SPD7] says the server’s 409 in French, for a hold and for a resume', async () => {
    const socket = await openTalking('connected', makeContactView());
    const user = userEvent.setup();
    await user.keyboard('{Alt>}h{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({ action: 'hold' });
    answer(socket, false);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Mise en attente impossible : la communication n’est plus en cours, ou elle est déjà en attente.',
    );

    event(socket, { type: 'contactHeld', contactId: 'c1', agentId, seq: 21 });
    await user.click(await screen.findByRole('button', { name: /Reprendre/ }));
    expect(actions(socket).at(-1)).toMatchObject({ action: 'resume' });
    answer(socket, false);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Reprise impossible : la communication n’est plus en attente.',
    );
  });

  it('[SPD7] opened on a held chat: held since its view’s hold, in English; no hold in wrap-up', async () => {
    const heldAt = Date.now() - 65_000;
    const socket = await openTalking(
      'held',
      makeContactView({
        channel: 'chat',
        state: 'held',
        lastEvent: 'contactHeld',
        updatedAtMs: heldAt,
      }),
      'en',
    );
    const card = screen.getByRole('region', { name: 'In conversation' });
    expect(within(card).getByRole('button', { name: /Resume/ })).toBeDefined();
    expect(holdLine(card)).toMatch(/^On hold for 1:\d\d$/);

    event(socket, {
      type: 'contactEnded',
      contactId: 'c1',
      queueId: 'orbitel.fr',
      agentId,
      talkMs: 1,
      holdMs: 65_000,
      seq: 21,
    });
    const wrapUp = await screen.findByRole('region', { name: 'Wrap-up' });
    expect(within(wrapUp).queryByRole('button', { name: /Resume|Put on hold/ })).toBeNull();
    await userEvent.keyboard('{Alt>}h{/Alt}');
    expect(actions(socket)).toEqual([]);
  });

  it('[SPD7] held without a known start (the view’s last event is later): just the state', async () => {
    await openTalking(
      'held',
      makeContactView({ state: 'held', lastEvent: 'dispositionSet', dispositionId: 'resolved' }),
    );
    const card = screen.getByRole('region', { name: 'En communication' });
    expect(holdLine(card)).toBe('En attente');
  });
});
