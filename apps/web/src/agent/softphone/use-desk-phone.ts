// React binding of the desktop's phone: made and started while the desktop is open, stopped when
// it closes; the auto-answer choice is remembered in this browser.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '../../api/api-client.ts';
import { DeskPhone, type DeskPhoneState, type SipAgentFactory } from './desk-phone.ts';

const AUTO_ANSWER_KEY = 'relais.softphone.autoAnswer';

export function rememberedAutoAnswer(): boolean {
  try {
    return window.localStorage.getItem(AUTO_ANSWER_KEY) === 'true';
  } catch {
    return false; // storage refused (private mode): the option starts off
  }
}

export function rememberAutoAnswer(on: boolean): void {
  try {
    window.localStorage.setItem(AUTO_ANSWER_KEY, String(on));
  } catch {
    // Not remembered; the option still holds until the page closes.
  }
}

/** JsSIP, loaded only when the server gives a softphone: desktops without one never download it. */
const jsSip: SipAgentFactory = async (config) => {
  const { jsSipAgent } = await import('./jssip-agent.ts');
  const audio = new Audio();
  audio.autoplay = true;
  return jsSipAgent(config, audio);
};

const OFF: DeskPhoneState = { kind: 'off' };
const never = (): (() => void) => () => undefined;

/**
 * The desktop's phone; `enabled`: the server takes SIP calls (the session says so), else
 * nothing is asked of the server and the state stays `off`.
 */
export function useDeskPhone(
  api: ApiClient,
  agentId: string,
  options: { enabled: boolean; makeAgent?: SipAgentFactory },
): { phone: DeskPhone; state: DeskPhoneState } {
  const { enabled } = options;
  const [phone] = useState(
    () =>
      new DeskPhone(api, agentId, options.makeAgent ?? jsSip, {
        autoAnswer: rememberedAutoAnswer(),
      }),
  );
  useEffect(() => {
    if (!enabled) return undefined;
    void phone.start();
    return () => phone.stop();
  }, [phone, enabled]);
  const state = useSyncExternalStore(
    enabled ? phone.subscribe : never,
    enabled ? phone.getState : () => OFF,
  );
  return { phone, state };
}
