// The desktop's phone against a fake server: the credential route's answers become a running
// softphone, no phone, or a clear reason; the credential is renewed before it expires and once
// after the registrar refuses it. The agent desktop shows the card and answers on accept.
import { act, cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../api/api-client.ts';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { makeEvent, makeStatus } from '../../testing/builders.ts';
import { FakeAgent, fakeCall } from '../../testing/fake-sip-agent.ts';
import { fakeSockets, type FakeSocket } from '../../testing/fake-socket.ts';
import { fakeFetch, type Answer } from '../../testing/fake-server.ts';
import { AgentDesktop } from '../agent-desktop.tsx';
import { DeskPhone } from './desk-phone.ts';
import { DeskPhonePanel } from './desk-phone-panel.tsx';
import type { SoftphoneConfig } from './sip-agent.ts';
import { useDeskPhone } from './use-desk-phone.ts';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const ROUTE = 'POST /api/v1/agents/a7/softphone-credential';

/** The route's answer for the n-th credential. */
function access(n: number, extra: Record<string, unknown> = {}): Answer {
  return {
    body: {
      webSocketUrl: 'ws://192.0.2.5:5066',
      sipUri: 'sip:agent-7@relais.test',
      realm: 'relais.test',
      authorizationUser: `agent-7~${1000 + n}`,
      password: `password-${n}`,
      expiresAt: '2026-11-27T04:00:00.000Z',
      renewInSeconds: 1800,
      ...extra,
    },
  };
}

const refusal = (status: number, code: string, message = `refused: ${code}`): Answer => ({
  status,
  body: { error: { code, message } },
});

/** A desk phone on a fake server whose route gives `answers` in turn; the agents it made. */
function deskPhone(answers: Answer[]) {
  const server = fakeFetch({ [ROUTE]: () => answers.shift() ?? refusal(500, 'Internal') });
  const agents: FakeAgent[] = [];
  const phone = new DeskPhone(new ApiClient(server.fetch), 'a7', (config: SoftphoneConfig) => {
    const agent = new FakeAgent(config);
    agents.push(agent);
    return agent;
  });
  return { phone, agents, server };
}

function French(props: { children: ReactNode }): ReactNode {
  return (
    <I18nProvider locale="fr" onLocale={() => undefined}>
      {props.children}
    </I18nProvider>
  );
}

describe('the desktop phone', () => {
  it('[SPD3] registers with the credential the server gives, and renews it after renewInSeconds', async () => {
    vi.useFakeTimers();
    const { phone, agents, server } = deskPhone([access(1), access(2)]);
    await phone.start();
    const state = phone.getState();
    if (state.kind !== 'on') throw new Error(`expected a phone, got ${state.kind}`);
    const [agent] = agents as [FakeAgent];
    expect(agent.config).toEqual({
      webSocketUrl: 'ws://192.0.2.5:5066',
      sipUri: 'sip:agent-7@relais.test',
      authorizationUser: 'agent-7~1001',
      password: 'password-1',
      displayName: 'a7',
    });
    expect(agent.starts).toBe(1);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([ROUTE]);
    await vi.advanceTimersByTimeAsync(1_799_000);
    expect(agent.credentials).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(agent.credentials).toEqual(['agent-7~1002:password-2']);
    expect(agent.starts).toBe(1); // the next refresh uses it; no new connection
    phone.stop();
    expect(agent.stops).toBe(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(server.requests).toHaveLength(2);
  });

  it('[SPD3] a refused registration asks for one new credential and registers again with it, not more', async () => {
    const { phone, agents, server } = deskPhone([access(1), access(2), access(3)]);
    await phone.start();
    const [agent] = agents as [FakeAgent];
    agent.on.onRegistrationFailed('Authentication Error');
    await vi.waitFor(() => expect(agent.credentials).toEqual(['agent-7~1002:password-2']));
    expect(agent.starts).toBe(2);
    agent.on.onRegistrationFailed('Authentication Error');
    expect(server.requests).toHaveLength(2);
    agent.on.onRegistered();
    agent.on.onRegistrationFailed('Authentication Error');
    await vi.waitFor(() => expect(agent.credentials).toHaveLength(2));
    agent.on.onRegistrationFailed('Connection Error');
    expect(server.requests).toHaveLength(3);
    phone.stop();
  });

  it('[SPD3] started, stopped and started again at once (as React may), one phone runs', async () => {
    const { phone, agents } = deskPhone([access(1), access(2)]);
    const first = phone.start();
    phone.stop();
    const second = phone.start();
    await Promise.all([first, second]);
    expect(agents).toHaveLength(1);
    expect(agents[0]?.config?.password).toBe('password-2');
    phone.stop();
    expect(agents[0]?.stops).toBe(1);
  });

  it('[SPD3] a renewal the server does not answer is asked again 30 s later, and still registers', async () => {
    vi.useFakeTimers();
    const { phone, agents, server } = deskPhone([
      access(1),
      refusal(503, 'Unavailable', 'the server is restarting'),
      access(2),
    ]);
    await phone.start();
    const [agent] = agents as [FakeAgent];
    agent.on.onRegistrationFailed('Authentication Error');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    expect([agent.credentials, agent.starts]).toEqual([[], 1]);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(server.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect([agent.credentials, agent.starts]).toEqual([['agent-7~1002:password-2'], 2]);
    phone.stop();
  });

  it('[SPD3] telephony off: no card; no SIP user or WebSocket: the reason in French; other failures: a retry', async () => {
    const off = deskPhone([refusal(404, 'TelephonyOff')]);
    await off.phone.start();
    expect(off.phone.getState()).toEqual({ kind: 'off' });
    const { container } = render(
      <French>
        <DeskPhonePanel phone={off.phone} state={off.phone.getState()} />
      </French>,
    );
    expect(container.textContent).toBe('');
    cleanup();
    for (const [code, text] of [
      ['NoSipUser', /^Aucun compte téléphonique n'est configuré pour vous/],
      ['NoWebSocket', /^Le serveur n'accepte pas le téléphone du navigateur/],
    ] as const) {
      const none = deskPhone([refusal(409, code)]);
      await none.phone.start();
      render(
        <French>
          <DeskPhonePanel phone={none.phone} state={none.phone.getState()} />
        </French>,
      );
      expect(screen.getByRole('alert').textContent).toMatch(text);
      expect(screen.queryByRole('button')).toBeNull();
      expect(none.agents).toEqual([]);
      cleanup();
    }
    const flaky = deskPhone([refusal(503, 'Unavailable', 'the tenant is starting'), access(1)]);
    function Card(): ReactNode {
      const { phone, state } = useDeskPhone(new ApiClient(flaky.server.fetch), 'a7', {
        enabled: true,
        makeAgent: (config) => new FakeAgent(config),
      });
      return <DeskPhonePanel phone={phone} state={state} />;
    }
    render(
      <French>
        <Card />
      </French>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Vos identifiants téléphoniques n'ont pas pu être obtenus : the tenant is starting",
    );
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer maintenant' }));
    expect((await screen.findByRole('status')).textContent).toBe('Connexion…');
  });
});

describe('the agent desktop with telephony', () => {
  it('[SPD3] without telephony in the session, asks nothing and shows no phone', async () => {
    const server = fakeFetch({
      'GET /api/v1/pause-codes?limit=1000': { body: { items: [] } },
      'GET /api/v1/dispositions?limit=1000': { body: { items: [] } },
      'GET /api/v1/agents/a7/status': {
        body: makeStatus({ agentId: 'a7', state: 'available', seq: 20, nowMs: Date.now() }),
      },
    });
    const sockets = fakeSockets();
    render(
      <French>
        <AgentDesktop
          api={new ApiClient(server.fetch)}
          agentId="a7"
          socketFactory={sockets.factory}
        />
      </French>,
    );
    await screen.findByText('Mon état');
    expect(screen.queryByRole('region', { name: 'Téléphone' })).toBeNull();
    expect(server.requests.map((r) => r.path)).not.toContain(
      '/api/v1/agents/a7/softphone-credential',
    );
  });

  it('[SPD3][SPD4] shows the phone card, registered, and accepting the offer answers the ringing phone', async () => {
    const server = fakeFetch({
      'GET /api/v1/pause-codes?limit=1000': { body: { items: [] } },
      'GET /api/v1/dispositions?limit=1000': { body: { items: [] } },
      'GET /api/v1/agents/a7/status': {
        body: makeStatus({ agentId: 'a7', state: 'available', seq: 20, nowMs: Date.now() }),
      },
      [ROUTE]: access(1),
    });
    const sockets = fakeSockets();
    const agents: FakeAgent[] = [];
    render(
      <French>
        <AgentDesktop
          api={new ApiClient(server.fetch)}
          agentId="a7"
          socketFactory={sockets.factory}
          telephony
          sipAgentFactory={(config) => {
            const agent = new FakeAgent(config);
            agents.push(agent);
            return agent;
          }}
        />
      </French>,
    );
    const card = await screen.findByRole('region', { name: 'Téléphone' });
    const socket = sockets.made[0] as FakeSocket;
    act(() => {
      socket.open();
      socket.receive({ type: 'caughtUp', seq: 20 });
    });
    const [agent] = agents as [FakeAgent];
    act(() => agent.on.onRegistered());
    expect(card.querySelector('[role=status]')?.textContent).toBe('Prêt à recevoir des appels');
    act(() =>
      socket.receive({
        type: 'event',
        event: makeEvent({
          type: 'contactOffered',
          contactId: 'c1',
          queueId: 'support',
          agentId: 'a7',
          channel: 'voice',
          expiresAtMs: Date.now() + 30_000,
          seq: 21,
        }),
      }),
    );
    const { handle, actions } = fakeCall('call-1', 'sip:+212600123456@relais.test');
    act(() => agent.on.onIncomingCall(handle));
    await userEvent.click(await screen.findByRole('button', { name: /^Accepter/ }));
    const sent = socket.sent.filter((m) => (m as { type: string }).type === 'action') as {
      action: string;
      ref: string;
    }[];
    expect(sent.at(-1)).toMatchObject({ action: 'accept', body: { contactId: 'c1' } });
    expect(actions).toEqual([]); // not before the server took the accept
    act(() =>
      socket.receive({ type: 'actionResult', ref: sent.at(-1)?.ref, ok: true, events: [] }),
    );
    await vi.waitFor(() => expect(actions).toEqual(['answer']));
  });
});
