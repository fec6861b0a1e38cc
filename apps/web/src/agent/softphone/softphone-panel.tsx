// The softphone card of the agent desktop: registration state (with why it failed and a retry),
// the ringing or active call with answer / decline / hang up, mute and the DTMF keypad, the
// auto-answer option, and what to do when the microphone was refused or the WebSocket dropped.
import type { ReactNode } from 'react';
import { useI18n, type Translate } from '../../i18n/i18n.tsx';
import type { Softphone, SoftphoneState } from './softphone.ts';
import { useSoftphone } from './use-softphone.ts';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The library's cause in the agent's words when it is a known one. */
function causeText(t: Translate, cause: string | undefined): string {
  switch (cause) {
    case 'Authentication Error':
      return t('softphone.cause.auth');
    case 'Connection Error':
      return t('softphone.cause.connection');
    case 'Request Timeout':
      return t('softphone.cause.timeout');
    default:
      return cause ?? '';
  }
}

/** Who calls: the display name, else the user part of the From URI (the customer's number). */
export function callerText(call: { displayName: string | undefined; from: string }): string {
  if (call.displayName !== undefined) return call.displayName;
  const user = /^sips?:([^@;]+)@/.exec(call.from)?.[1];
  if (user === undefined) return call.from;
  try {
    return decodeURIComponent(user);
  } catch {
    return user; // a stray % from the far end: shown as it came
  }
}

function statusText(t: Translate, state: SoftphoneState): string {
  return state.registration === 'error'
    ? t('softphone.state.error', { cause: causeText(t, state.error) })
    : t(`softphone.state.${state.registration}`);
}

export function SoftphonePanel(props: {
  softphone: Softphone;
  /** Told when the agent turns auto-answer on or off (the desktop remembers it). */
  onAutoAnswer?: (on: boolean) => void;
}): ReactNode {
  const { t } = useI18n();
  const phone = props.softphone;
  const state = useSoftphone(phone);
  const call = state.call;
  const caller = call === undefined ? '' : callerText(call);
  return (
    <section className="card softphone" aria-label={t('softphone.title')}>
      <h2>{t('softphone.title')}</h2>
      <p role="status" data-registration={state.registration}>
        {statusText(t, state)}
      </p>
      {(state.socketDown || state.registration === 'error') && (
        <div className="softphone-problem">
          {state.socketDown && <p role="alert">{t('softphone.socketDown')}</p>}
          <button type="button" onClick={() => phone.reconnect()}>
            {t('softphone.retry')}
          </button>
        </div>
      )}
      {state.callProblem === 'microphone' && (
        <div className="softphone-problem">
          <p role="alert">{t('softphone.microphone')}</p>
          <button type="button" onClick={() => phone.dismissProblem()}>
            {t('softphone.dismiss')}
          </button>
        </div>
      )}
      {call !== undefined && (
        <div className="softphone-call" data-call-state={call.state}>
          <p>{t(`softphone.${call.state}`, { caller })}</p>
          <div className="row">
            {call.state === 'ringing' && (
              <button type="button" onClick={() => phone.answer()}>
                {t('softphone.answer')}
              </button>
            )}
            {call.state === 'active' && (
              <button
                type="button"
                aria-pressed={call.muted}
                onClick={() => phone.mute(!call.muted)}
              >
                {t(call.muted ? 'softphone.unmute' : 'softphone.mute')}
              </button>
            )}
            <button type="button" onClick={() => phone.hangUp()}>
              {t(call.state === 'ringing' ? 'softphone.decline' : 'softphone.hangUp')}
            </button>
          </div>
          {call.muted && <p className="muted">{t('softphone.muted')}</p>}
          {call.state === 'active' && (
            <div className="keypad" role="group" aria-label={t('softphone.keypad')}>
              {KEYPAD.map((digit) => (
                <button key={digit} type="button" onClick={() => phone.sendDtmf(digit)}>
                  {digit}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <label className="softphone-option">
        <input
          type="checkbox"
          checked={state.autoAnswer}
          onChange={(event) => {
            phone.setAutoAnswer(event.target.checked);
            props.onAutoAnswer?.(event.target.checked);
          }}
        />{' '}
        {t('softphone.autoAnswer')}
      </label>
    </section>
  );
}
