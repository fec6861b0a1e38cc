// The agent desktop on a campaign's contact: the offer (preview: "Call"), the conversation with
// the call's phase, the campaign's script and the lead, and coding with the campaign's
// dispositions (a callback, a refusal from the server), against a fake server and socket.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { OutboundContext } from '@relais/protocol';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/api-client.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import type { Locale } from '../../i18n/locale-choice.ts';
import { makeEvent, makeStatus } from '../../testing/builders.ts';
import { makeLead, makeOutboundContext } from '../../testing/campaign-builders.ts';
import { fakeFetch, type Answer, type Routes } from '../../testing/fake-server.ts';
import { fakeSockets, type FakeSocket } from '../../testing/fake-socket.ts';
import { AgentDesktop } from '../agent-desktop.tsx';

afterEach(cleanup);

const stored = { version: 1, createdAt: 'x', updatedAt: 'x' };
const agentId = 'casa-07';
const OUTBOUND = '/api/v1/contacts/c1/outbound';

function InLocale(props: { locale: Locale; children: ReactNode }): ReactNode {
  return (
    <I18nProvider locale={props.locale} onLocale={() => undefined}>
      {props.children}
    </I18nProvider>
  );
}

/** A contact the dialer sent: its attributes name the campaign and the lead. */
const campaignContactView = (attributes: Record<string, string> = {}) => ({
  body: {
    id: 'c1',
    queueId: 'energie.fr',
    state: 'offered',
    arrivedAtMs: 1,
    updatedAtMs: 1,
    lastEvent: 'contactOffered',
    events: 2,
    attributes: { campaignId: 'energie-relance', leadId: 'lead-1', ...attributes },
  },
});

