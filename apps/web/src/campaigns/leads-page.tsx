// A campaign's leads, a page at a time, filtered by state and by the rule that blocks them (the
// blocking panel links here with ?blockedBy=<code>), and one lead with its full history.
import { BlockingSummary, LEAD_STATES, LeadDetail, LeadPage } from '@relais/protocol';
import type { Lead as LeadView } from './types.ts';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { campaignPath } from './campaign-list.tsx';
import { CampaignTabs } from './campaign-tabs.tsx';
import { explainReason } from './reasons.ts';
import { useApi } from './use-api.ts';

export const LEADS_PER_PAGE = 50;

/** The API path of a page of leads for the filters and the cursor. */
export function leadsQuery(
  campaignId: string,
  filters: { state?: string; blockedBy?: string },
  after: string | undefined,
): string {
  const query = new URLSearchParams();
  if (filters.state !== undefined && filters.state !== '') query.set('state', filters.state);
  if (filters.blockedBy !== undefined && filters.blockedBy !== '')
    query.set('blockedBy', filters.blockedBy);
  if (after !== undefined) query.set('after', after);
  query.set('limit', String(LEADS_PER_PAGE));
  return `${campaignPath(campaignId)}/leads?${query.toString()}`;
}

export function LeadsPage(props: { api: ApiClient; campaignId: string }): ReactNode {
  const { t, format } = useI18n();
  const { api, campaignId } = props;
  const search = new URLSearchParams(useSearch());
  const [location, navigate] = useLocation();
  const filters = {
    state: search.get('state') ?? '',
    blockedBy: search.get('blockedBy') ?? '',
  };
  /** The cursors of the pages before this one, to go back. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const page = useApi(api, leadsQuery(campaignId, filters, after), LeadPage);
  const [blockedDraft, setBlockedDraft] = useState(filters.blockedBy);
  // The reasons that block leads now, offered in the filter.
  const blocking = useApi(api, `${campaignPath(campaignId)}/blocking`, BlockingSummary);
  const reasons = Object.keys(blocking.data?.byReason ?? {}).sort();

  const filter = (next: { state: string; blockedBy: string }): void => {
    const query = new URLSearchParams();
    if (next.state !== '') query.set('state', next.state);
    if (next.blockedBy !== '') query.set('blockedBy', next.blockedBy);
    setCursors([undefined]);
    navigate(`${location}${query.size > 0 ? `?${query.toString()}` : ''}`);
  };
  const base = `/${encodeURIComponent(campaignId)}`;

  return (
    <section aria-labelledby="leads-title">
      <CampaignTabs campaignId={campaignId} manage />
      <h2 id="leads-title">{t('campaigns.leads.title')}</h2>
      <form
        className="campaign-filters"
        onSubmit={(event) => {
          event.preventDefault();
          filter({ state: filters.state, blockedBy: blockedDraft.trim() });
        }}
      >
        <div className="admin-field">
          <label htmlFor="leads-state">{t('campaigns.leads.state')}</label>
          <select
            id="leads-state"
            value={filters.state}
            onChange={(event) => filter({ ...filters, state: event.target.value })}
          >
            <option value="">{t('campaigns.leads.anyState')}</option>
            {LEAD_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`campaigns.leadState.${state}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-field">
          <label htmlFor="leads-blocked">{t('campaigns.leads.blockedBy')}</label>
          <input
            id="leads-blocked"
            value={blockedDraft}
            placeholder="FR.hours"
            list="leads-blocked-reasons"
            onChange={(event) => setBlockedDraft(event.target.value)}
          />
          <datalist id="leads-blocked-reasons">
            {reasons.map((code) => {
              const reason = explainReason(code);
              return (
                <option key={code} value={code}>
                  {t(reason.title, { pack: reason.pack ?? '', code })}
                </option>
              );
            })}
          </datalist>
        </div>
        <button type="submit">{t('campaigns.leads.filter')}</button>
        {(filters.state !== '' || filters.blockedBy !== '') && (
          <button
            type="button"
            onClick={() => {
              setBlockedDraft('');
              filter({ state: '', blockedBy: '' });
            }}
          >
            {t('campaigns.leads.clear')}
          </button>
        )}
      </form>
      {filters.blockedBy !== '' && (
        <p className="muted">
          {t(explainReason(filters.blockedBy).explanation, {
            pack: explainReason(filters.blockedBy).pack ?? '',
            code: filters.blockedBy,
          })}
        </p>
      )}
      {page.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: page.failure })}
        </p>
      )}
      {page.data === undefined ? (
        page.failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : page.data.leads.length === 0 ? (
        <p>{t('campaigns.leads.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="campaigns-table">
            <caption className="visually-hidden">{t('campaigns.leads.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.lead.phone')}</th>
                <th scope="col">{t('campaigns.lead.name')}</th>
                <th scope="col">{t('campaigns.lead.state')}</th>
                <th scope="col" className="num">
                  {t('campaigns.lead.attempts')}
                </th>
                <th scope="col">{t('campaigns.lead.lastOutcome')}</th>
                <th scope="col">{t('campaigns.lead.blockedBy')}</th>
                <th scope="col">{t('campaigns.lead.dialableAt')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.leads.map((lead) => (
                <tr key={lead.id}>
                  <th scope="row">
                    <Link href={`${base}/leads/${encodeURIComponent(lead.id)}`}>
                      {lead.phoneE164}
                    </Link>
                  </th>
                  <td>{leadName(lead) ?? t('value.none')}</td>
                  <td>{t(`campaigns.leadState.${lead.state}`)}</td>
                  <td className="num">{format.integer(lead.attempts)}</td>
                  <td>{lead.lastOutcome ?? t('value.none')}</td>
                  <td>
                    {lead.blockedBy === undefined ? (
                      t('value.none')
                    ) : (
                      <BlockedBy code={lead.blockedBy} />
                    )}
                  </td>
                  <td>
                    <DialableAt lead={lead} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label={t('admin.table.pages')} className="admin-pager">
        <button
          type="button"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('admin.table.previous')}
        </button>
        <button
          type="button"
          disabled={page.data?.next === undefined}
          onClick={() => setCursors([...cursors, page.data?.next])}
        >
          {t('admin.table.next')}
        </button>
      </nav>
    </section>
  );
}

const leadName = (lead: LeadView): string | undefined =>
  [lead.firstName, lead.lastName].filter((p) => p !== undefined && p !== '').join(' ') || undefined;

function BlockedBy(props: { code: string }): ReactNode {
  const { t } = useI18n();
  const reason = explainReason(props.code);
  return (
    <>
      {t(reason.title, { pack: reason.pack ?? '' })} <code>{props.code}</code>
    </>
  );
}

function DialableAt(props: { lead: LeadView }): ReactNode {
  const { t, format } = useI18n();
  const { dialableAt, blockedBy } = props.lead;
  if (blockedBy === undefined) return t('value.none');
  if (dialableAt === null) return t('campaigns.lead.never');
  if (dialableAt === undefined) return t('value.none');
  return format.dateTime(Date.parse(dialableAt));
}

export function LeadDetailView(props: {
  api: ApiClient;
  campaignId: string;
  leadId: string;
}): ReactNode {
  const { t, format } = useI18n();
  const { api, campaignId, leadId } = props;
  const detail = useApi(api, `/api/v1/leads/${encodeURIComponent(leadId)}`, LeadDetail);
  const lead = detail.data?.lead;
  const seconds = (value: number | undefined): string =>
    value === undefined ? t('value.none') : format.seconds(value * 1000);
  return (
    <section aria-labelledby="lead-title">
      <CampaignTabs campaignId={campaignId} manage />
      <h2 id="lead-title">{t('campaigns.lead.title', { phone: lead?.phoneE164 ?? leadId })}</h2>
      {detail.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: detail.failure })}
        </p>
      )}
      {lead === undefined ? (
        detail.failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <dl className="campaign-figures card">
            {(
              [
                ['campaigns.lead.name', leadName(lead) ?? t('value.none')],
                ['campaigns.lead.state', t(`campaigns.leadState.${lead.state}`)],
                ['campaigns.lead.attempts', format.integer(lead.attempts)],
                ['campaigns.lead.country', lead.country],
                ['campaigns.lead.timeZone', lead.timeZone],
                ['campaigns.lead.list', lead.listId],
                [
                  'campaigns.lead.nextAt',
                  lead.nextAt === undefined
                    ? t('value.none')
                    : format.dateTime(Date.parse(lead.nextAt)),
                ],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="campaign-figure">
                <dt>{t(label)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <div className="campaign-figure">
              <dt>{t('campaigns.lead.blockedBy')}</dt>
              <dd>
                {lead.blockedBy === undefined ? (
                  t('value.none')
                ) : (
                  <BlockedBy code={lead.blockedBy} />
                )}
              </dd>
            </div>
            <div className="campaign-figure">
              <dt>{t('campaigns.lead.dialableAt')}</dt>
              <dd>
                <DialableAt lead={lead} />
              </dd>
            </div>
          </dl>
          {Object.keys(lead.attributes).length > 0 && (
            <>
              <h3>{t('campaigns.lead.attributes')}</h3>
              <dl className="campaign-figures">
                {Object.entries(lead.attributes).map(([key, value]) => (
                  <div key={key} className="campaign-figure">
                    <dt>{key}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          <h3>{t('campaigns.lead.history')}</h3>
          {detail.data?.history.length === 0 ? (
            <p>{t('campaigns.lead.noHistory')}</p>
          ) : (
            <div className="table-scroll">
              <table className="campaigns-table">
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.attempt.at')}</th>
                    <th scope="col">{t('campaigns.attempt.campaign')}</th>
                    <th scope="col">{t('campaigns.attempt.outcome')}</th>
                    <th scope="col">{t('campaigns.attempt.disposition')}</th>
                    <th scope="col">{t('campaigns.attempt.agent')}</th>
                    <th scope="col" className="num">
                      {t('campaigns.attempt.ring')}
                    </th>
                    <th scope="col" className="num">
                      {t('campaigns.attempt.talk')}
                    </th>
                    <th scope="col">{t('campaigns.attempt.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.data?.history.map((attempt, i) => (
                    <tr key={`${attempt.at}-${i}`}>
                      <td>{format.dateTime(Date.parse(attempt.at))}</td>
                      <td>{attempt.campaignId}</td>
                      <td>{t(`campaigns.outcome.${attempt.outcome}`)}</td>
                      <td>{attempt.dispositionId ?? t('value.none')}</td>
                      <td>{attempt.agentId ?? t('value.none')}</td>
                      <td className="num">{seconds(attempt.ringSeconds)}</td>
                      <td className="num">{seconds(attempt.talkSeconds)}</td>
                      <td>{attempt.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
