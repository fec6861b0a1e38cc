import type { OutboundContext } from '@relais/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** The campaign's script, as its author wrote it (plain text, line breaks kept). */
export function CampaignScript(props: { script: string | undefined }): ReactNode {
  const { t } = useI18n();
  if (props.script === undefined || props.script.trim() === '') return null;
  return (
    <section className="script" aria-labelledby="campaign-script-title">
      <h3 id="campaign-script-title">{t('agent.context.script')}</h3>
      <p className="script-text">{props.script}</p>
    </section>
  );
}

/** The fields the list gave for the lead, beyond its name and number. */
export function LeadFields(props: { context: OutboundContext }): ReactNode {
  const { t } = useI18n();
  const fields = Object.entries(props.context.lead.attributes);
  return (
    <section aria-labelledby="lead-fields-title">
      <h3 id="lead-fields-title">{t('outbound.fields')}</h3>
      {fields.length === 0 ? (
        <p className="muted">{t('outbound.noFields')}</p>
      ) : (
        <dl className="facts attributes">
          {fields.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The lead's earlier attempts, newest first: when, outcome, disposition, agent, ring and talk. */
export function LeadAttempts(props: { context: OutboundContext }): ReactNode {
  const { t, format } = useI18n();
  const { history, dispositions } = props.context;
  const label = (id: string | undefined): string =>
    id === undefined ? t('value.none') : (dispositions.find((d) => d.id === id)?.label ?? id);
  // The server's text as it is when it is not a date (Intl would throw on it).
  const when = (at: string): string => {
    const atMs = Date.parse(at);
    return Number.isNaN(atMs) ? at : format.dateTime(atMs);
  };
  const seconds = (value: number | undefined): string =>
    value === undefined ? t('value.none') : format.duration(value * 1000);
  return (
    <div className="customer-history">
      <h3>{t('outbound.history')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('outbound.noHistory')}</p>
      ) : (
        <div className="table-wrap">
          <table className="history">
            <caption>{t('outbound.historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.attempt.at')}</th>
                <th scope="col">{t('campaigns.attempt.outcome')}</th>
                <th scope="col">{t('campaigns.attempt.disposition')}</th>
                <th scope="col">{t('campaigns.attempt.agent')}</th>
                <th scope="col">{t('campaigns.attempt.ring')}</th>
                <th scope="col">{t('campaigns.attempt.talk')}</th>
                <th scope="col">{t('campaigns.attempt.note')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((attempt, i) => (
                <tr key={`${attempt.at}-${i}`}>
                  <th scope="row">{when(attempt.at)}</th>
                  <td>{t(`campaigns.outcome.${attempt.outcome}`)}</td>
                  <td>{label(attempt.dispositionId)}</td>
                  <td>{attempt.agentId ?? t('value.none')}</td>
                  <td className="number">{seconds(attempt.ringSeconds)}</td>
                  <td className="number">{seconds(attempt.talkSeconds)}</td>
                  <td>{attempt.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
