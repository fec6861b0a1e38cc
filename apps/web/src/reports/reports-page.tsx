// /reports: interval reports for supervisors (their sites' queues and agents), planners and
// administrators (everything) and client viewers (their client's queues).
import type { Role } from '@relais/protocol';
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ReportsView } from './reports-view.tsx';

export function ReportsPage(props: { api: ApiClient; role: Role }): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page">
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      <ReportsView api={props.api} role={props.role} />
    </main>
  );
}
