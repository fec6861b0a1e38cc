// A webhook's delivery log, newest first: which event, how many attempts, the last answer.
import { WebhookDeliveryView } from '@relais/protocol';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DataTable } from './data-table.tsx';

const Deliveries = z.object({ items: z.array(WebhookDeliveryView) });

export function DeliveriesPage(props: { api: ApiClient; id: string }): ReactNode {
  const { t, format } = useI18n();
  const { api, id } = props;
  const [rows, setRows] = useState<WebhookDeliveryView[]>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let stopped = false;
    api
      .get(`/api/v1/webhooks/${encodeURIComponent(id)}/deliveries?limit=1000`, Deliveries)
      .then((answer) => !stopped && setRows(answer.items))
      .catch((error: unknown) => !stopped && setFailure(String((error as Error).message)));
    return () => {
      stopped = true;
    };
  }, [api, id]);
  return (
    <section aria-labelledby="admin-section-title">
      <h2 id="admin-section-title">{t('admin.deliveries.title', { id })}</h2>
      <p>
        <Link href="/webhooks">{t('admin.backToList', { what: t('admin.section.webhooks') })}</Link>
      </p>
      {failure === undefined ? null : (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {rows === undefined ? (
        failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <DataTable
          caption={t('admin.deliveries.caption')}
          rows={rows}
          rowKey={(row) => String(row.id)}
          columns={[
            {
              key: 'eventSeq',
              label: t('admin.deliveries.event'),
              numeric: true,
              value: (row) => row.eventSeq,
            },
            {
              key: 'status',
              label: t('admin.f.status'),
              value: (row) => t(`admin.deliveries.${row.status}`),
            },
            {
              key: 'attempts',
              label: t('admin.deliveries.attempts'),
              numeric: true,
              value: (row) => row.attempts,
              render: (row) => format.integer(row.attempts),
            },
            {
              key: 'last',
              label: t('admin.deliveries.last'),
              value: (row) =>
                [
                  row.lastStatusCode === undefined ? '' : `HTTP ${row.lastStatusCode}`,
                  row.lastError ?? '',
                ]
                  .filter((part) => part !== '')
                  .join(' · '),
            },
            {
              key: 'updatedAt',
              label: t('admin.deliveries.updated'),
              value: (row) => row.updatedAt,
            },
          ]}
        />
      )}
    </section>
  );
}
