// Every queue the server lets the reader see, live and today so far, read every few seconds: the
// client viewer's home page (staff have the live wallboard, apps/web/src/wallboard/).
import type { Role } from '@relais/protocol';
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import { REFRESH_SECONDS, useLiveQueues } from './live-queues.ts';

const TITLE: Record<Exclude<Role, 'agent'>, MessageKey> = {
  supervisor: 'queues.title.supervisor',
  planner: 'queues.title.planner',
  admin: 'queues.title.admin',
  clientViewer: 'queues.title.clientViewer',
};

export function QueuesPage(props: { api: ApiClient; role: Exclude<Role, 'agent'> }): ReactNode {
  const { t, format } = useI18n();
  const { data, failure } = useLiveQueues(props.api);

  return (
    <main className="page">
      <h1>{t(TITLE[props.role])}</h1>
      {failure === undefined ? null : (
        <p className="error" role="alert">
          {t('error.generic', { message: failure })}
        </p>
      )}
      {data === undefined ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <p className="muted">
            {t('queues.updated', {
              time: format.time(Date.parse(data.at)),
              seconds: REFRESH_SECONDS,
              day: data.day,
              zone: data.zone,
            })}
          </p>
          {data.queues.length === 0 ? (
            <p>{t('queues.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="queues">
                <caption>{t('queues.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('queues.col.queue')}</th>
                    <th scope="col">{t('queues.col.waiting')}</th>
                    <th scope="col">{t('queues.col.longest')}</th>
                    <th scope="col">{t('queues.col.agents')}</th>
                    <th scope="col">{t('queues.col.ewt')}</th>
                    <th scope="col">{t('queues.col.slNow')}</th>
                    <th scope="col">{t('queues.col.slToday')}</th>
                    <th scope="col">{t('queues.col.offered')}</th>
                    <th scope="col">{t('queues.col.answered')}</th>
                    <th scope="col">{t('queues.col.asa')}</th>
                    <th scope="col">{t('queues.col.abandon')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.queues.map((q) => (
                    <tr key={q.queueId}>
                      <th scope="row">{q.queueId}</th>
                      <td>{format.integer(q.waiting)}</td>
                      <td>{format.seconds(q.longestWaitingMs)}</td>
                      <td>
                        {format.integer(q.availableAgents)} / {format.integer(q.eligibleAgents)}
                      </td>
                      <td>{format.seconds(q.estimatedWaitMs)}</td>
                      <td>{format.percent(q.serviceLevel)}</td>
                      <td>{format.percent(q.today.serviceLevel)}</td>
                      <td>{format.integer(q.today.offered)}</td>
                      <td>{format.integer(q.today.answered)}</td>
                      <td>
                        {format.seconds(
                          q.today.asaSeconds === null ? null : q.today.asaSeconds * 1000,
                        )}
                      </td>
                      <td>{format.percent(q.today.abandonRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <p className="muted not-built">
        {t('queues.notBuilt')}{' '}
        {props.role === 'clientViewer' ? null : <a href="/api/docs">{t('queues.apiDocs')}</a>}
      </p>
    </main>
  );
}
