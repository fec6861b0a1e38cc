// The softphone's states and call handling, driven through a fake SipAgent; the panel in the DOM.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { FakeAgent, fakeCall } from '../../testing/fake-sip-agent.ts';
import { Softphone, type SoftphoneCall } from './softphone.ts';
import { callerText, SoftphonePanel } from './softphone-panel.tsx';

afterEach(cleanup);

describe('Softphone', () => {
  it('[SP1] goes registering on start, registered, error with the cause, back to registering on a dropped socket, unregistered on stop', () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    expect(phone.getState().registration).toBe('unregistered');
    phone.start();
    phone.start();
    expect(agent.starts).toBe(1);
    expect(phone.getState().registration).toBe('registering');
    agent.on.onRegistered();
    expect(phone.getState().registration).toBe('registered');
    agent.on.onDisconnected();
    expect(phone.getState().registration).toBe('registering');
    agent.on.onRegistrationFailed('Authentication Error');
    expect(phone.getState()).toMatchObject({
      registration: 'error',
      error: 'Authentication Error',
    });
    agent.on.onRegistered();
    expect(phone.getState()).toMatchObject({ registration: 'registered', error: undefined });
    phone.stop();
    expect(agent.stops).toBe(1);
    expect(phone.getState().registration).toBe('unregistered');
  });

  it('[SP2] rings, answers, goes active when confirmed and clears when ended, telling the hooks', () => {
    const agent = new FakeAgent();
    const seen: string[] = [];
    const phone = new Softphone(agent, {
      onIncomingCall: (c: SoftphoneCall) => seen.push(`ring ${c.from}`),
      onCallAnswered: (c) => seen.push(`answered ${c.id}`),
      onCallEnded: (c, cause) => seen.push(`ended ${c.id} ${cause}`),
    });
    phone.start();
    agent.on.onRegistered();
    phone.answer();
    const { handle, actions } = fakeCall();
    agent.on.onIncomingCall(handle);
    expect(phone.getState().call?.state).toBe('ringing');
    phone.answer();
    expect(phone.getState().call?.state).toBe('answering');
    expect(actions).toEqual(['answer']);
    agent.on.onCallConfirmed('another-call');
    expect(phone.getState().call?.state).toBe('answering');
    agent.on.onCallConfirmed('call-1');
    expect(phone.getState().call?.state).toBe('active');
    phone.hangUp();
    expect(actions).toEqual(['answer', 'hangUp']);
    agent.on.onCallEnded('call-1', 'Terminated');
    expect(phone.getState().call).toBeUndefined();
    expect(seen).toEqual([
      'ring sip:+212600123456@relais.example.com',
      'answered call-1',
      'ended call-1 Terminated',
    ]);
  });

  it('[SP2] declines a second call with 486 while one is up, and answers at once with autoAnswer', () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent, { autoAnswer: true });
    phone.start();
    const first = fakeCall('a');
    agent.on.onIncomingCall(first.handle);
    expect(first.actions).toEqual(['answer']);
    const second = fakeCall('b');
    agent.on.onIncomingCall(second.handle);
    expect(second.actions).toEqual(['busy']);
    expect(phone.getState().call?.id).toBe('a');
    phone.stop();
    expect(first.actions).toEqual(['answer', 'hangUp']);
    expect(phone.getState().call).toBeUndefined();
  });

  it('[SP3] shows the state in the panel and answers from its button', async () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    render(
      <I18nProvider locale="en" onLocale={() => undefined}>
        <SoftphonePanel softphone={phone} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
    act(() => agent.on.onRegistrationFailed('Connection Error'));
    expect(screen.getByRole('status').textContent).toBe(
      'Not connected: the telephony server cannot be reached',
    );
    act(() => agent.on.onRegistered());
    expect(screen.getByRole('status').textContent).toBe('Ready for calls');
    const { handle, actions } = fakeCall('c', 'sip:+33612345678@relais.example.com');
    act(() => agent.on.onIncomingCall(handle));
    expect(screen.getByText('Incoming call from +33612345678')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Answer' }));
    expect(actions).toEqual(['answer']);
    act(() => agent.on.onCallConfirmed('c'));
    expect(screen.queryByRole('button', { name: 'Answer' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(actions).toEqual(['answer', 'hangUp']);
    cleanup();
    expect(agent.stops).toBe(1);
  });
});

function French(props: { children: ReactNode }): ReactNode {
  return (
    <I18nProvider locale="fr" onLocale={() => undefined}>
      {props.children}
    </I18nProvider>
  );
}

describe('the softphone on the desktop', () => {
  it('[SP3] names the caller by display name, else by the user part of the From URI', () => {
    const named = (from: string, displayName?: string) => callerText({ from, displayName });
    expect(named('sip:+212600123456@relais.test', 'Mme Dupont')).toBe('Mme Dupont');
    expect(named('sip:+212600123456@relais.test')).toBe('+212600123456');
    expect(named('sips:%2B33612345678@relais.test;transport=ws')).toBe('+33612345678');
    expect(named('sip:relais.test')).toBe('sip:relais.test');
    expect(named('sip:50%zz@relais.test')).toBe('50%zz');
    expect(named('tel:+33612345678')).toBe('tel:+33612345678');
  });

  it('[SPD4] mutes, unmutes and sends DTMF only on an active call; a bad digit is refused', () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    phone.start();
    const { handle, actions } = fakeCall();
    agent.on.onIncomingCall(handle);
    phone.mute(true);
    phone.sendDtmf('5');
    expect(actions).toEqual([]);
    phone.answer();
    agent.on.onCallConfirmed('call-1');
    phone.mute(true);
    phone.mute(true);
    expect(phone.getState().call?.muted).toBe(true);
    for (const digit of ['1', '9', '*', '#', 'A']) phone.sendDtmf(digit);
    phone.mute(false);
    expect(phone.getState().call?.muted).toBe(false);
    for (const bad of ['', '12', 'x', 'E', ' ', '#1'])
      expect(() => phone.sendDtmf(bad), bad).toThrow(/DTMF digit: expected one of 0-9 \* # A-D/);
    expect(actions).toEqual([
      'answer',
      'mute',
      'dtmf 1',
      'dtmf 9',
      'dtmf *',
      'dtmf #',
      'dtmf A',
      'unmute',
    ]);
  });

  it('[SPD4] auto-answer turned on while running answers the next call; credentials and reconnect reach the library', () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    phone.start();
    phone.setAutoAnswer(true);
    expect(phone.getState().autoAnswer).toBe(true);
    const { handle, actions } = fakeCall();
    agent.on.onIncomingCall(handle);
    expect(actions).toEqual(['answer']);
    phone.setCredentials('agent-7~123', 'secret');
    expect(agent.credentials).toEqual(['agent-7~123:secret']);
    phone.reconnect();
    expect([agent.stops, agent.starts]).toEqual([1, 2]);
    expect(phone.getState().registration).toBe('registering');
  });

  it('[SPD5] a dropped WebSocket and a refused microphone are kept until registered again or read', () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    phone.start();
    agent.on.onDisconnected();
    expect(phone.getState()).toMatchObject({ socketDown: true, registration: 'registering' });
    agent.on.onRegistered();
    expect(phone.getState().socketDown).toBe(false);
    const { handle } = fakeCall();
    agent.on.onIncomingCall(handle);
    phone.answer();
    agent.on.onCallEnded('call-1', 'User Denied Media Access');
    expect(phone.getState()).toMatchObject({ call: undefined, callProblem: 'microphone' });
    phone.dismissProblem();
    expect(phone.getState().callProblem).toBeUndefined();
    agent.on.onIncomingCall(fakeCall('call-2').handle);
    agent.on.onCallEnded('call-2', 'Canceled');
    expect(phone.getState().callProblem).toBeUndefined();
    // Said again, it stays while the next call rings, and goes once a call is up.
    agent.on.onIncomingCall(fakeCall('call-3').handle);
    phone.answer();
    agent.on.onCallEnded('call-3', 'User Denied Media Access');
    agent.on.onIncomingCall(fakeCall('call-4').handle);
    expect(phone.getState().callProblem).toBe('microphone');
    phone.answer();
    agent.on.onCallConfirmed('call-4');
    expect(phone.getState().callProblem).toBeUndefined();
  });

  it('[SPD5] the panel says in French why it is not connected, and its retry reconnects', async () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    render(
      <French>
        <SoftphonePanel softphone={phone} />
      </French>,
    );
    expect(screen.getByRole('status').textContent).toBe('Connexion…');
    act(() => agent.on.onRegistrationFailed('Authentication Error'));
    expect(screen.getByRole('status').textContent).toBe(
      'Non connecté : le serveur a refusé les identifiants du téléphone',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer maintenant' }));
    expect(agent.starts).toBe(2);
    act(() => agent.on.onDisconnected());
    expect(screen.getByRole('alert').textContent).toMatch(
      /^Connexion au serveur téléphonique perdue : nouvel essai automatique en cours/,
    );
    act(() => agent.on.onRegistered());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Réessayer maintenant' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Prêt à recevoir des appels');
    act(() => agent.on.onIncomingCall(fakeCall().handle));
    await userEvent.click(screen.getByRole('button', { name: 'Répondre' }));
    act(() => agent.on.onCallEnded('call-1', 'User Denied Media Access'));
    expect(screen.getByRole('alert').textContent).toMatch(/^Le navigateur a refusé le micro/);
    await userEvent.click(screen.getByRole('button', { name: 'Compris' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('[SPD4] the panel mutes, dials DTMF from its keypad, hangs up, and remembers auto-answer', async () => {
    const agent = new FakeAgent();
    const phone = new Softphone(agent);
    const choices: boolean[] = [];
    render(
      <French>
        <SoftphonePanel softphone={phone} onAutoAnswer={(on) => choices.push(on)} />
      </French>,
    );
    act(() => agent.on.onRegistered());
    const { handle, actions } = fakeCall('c', 'sip:+33612345678@relais.example.com');
    act(() => agent.on.onIncomingCall(handle));
    expect(screen.getByText('Appel entrant de +33612345678')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Clavier' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Répondre' }));
    act(() => agent.on.onCallConfirmed('c'));
    await userEvent.click(screen.getByRole('button', { name: 'Couper le micro' }));
    expect(screen.getByText("Micro coupé : l'appelant ne vous entend pas")).toBeTruthy();
    const keypad = screen.getByRole('group', { name: 'Clavier' });
    await userEvent.click(within(keypad).getByRole('button', { name: '4' }));
    await userEvent.click(within(keypad).getByRole('button', { name: '#' }));
    await userEvent.click(screen.getByRole('button', { name: 'Rétablir le micro' }));
    await userEvent.click(screen.getByRole('button', { name: 'Raccrocher' }));
    expect(actions).toEqual(['answer', 'mute', 'dtmf 4', 'dtmf #', 'unmute', 'hangUp']);
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Répondre automatiquement aux appels' }),
    );
    expect(phone.getState().autoAnswer).toBe(true);
    expect(choices).toEqual([true]);
  });
});
