import type { OutboundCallPhase } from '@relais/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

const ORDER: readonly OutboundCallPhase[] = [
  'offered',
  'ringing',
  'waiting',
  'connected',
  'wrapUp',
  'ended',
];

/**
 * Where the dialer's call stands: ringing, answered and waiting for the agent, connected. A
 * preview call has no waiting step: the agent is on the line before it rings.
 */
export function CallPhase(props: { phase: OutboundCallPhase; preview: boolean }): ReactNode {
  const { t } = useI18n();
  const steps: OutboundCallPhase[] = props.preview
    ? ['ringing', 'connected']
    : ['ringing', 'waiting', 'connected'];
  const at = ORDER.indexOf(props.phase);
  return (
    <section className="call-phase" aria-labelledby="call-phase-title">
      <h3 id="call-phase-title">{t('outbound.phase.title')}</h3>
      <ol>
        {steps.map((step) => {
          const index = ORDER.indexOf(step);
          const state = index < at ? 'done' : index === at ? 'current' : 'ahead';
          return (
            <li
              key={step}
              className={state}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {t(`outbound.phase.${step}`)}
            </li>
          );
        })}
      </ol>
      <p role="status" className="muted">
        {t('outbound.phase.now', { phase: t(`outbound.phase.${props.phase}`) })}
      </p>
    </section>
  );
}
