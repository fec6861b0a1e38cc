import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** An agent user whose account names no agent: nothing to show but how to fix it. */
export function NoAgent(): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page">
      <p className="error" role="alert">
        {t('agent.noAgent')}
      </p>
    </main>
  );
}
