// The phone card of the agent desktop: nothing when telephony is off, why there is no phone when
// the server cannot give one (with a retry), else the softphone panel.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { DeskPhone, DeskPhoneState } from './desk-phone.ts';
import { SoftphonePanel } from './softphone-panel.tsx';
import { rememberAutoAnswer } from './use-desk-phone.ts';

export function DeskPhonePanel(props: { phone: DeskPhone; state: DeskPhoneState }): ReactNode {
  const { t } = useI18n();
  const { state } = props;
  if (state.kind === 'off' || state.kind === 'loading') return null;
  if (state.kind === 'on') {
    return <SoftphonePanel softphone={state.softphone} onAutoAnswer={rememberAutoAnswer} />;
  }
  return (
    <section className="card softphone" aria-label={t('softphone.title')}>
      <h2>{t('softphone.title')}</h2>
      <p role="alert">
        {state.reason === 'failed'
          ? t('softphone.unavailable.failed', { message: state.message })
          : t(`softphone.unavailable.${state.reason}`)}
      </p>
      {state.reason === 'failed' && (
        <button type="button" onClick={() => void props.phone.retry()}>
          {t('softphone.retry')}
        </button>
      )}
    </section>
  );
}
