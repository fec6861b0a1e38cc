// The softphone card of the agent desktop: registration state, the ringing or active call, and
// answer / hang-up buttons.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Softphone } from './softphone.ts';
import { useSoftphone } from './use-softphone.ts';

export function SoftphonePanel(props: { softphone: Softphone }): ReactNode {
  const { t } = useI18n();
  const state = useSoftphone(props.softphone);
  const call = state.call;
  const caller = call === undefined ? '' : (call.displayName ?? call.from);
  return (
    <section className="card softphone" aria-label={t('softphone.title')}>
      <h2>{t('softphone.title')}</h2>
      <p role="status" data-registration={state.registration}>
        {state.registration === 'error'
          ? t('softphone.state.error', { cause: state.error ?? '' })
          : t(`softphone.state.${state.registration}`)}
      </p>
      {call !== undefined && (
        <div className="softphone-call" data-call-state={call.state}>
          <p>{t(`softphone.${call.state}`, { caller })}</p>
          {call.state === 'ringing' && (
            <button type="button" onClick={() => props.softphone.answer()}>
              {t('softphone.answer')}
            </button>
          )}
          <button type="button" onClick={() => props.softphone.hangUp()}>
            {t(call.state === 'ringing' ? 'softphone.decline' : 'softphone.hangUp')}
          </button>
        </div>
      )}
    </section>
  );
}
