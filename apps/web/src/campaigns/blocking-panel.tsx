// "Why isn't it dialing?": the campaign's leads counted by the first rule that stops them now,
// each reason explained in words, with how many no waiting will free and, for those who manage
// the campaign, a link to the leads it holds.
import { BlockingSummary, LeadPage } from '@relais/protocol';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { campaignPath } from './campaign-list.tsx';
import { explainReason } from './reasons.ts';
import { useApi } from './use-api.ts';

export const BLOCKING_REFRESH_SECONDS = 15;

/** The leads path filtered by a blocking reason. */
export const leadsByReason = (campaignId: string, code: string): string =>
  `/${encodeURIComponent(campaignId)}/leads?blockedBy=${encodeURIComponent(code)}`;

export function BlockingPanel(props: {
  api: ApiClient;
  campaignId: string;
  manage: boolean;
}): ReactNode {
  const { t, format } = useI18n();
  const { api, campaignId, manage } = props;
  const summary = useApi(
    api,
    `${campaignPath(campaignId)}/blocking`,
    BlockingSummary,
    BLOCKING_REFRESH_SECONDS,
  );
  const data = summary.data;
  const reasons = Object.entries(data?.byReason ?? {})
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return (
    <section aria-labelledby="campaign-blocking-title" className="card campaign-blocking">
      <h3 id="campaign-blocking-title">{t('campaigns.blocking.title')}</h3>
      {summary.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: summary.failure })}
        </p>
      )}
      {data === undefined ? (
        summary.failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <p className="muted">
            {t('campaigns.blocking.at', { time: format.time(Date.parse(data.at)) })}
          </p>
          <dl className="campaign-figures">
            {(
              [
                ['campaigns.blocking.total', data.total],
                ['campaigns.blocking.dialable', data.dialable],
                ['campaigns.blocking.blocked', data.blocked],
                ['campaigns.blocking.never', data.neverDialable],
                ['campaigns.blocking.done', data.done],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="campaign-figure">
                <dt>{t(label)}</dt>
                <dd>{format.integer(value)}</dd>
              </div>
            ))}
          </dl>
          {reasons.length === 0 ? (
            <p>
              {data.total === 0
                ? t('campaigns.blocking.noLeads')
                : t('campaigns.blocking.nothingBlocked')}
            </p>
          ) : (
            <ul className="campaign-reasons">
              {reasons.map(([code, count]) => {
                const reason = explainReason(code);
                return (
                  <li key={code} className="campaign-reason" data-reason={code}>
                    <p className="campaign-reason-head">
                      <strong>{t(reason.title, { pack: reason.pack ?? '' })}</strong>{' '}
                      <code>{code}</code>{' '}
                      <span className="campaign-reason-count">
                        {t('campaigns.blocking.leads', { count: format.integer(count) })}
                      </span>
                    </p>
                    <p>{t(reason.explanation, { pack: reason.pack ?? '', code })}</p>
                    <p className="muted">
                      {reason.waitFrees
                        ? t('campaigns.blocking.waitFrees')
                        : t('campaigns.blocking.needsData')}
                      {reason.waitFrees && manage && (
                        <NextDialable api={api} campaignId={campaignId} code={code} />
                      )}
                    </p>
                    {manage && (
                      <Link href={leadsByReason(campaignId, code)}>
                        {t('campaigns.blocking.seeLeads', { code })}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** When one lead held by a time-bound rule becomes dialable (the next window, the lock's end). */
function NextDialable(props: { api: ApiClient; campaignId: string; code: string }): ReactNode {
  const { t, format } = useI18n();
  const page = useApi(
    props.api,
    `${campaignPath(props.campaignId)}/leads?blockedBy=${encodeURIComponent(props.code)}&limit=1`,
    LeadPage,
  );
  const at = page.data?.leads[0]?.dialableAt;
  if (typeof at !== 'string') return null;
  return <> {t('campaigns.blocking.nextAt', { time: format.dateTime(Date.parse(at)) })}</>;
}
