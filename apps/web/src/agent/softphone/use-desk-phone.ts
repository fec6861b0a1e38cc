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

export function useDeskPhone(
  api: ApiClient,
  agentId: string,
  makeAgent: SipAgentFactory = jsSip,
): { phone: DeskPhone; state: DeskPhoneState } {
  const [phone] = useState(
    () => new DeskPhone(api, agentId, makeAgent, { autoAnswer: rememberedAutoAnswer() }),
  );
  useEffect(() => {
    void phone.start();
    return () => phone.stop();
  }, [phone]);
  const state = useSyncExternalStore(phone.subscribe, phone.getState);
  return { phone, state };
}