async function openDesktop(routes: Routes, locale: Locale = 'fr') {
  const server = fakeFetch({
    'GET /api/v1/pause-codes?limit=1000': {
      body: { items: [{ id: 'lunch', label: 'Déjeuner', ...stored }] },
    },
    'GET /api/v1/dispositions?limit=1000': {
      body: { items: [{ id: 'resolved', label: 'Résolu (tenant)', ...stored }] },
    },
    [`GET /api/v1/agents/${agentId}/status`]: {
      body: makeStatus({ state: 'available', seq: 20, nowMs: Date.now() }),
    },
    'GET /api/v1/contacts/c1/context': {
      body: {
        contactId: 'c1',
        queueId: 'energie.fr',
        script: 'SCRIPT DE LA FILE',
        history: [],
      },
    },
    'GET /api/v1/contacts/c1': campaignContactView(),
    ...routes,
  });
  const sockets = fakeSockets();
  render(
    <InLocale locale={locale}>
      <AgentDesktop
        api={new ApiClient(server.fetch)}
        agentId={agentId}
        socketFactory={sockets.factory}
      />
    </InLocale>,
  );
  await screen.findByText(locale === 'fr' ? 'Connexion…' : 'Connecting…');
  const socket = sockets.made[0] as FakeSocket;
  act(() => {
    socket.open();
    socket.receive({ type: 'caughtUp', seq: 20 });
  });
  await screen.findByText(locale === 'fr' ? 'En direct' : 'Live');
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

const base = { contactId: 'c1', queueId: 'energie.fr', agentId };
const offer = (socket: FakeSocket) =>
  receive(socket, {
    type: 'contactOffered',
    ...base,
    channel: 'voice',
    expiresAtMs: Date.now() + 30_000,
    seq: 21,
  });
const connect = (socket: FakeSocket) =>
  receive(socket, {
    type: 'contactConnected',
    ...base,
    channel: 'voice',
    waitMs: 0,
    ringMs: 500,
    seq: 22,
  });
const end = (socket: FakeSocket) =>
  receive(socket, { type: 'contactEnded', ...base, talkMs: 1, holdMs: 0, seq: 23 });

/** The outbound route answers with `current` as it is when asked (tests change it). */
function outboundRoute(current: { context: OutboundContext }): () => Answer {
  return () => ({ body: current.context });
}

const leadInMartinique = makeLead({
  firstName: 'Marie',
  lastName: 'Joseph',
  phoneE164: '+596696123456',
  country: 'MQ',
  timeZone: 'America/Martinique',
  attempts: 2,
  attributes: { contrat: 'EP-2231', offre: 'Gaz vert' },
});

/** Opens a predictive campaign's contact in wrap-up; `post` answers the coding. */
async function inWrapUp(post: (current: { context: OutboundContext }) => Routes[string]) {
  const current = { context: makeOutboundContext({ lead: leadInMartinique }) };
  const opened = await openDesktop({
    [`GET ${OUTBOUND}`]: outboundRoute(current),
    [`POST ${OUTBOUND}/disposition`]: post(current),
  });
  offer(opened.socket);
  connect(opened.socket);
  end(opened.socket);
  const card = await screen.findByRole('region', { name: 'Post-appel' });
  await within(card).findByLabelText('Qualification de la campagne');
  return { ...opened, card, current };
}

const posts = (server: Awaited<ReturnType<typeof openDesktop>>['server']) =>
  server.requests.filter((r) => r.method === 'POST');

describe('a campaign contact on the agent desktop', () => {
  it('offers a preview lead with the campaign, the lead and its attempts; accepting is the call', async () => {
    const context = makeOutboundContext({
      mode: 'preview',
      preview: true,
      phase: 'offered',
      lead: leadInMartinique,
      history: [
        {
          at: '2026-11-25T14:10:00Z',
          campaignId: 'energie-relance',
          outcome: 'answered',
          dispositionId: 'later',
          agentId: 'casa-03',
          ringSeconds: 12,
          talkSeconds: 95,
        },
        { at: '2026-11-24T10:00:00Z', campaignId: 'energie-relance', outcome: 'noAnswer' },
        { at: 'hier matin', campaignId: 'energie-relance', outcome: 'busy' },
      ],
    });
    const { socket } = await openDesktop({
      'GET /api/v1/contacts/c1': campaignContactView({ preview: 'true' }),
      [`GET ${OUTBOUND}`]: { body: context },
    });
    const user = userEvent.setup();
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Fiche à appeler (preview)' });
    await within(card).findByText('Relance énergie (preview)');
    expect(within(card).getByText('Marie Joseph')).toBeDefined();
    expect(within(card).getByText('+596696123456')).toBeDefined();
    // The callee's weekday and time, in the callee's zone.
    expect(within(card).getByText(/^\S+ \d{2}:\d{2} \(America\/Martinique\)$/)).toBeDefined();
    const facts = within(card).getByText('Tentatives déjà faites').nextElementSibling;
    expect(facts?.textContent).toBe('2');
    expect(within(card).getByText('Pas encore composé', { exact: false })).toBeDefined();

    const table = within(card).getByRole('table', {
      name: 'Tentatives précédentes sur cette fiche, de la plus récente à la plus ancienne',
    });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first as HTMLElement).getByText('décroché')).toBeDefined();
    expect(within(first as HTMLElement).getByText('Rappel demandé')).toBeDefined();
    expect(within(first as HTMLElement).getByText('1:35')).toBeDefined();
    expect(within(second as HTMLElement).getByText('pas de réponse')).toBeDefined();
    // A time the server wrote badly is shown as written, not a broken desktop.
    expect(within(table).getByText('hier matin')).toBeDefined();

    expect(within(card).getByText('Passer rend la fiche à la campagne.')).toBeDefined();
    const shortcuts = screen.getByRole('region', { name: 'Raccourcis clavier' });
    expect(within(shortcuts).getByText('appeler la fiche')).toBeDefined();
    await user.click(within(card).getByRole('button', { name: 'Appeler Alt+A' }));
    expect(actions(socket).at(-1)).toMatchObject({ action: 'accept', body: { contactId: 'c1' } });
    answer(socket);
    await user.keyboard('{Alt>}r{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({ action: 'reject', body: { contactId: 'c1' } });
  });

  it('[LIVE9] says on the offer and in conversation that the call is simulated', async () => {
    const context = makeOutboundContext({
      mode: 'preview',
      preview: true,
      phase: 'offered',
      simulatedCalls: true,
    });
    const { socket } = await openDesktop({
      'GET /api/v1/contacts/c1': campaignContactView({ preview: 'true' }),
      [`GET ${OUTBOUND}`]: { body: context },
    });
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Fiche à appeler (preview)' });
    const note = await within(card).findByRole('note');
    expect(note.textContent).toBe(
      'Appel simulé : aucun appel réel n’est passé, personne ne vous entend.',
    );
  });

  it('opens coding once the preview call is answered', async () => {
    const current = {
      context: makeOutboundContext({ mode: 'preview', preview: true, phase: 'offered' }),
    };
    const { socket } = await openDesktop({
      'GET /api/v1/contacts/c1': campaignContactView({ preview: 'true' }),
      [`GET ${OUTBOUND}`]: outboundRoute(current),
    });
    offer(socket);
    await screen.findByRole('region', { name: 'Fiche à appeler (preview)' });
    // Accepted: the agent is on the line and the dialer dials.
    current.context = { ...current.context, phase: 'ringing' };
    connect(socket);
    const card = await screen.findByRole('region', { name: 'En communication' });
    await within(card).findByText('Appel : Sonnerie');
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((s) => s.textContent),
    ).toEqual(['Sonnerie', 'En relation']);
    const save = within(card).getByRole('button', { name: 'Enregistrer la qualification' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    expect(
      within(card).getByText('L’appel peut être qualifié une fois que l’appelé a décroché.'),
    ).toBeDefined();
    // The desktop reads the ringing call again (every 2 s) until it is answered.
    current.context = { ...current.context, phase: 'connected' };
    await within(card).findByText('Appel : En relation', undefined, { timeout: 20_000 });
    expect((save as HTMLButtonElement).disabled).toBe(false);
    // The limit only catches a hang: this test waits for the desktop's 2 s re-read.
  }, 30_000);

  it('says Call and Skip in English for a preview lead', async () => {
    const { socket } = await openDesktop(
      {
        'GET /api/v1/contacts/c1': campaignContactView({ preview: 'true' }),
        [`GET ${OUTBOUND}`]: {
          body: makeOutboundContext({ mode: 'preview', preview: true, phase: 'offered' }),
        },
      },
      'en',
    );
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Lead to call (preview)' });
    await within(card).findByText('Relance énergie (preview)');
    expect(within(card).getByRole('button', { name: 'Call Alt+A' })).toBeDefined();
    expect(within(card).getByRole('button', { name: 'Skip Alt+R' })).toBeDefined();
    expect(within(card).getByText('Skipping gives the lead back to the campaign.')).toBeDefined();
  });

  it('follows the call from waiting to connected, with the campaign’s script and the lead', async () => {
    const current = {
      context: makeOutboundContext({ phase: 'waiting', lead: leadInMartinique }),
    };
    const { socket } = await openDesktop({ [`GET ${OUTBOUND}`]: outboundRoute(current) });
    const user = userEvent.setup();
    offer(socket);
    const offered = await screen.findByRole('region', { name: 'Appel sortant' });
    await within(offered).findByText('Appel : Décroché, mise en relation');
    // Not a preview: the usual words, and the engine's accept.
    await user.click(within(offered).getByRole('button', { name: 'Accepter Alt+A' }));
    answer(socket);

    current.context = { ...current.context, phase: 'connected' };
    connect(socket);
    const card = await screen.findByRole('region', { name: 'En communication' });
    await within(card).findByText('Appel : En relation');
    const steps = within(card).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      'Sonnerie',
      'Décroché, mise en relation',
      'En relation',
    ]);
    expect(steps[2]?.getAttribute('aria-current')).toBe('step');
    const script = within(card).getByRole('region', { name: 'Script' });
    expect(script.textContent).toContain('de la part d’Énergie Plus');
    expect(within(card).queryByText('SCRIPT DE LA FILE')).toBeNull();
    const fields = within(card).getByRole('region', { name: 'Données de la fiche' });
    expect(within(fields).getByText('EP-2231')).toBeDefined();
    expect(within(card).getByText('Première tentative sur cette fiche.')).toBeDefined();
    // The campaign's dispositions, grouped by meaning; not the tenant's; no engine callback.
    const select = within(card).getByLabelText('Qualification de la campagne');
    const groups = Array.from(select.querySelectorAll('optgroup')).map((g) => g.label);
    expect(groups).toEqual(['Succès', 'Refus', 'Ne plus appeler', 'Rappel']);
    expect(within(card).queryByRole('option', { name: 'Résolu (tenant)' })).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Planifier le rappel' })).toBeNull();
  });

  it('codes in conversation, then ends wrap-up with Alt+W as for an inbound contact', async () => {
    const current = { context: makeOutboundContext() };
    const { socket, server } = await openDesktop({
      [`GET ${OUTBOUND}`]: outboundRoute(current),
      [`POST ${OUTBOUND}/disposition`]: (body) => {
        current.context = {
          ...current.context,
          dispositionId: (body as { dispositionId: string }).dispositionId,
        };
        return { body: current.context };
      },
    });
    const user = userEvent.setup();
    offer(socket);
    connect(socket);
    const card = await screen.findByRole('region', { name: 'En communication' });
    await user.selectOptions(
      await within(card).findByLabelText('Qualification de la campagne'),
      'sale',
    );
    await user.click(within(card).getByRole('button', { name: 'Enregistrer la qualification' }));
    await within(card).findByText('Qualifié : Vente');
    expect(posts(server)).toMatchObject([
      { path: `${OUTBOUND}/disposition`, body: { dispositionId: 'sale' } },
    ]);
    // Coded through the campaign's route, not the engine's `disposition` action.
    expect(actions(socket)).toEqual([]);

    await user.keyboard('{Alt>}e{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({ action: 'complete' });
    answer(socket);
    end(socket);
    const wrapUp = await screen.findByRole('region', { name: 'Post-appel' });
    await within(wrapUp).findByText('Qualifié : Vente');
    expect(
      within(wrapUp).getByRole('button', { name: 'Terminer le post-appel Alt+W' }),
    ).toBeDefined();
    await user.keyboard('{Alt>}w{/Alt}');
    expect(actions(socket).at(-1)).toMatchObject({
      action: 'end-wrap-up',
      body: { contactId: 'c1' },
    });
  });

  it('codes a callback in the callee’s time with Alt+W; the server ends the wrap-up', async () => {
    const { socket, server, card } = await inWrapUp((current) => () => {
      current.context = { ...current.context, dispositionId: 'later' };
      return { body: current.context };
    });
    const user = userEvent.setup();
    // Uncoded, the form's button is what ends wrap-up.
    expect(within(card).queryByRole('button', { name: 'Terminer le post-appel Alt+W' })).toBeNull();
    const shortcuts = screen.getByRole('region', { name: 'Raccourcis clavier' });
    expect(
      within(shortcuts).getByText('qualifier l’appel et terminer le post-appel'),
    ).toBeDefined();

    await user.selectOptions(within(card).getByLabelText('Qualification de la campagne'), 'later');
    const at = within(card).getByLabelText('Rappeler le (heure de l’appelé, America/Martinique)');
    await user.clear(at);
    await user.type(at, '2027-01-15T18:30');
    expect(within(card).getByText(/^Soit .+ pour vous\.$/)).toBeDefined();
    await user.click(within(card).getByLabelText('Je passerai ce rappel moi-même'));
    await user.keyboard('{Alt>}w{/Alt}');
    await within(card).findByText('Qualifié : Rappel demandé');
    // Martinique is UTC−4 all year.
    expect(posts(server)).toMatchObject([
      {
        path: `${OUTBOUND}/disposition`,
        body: { dispositionId: 'later', callbackAt: '2027-01-15T22:30:00.000Z', ownCallback: true },
      },
    ]);
    // The server ends the wrap-up itself: the desktop sends no end-wrap-up of its own.
    expect(actions(socket).map((a) => a.action)).not.toContain('end-wrap-up');
    receive(socket, { type: 'contactCompleted', ...base, wrapMs: 20_000, seq: 24 });
    await screen.findByText('En attente d’un contact.');
  });

  it('shows the server’s 400 under the field, and keeps what was typed', async () => {
    const { server, card } = await inWrapUp(() => ({
      status: 400,
      body: {
        error: {
          code: 'ValidationFailed',
          message: 'callbackAt: outside the calling windows',
          details: [{ path: 'callbackAt', message: 'hors des horaires d’appel (D.223-9)' }],
        },
      },
    }));
    const user = userEvent.setup();
    await user.selectOptions(within(card).getByLabelText('Qualification de la campagne'), 'later');
    const at = within(card).getByLabelText('Rappeler le (heure de l’appelé, America/Martinique)');
    await user.clear(at);
    await user.type(at, '2027-01-16T21:30');
    await user.click(within(card).getByRole('button', { name: /Qualifier et terminer/ }));
    const problem = await within(card).findByText('hors des horaires d’appel (D.223-9)');
    expect(at.getAttribute('aria-invalid')).toBe('true');
    expect(at.getAttribute('aria-describedby')).toBe(problem.id);
    expect((at as HTMLInputElement).value).toBe('2027-01-16T21:30');
    expect(posts(server)).toHaveLength(1);
    expect(screen.getByRole('region', { name: 'Post-appel' })).toBeDefined();
  });

  it('says what to fix before sending, and reports a refusal that names no field', async () => {
    const { server, card } = await inWrapUp(() => ({
      status: 409,
      body: { error: { code: 'IllegalTransition', message: 'the call was already coded' } },
    }));
    const user = userEvent.setup();
    await user.keyboard('{Alt>}w{/Alt}');
    await within(card).findByText('Choisissez une des qualifications de la campagne.');
    await user.selectOptions(within(card).getByLabelText('Qualification de la campagne'), 'later');
    const at = within(card).getByLabelText('Rappeler le (heure de l’appelé, America/Martinique)');
    await user.clear(at);
    await user.type(at, '2020-01-15T18:30');
    await user.keyboard('{Alt>}w{/Alt}');
    await within(card).findByText('Choisissez une date et une heure à venir.');
    expect(posts(server)).toHaveLength(0);

    await user.selectOptions(within(card).getByLabelText('Qualification de la campagne'), 'no');
    await user.keyboard('{Alt>}w{/Alt}');
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toBe('Non qualifié : the call was already coded');
    expect(posts(server)).toMatchObject([{ body: { dispositionId: 'no' } }]);
  });

  it('still codes a callback when the lead’s time zone is unknown here, in the zone it names', async () => {
    const current = {
      context: makeOutboundContext({ lead: makeLead({ timeZone: 'Mars/Olympus' }) }),
    };
    const { socket } = await openDesktop({ [`GET ${OUTBOUND}`]: outboundRoute(current) });
    offer(socket);
    connect(socket);
    end(socket);
    const card = await screen.findByRole('region', { name: 'Post-appel' });
    await within(card).findByText('Mars/Olympus');
    const user = userEvent.setup();
    await user.selectOptions(within(card).getByLabelText('Qualification de la campagne'), 'later');
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(within(card).getByLabelText(`Rappeler le (heure de l’appelé, ${zone})`)).toBeDefined();
  });

  it('reads the callee’s time and “in the future” on the server’s clock (a training server’s may be elsewhere)', async () => {
    // The server's clock reads Tuesday 1 June 2027, 10:30:05 in Paris; this browser's does not.
    const serverNow = Date.parse('2027-06-01T08:30:05Z');
    const current = { context: makeOutboundContext() };
    const { socket, server } = await openDesktop({
      [`GET /api/v1/agents/${agentId}/status`]: {
        body: makeStatus({ state: 'available', seq: 20, nowMs: serverNow }),
      },
      [`GET ${OUTBOUND}`]: outboundRoute(current),
    });
    offer(socket);
    connect(socket);
    end(socket);
    const card = await screen.findByRole('region', { name: 'Post-appel' });
    await within(card).findByText(/^mar\. 10:3\d \(Europe\/Paris\)$/);
    const user = userEvent.setup();
    await user.selectOptions(within(card).getByLabelText('Qualification de la campagne'), 'later');
    const at = within(card).getByLabelText('Rappeler le (heure de l’appelé, Europe/Paris)');
    // The form's first guess is an hour after the server's now.
    expect((at as HTMLInputElement).value).toMatch(/^2027-06-01T11:3\d$/);
    // Ahead of this browser's clock, behind the server's: refused before sending.
    await user.clear(at);
    await user.type(at, '2027-05-31T18:30');
    await user.keyboard('{Alt>}w{/Alt}');
    await within(card).findByText('Choisissez une date et une heure à venir.');
    expect(posts(server)).toEqual([]);
  });

  it('shows a contact as an inbound one when the server says no campaign sent it', async () => {
    const { socket } = await openDesktop({});
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Contact entrant' });
    await within(card).findByText('energie-relance');
    expect(within(card).getByRole('button', { name: 'Accepter Alt+A' })).toBeDefined();
  });

  it('says when the lead cannot be read, and reads it again on request', async () => {
    let failing = true;
    const { socket } = await openDesktop({
      [`GET ${OUTBOUND}`]: () =>
        failing
          ? { status: 503, body: { error: { code: 'Unavailable', message: 'try again' } } }
          : { body: makeOutboundContext({ phase: 'offered' }) },
    });
    const user = userEvent.setup();
    offer(socket);
    const card = await screen.findByRole('region', { name: 'Appel sortant' });
    await within(card).findByText(/La fiche de la campagne n’a pas pu être lue : try again/);
    failing = false;
    await user.click(within(card).getByRole('button', { name: 'Relire' }));
    await within(card).findByText('Relance énergie (prédictif)');
  });
});
