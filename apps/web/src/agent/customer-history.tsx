import type { ContactContext, Disposition } from '@relais/protocol';
import type { ReactNode } from 'react';
import { ApiFailure } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { ContextRead } from './use-contact-context.ts';

/** This customer's previous contacts with the client: when, where, who, how it ended, how long. */
export function CustomerHistory(props: {
  read: ContextRead | undefined;
  dispositions: readonly Disposition[];
}): ReactNode {
  const { t, format } = useI18n();
  const { read } = props;
  const title = <h3>{t('agent.context.history')}</h3>;
  if (read === undefined)
    return (
      <div className="customer-history" aria-busy="true">
        {title}
        <p className="muted">{t('app.loading')}</p>
      </div>
    );
  if (read.context === undefined) {
    const message = read.error instanceof ApiFailure ? read.error.message : String(read.error);
    return (
      <div className="customer-history">
        {title}
        <p className="error">{t('agent.context.failed', { message })}</p>
      </div>
    );
  }
  const { history, customerKey } = read.context;
  const label = (id: string | undefined): string =>
    id === undefined ? t('value.none') : (props.dispositions.find((d) => d.id === id)?.label ?? id);
  const stateText = (state: string): string => {
    const key = `agent.history.state.${state}` as MessageKey;
    const text = t(key);
    return text === key ? state : text;
  };
  return (
    <div className="customer-history">
      {title}
      {customerKey === undefined ? (
        <p className="muted">{t('agent.context.noCustomer')}</p>
      ) : history.length === 0 ? (
        <p className="muted">{t('agent.context.noHistory')}</p>
      ) : (
        <div className="table-wrap">
          <table className="history">
            <caption>{t('agent.context.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agent.history.col.date')}</th>
                <th scope="col">{t('agent.history.col.queue')}</th>
                <th scope="col">{t('agent.history.col.agent')}</th>
                <th scope="col">{t('agent.history.col.state')}</th>
                <th scope="col">{t('agent.history.col.disposition')}</th>
                <th scope="col">{t('agent.history.col.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((past) => (
                <tr key={past.contactId}>
                  <th scope="row">{format.dateTime(past.arrivedAtMs)}</th>
                  <td>{past.queueId}</td>
                  <td>{past.agentId ?? t('value.none')}</td>
                  <td>{stateText(past.state)}</td>
                  <td>{label(past.dispositionId)}</td>
                  <td className="number">
                    {past.talkMs === undefined && past.wrapUpMs === undefined
                      ? t('value.none')
                      : format.duration((past.talkMs ?? 0) + (past.wrapUpMs ?? 0))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The queue's script, as its author wrote it (plain text, line breaks kept). */
export function QueueScript(props: { context: ContactContext | undefined }): ReactNode {
  const { t } = useI18n();
  const script = props.context?.script;
  if (script === undefined || script.trim() === '') return null;
  return (
    <section className="script" aria-labelledby="script-title">
      <h3 id="script-title">{t('agent.context.script')}</h3>
      <p className="script-text">{script}</p>
    </section>
  );
}
