// The softphone's states and call handling, driven through a fake SipAgent; the panel in the DOM.
import { act, cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.tsx';
import { FakeAgent, fakeCall } from '../../testing/fake-sip-agent.ts';
import { Softphone, type SoftphoneCall } from './softphone.ts';
import { SoftphonePanel } from './softphone-panel.tsx';

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
    expect(screen.getByRole('status').textContent).toBe('Not connected: the telephony server cannot be reached');
    act(() => agent.on.onRegistered());
    expect(screen.getByRole('status').textContent).toBe('Ready for calls');
    const { handle, actions } = fakeCall('c', 'sip:+33612345678@relais.example.com');
    act(() => agent.on.onIncomingCall(handle));
    expect(screen.getByText('Incoming call from sip:+33612345678@relais.example.com')).toBeTruthy();
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
