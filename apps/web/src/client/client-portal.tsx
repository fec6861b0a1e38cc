// /client: a client viewer's home. Read-only: that client's queues, live and today so far (the
// server lists only their client's), each with its reports; nothing about agents or other
// clients, and no action. A queue address that is not theirs shows "not found".
import type { RealtimeQueue } from '@relais/protocol';
import type { ReactNode } from 'react';
import { Link, Route, Switch, useParams } from 'wouter';
import type { ApiClient } from '../api/api-client.ts';
import { INTL_LOCALE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { REFRESH_SECONDS, useLiveQueues, type LiveQueues } from '../queues/live-queues.ts';
import { useReportLists, type QueueItem } from '../reports/report-lists.ts';
import { ReportsView } from '../reports/reports-view.tsx';
import './client.css';

export interface ClientPortalProps {
  api: ApiClient;
  nowMs?: number;
}

export function ClientPortal(props: ClientPortalProps): ReactNode {
  const live = useLiveQueues(props.api);
  return (
    <Switch>
      <Route path="/">
        <PortalHome {...props} live={live} />
      </Route>
      <Route path="/queue/:id">
        <QueuePage {...props} live={live} />
      </Route>
      <Route>
        <NotFound />
      </Route>
    </Switch>
  );
}

function PortalHome(props: ClientPortalProps & { live: LiveQueues }): ReactNode {
  const { t } = useI18n();
  const { lists } = useReportLists(props.api, ['queue']);
  return (
    <main className="page client-portal">
      <h1>{t('client.title')}</h1>
      <p className="muted">{t('client.intro')}</p>
      <LiveTable live={props.live} queues={lists.queues} />
      <section aria-labelledby="client-reports">
        <h2 id="client-reports">{t('client.reports')}</h2>
        <ReportsView
          api={props.api}
          role="clientViewer"
          dimension="queue"
          {...(props.nowMs === undefined ? {} : { nowMs: props.nowMs })}
        />
      </section>
    </main>
  );
}

function QueuePage(props: ClientPortalProps & { live: LiveQueues }): ReactNode {
  const { t } = useI18n();
  const { id = '' } = useParams<{ id: string }>();
  const { lists } = useReportLists(props.api, ['queue']);
  const { data, failure } = props.live;
  if (data === undefined) {
    return (
      <main className="page client-portal">
        <LiveTable live={props.live} queues={[]} />
      </main>
    );
  }
  const queue = data.queues.find((q) => q.queueId === id);
  if (queue === undefined) return <NotFound />;
  return (
    <main className="page client-portal">
      <p>
        <Link href="/">{t('client.back')}</Link>
      </p>
      <h1>{t('client.queue.title', { queue: id })}</h1>
      <LiveTable
        live={{ data: { ...data, queues: [queue] }, failure }}
        queues={lists.queues}
        caption={t('client.queue.live')}
      />
      <section aria-labelledby="client-reports">
        <h2 id="client-reports">{t('client.reports')}</h2>
        <ReportsView
          api={props.api}
          role="clientViewer"
          dimension="queue"
          lockedIds={[id]}
          {...(props.nowMs === undefined ? {} : { nowMs: props.nowMs })}
        />
      </section>
    </main>
  );
}

function NotFound(): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page client-portal">
      <p className="error" role="alert">
        {t('client.notFound')}
      </p>
      <p>
        <Link href="/">{t('client.back')}</Link>
      </p>
    </main>
  );
}

function LiveTable(props: { live: LiveQueues; queues: QueueItem[]; caption?: string }): ReactNode {
  const { t, format, locale } = useI18n();
  const longDay = (day: string): string =>
    new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', dateStyle: 'long' }).format(
      Date.parse(`${day}T00:00:00Z`),
    );
  const { data, failure } = props.live;
  const configs = new Map(props.queues.map((q) => [q.id, q]));
  return (
    <>
      {failure === undefined ? null : (
        <p className="error" role="alert">
          {t('client.failed', { message: failure })}
        </p>
      )}
      {data === undefined ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <p className="muted">
            {t('client.updated', {
              time: format.time(Date.parse(data.at)),
              seconds: REFRESH_SECONDS,
              day: longDay(data.day),
              zone: data.zone,
            })}
          </p>
          {data.queues.length === 0 ? (
            <p>{t('client.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="client-queues">
                <caption>{props.caption ?? t('client.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('client.col.queue')}</th>
                    <th scope="col">{t('client.col.channel')}</th>
                    <th scope="col">{t('client.col.waiting')}</th>
                    <th scope="col">{t('client.col.longest')}</th>
                    <th scope="col">{t('client.col.ewt')}</th>
                    <th scope="col">{t('client.col.slToday')}</th>
                    <th scope="col">{t('client.col.target')}</th>
                    <th scope="col">{t('client.col.offered')}</th>
                    <th scope="col">{t('client.col.answered')}</th>
                    <th scope="col">{t('client.col.abandonRate')}</th>
                    <th scope="col">{t('client.col.asa')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.queues.map((q) => (
                    <QueueRow key={q.queueId} queue={q} config={configs.get(q.queueId)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

function QueueRow(props: { queue: RealtimeQueue; config: QueueItem | undefined }): ReactNode {
  const { t, format } = useI18n();
  const { queue: q, config } = props;
  const target = config?.serviceLevel?.target;
  const below =
    target !== undefined && q.today.serviceLevel !== null && q.today.serviceLevel < target;
  return (
    <tr>
      <th scope="row">
        <Link href={`/queue/${encodeURIComponent(q.queueId)}`}>{q.queueId}</Link>
      </th>
      <td>
        {config?.channel === undefined
          ? t('value.none')
          : t(`channel.${config.channel as 'voice'}`)}
      </td>
      <td>{format.integer(q.waiting)}</td>
      <td>{format.seconds(q.longestWaitingMs)}</td>
      <td>{format.seconds(q.estimatedWaitMs)}</td>
      <td className={below ? 'below-target' : undefined}>{format.percent(q.today.serviceLevel)}</td>
      <td>
        {target === undefined
          ? t('value.none')
          : t('client.target', { target: format.percent(target), seconds: q.thresholdSeconds })}
      </td>
      <td>{format.integer(q.today.offered)}</td>
      <td>{format.integer(q.today.answered)}</td>
      <td>{format.percent(q.today.abandonRate)}</td>
      <td>{format.seconds(q.today.asaSeconds === null ? null : q.today.asaSeconds * 1000)}</td>
    </tr>
  );
}
