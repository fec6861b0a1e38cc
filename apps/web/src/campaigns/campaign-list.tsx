// Every campaign the user may see: name, client, mode, state, leads and today's figures, with
// start, pause and stop for those who manage them.
import { CampaignStats, CampaignView } from '@relais/protocol';
import type { CampaignRow, CampaignStateName as CampaignState } from './types.ts';
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText, useApi } from './use-api.ts';

const CampaignViews = z.array(CampaignView);
/** The state change's answer is not used: the list is read again. */
const Anything = z.unknown();
export const LIST_REFRESH_SECONDS = 10;

const ACTIONS: Record<CampaignState, CampaignState[]> = {
  stopped: ['running'],
  running: ['paused', 'stopped'],
  paused: ['running', 'stopped'],
};

export const campaignPath = (id: string): string => `/api/v1/campaigns/${encodeURIComponent(id)}`;

export function CampaignList(props: { api: ApiClient; manage: boolean }): ReactNode {
  const { t } = useI18n();
  const { api, manage } = props;
  const campaigns = useApi(api, '/api/v1/campaigns', CampaignViews, LIST_REFRESH_SECONDS);
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();

  const setState = async (campaign: CampaignRow, state: CampaignState): Promise<void> => {
    setNotice(undefined);
    try {
      await api.send('PUT', `${campaignPath(campaign.id)}/state`, { state }, Anything);
      setNotice({
        ok: true,
        text: t('campaigns.stateChanged', {
          name: campaign.name,
          state: t(`campaigns.state.${state}`),
        }),
      });
    } catch (error) {
      setNotice({
        ok: false,
        text: t('campaigns.stateFailed', { name: campaign.name, message: errorText(error) }),
      });
    }
    campaigns.reload();
  };

  return (
    <section aria-labelledby="campaigns-list-title">
      <h2 id="campaigns-list-title">{t('campaigns.list.title')}</h2>
      {notice !== undefined && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'admin-notice' : 'error'}>
          {notice.text}
        </p>
      )}
      {campaigns.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: campaigns.failure })}
        </p>
      )}
      {campaigns.data === undefined ? (
        campaigns.failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : campaigns.data.length === 0 ? (
        <p>{manage ? t('campaigns.list.emptyManage') : t('campaigns.list.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="campaigns-table">
            <caption className="visually-hidden">{t('campaigns.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.col.name')}</th>
                <th scope="col">{t('campaigns.col.client')}</th>
                <th scope="col">{t('campaigns.col.mode')}</th>
                <th scope="col">{t('campaigns.col.state')}</th>
                <th scope="col" className="num">
                  {t('campaigns.col.leads')}
                </th>
                <th scope="col">{t('campaigns.col.today')}</th>
                {manage && <th scope="col">{t('campaigns.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {campaigns.data.map((campaign) => (
                <tr key={campaign.id}>
                  <th scope="row">
                    <Link href={`/${encodeURIComponent(campaign.id)}`}>{campaign.name}</Link>
                  </th>
                  <td>{campaign.clientId}</td>
                  <td>{t(`campaigns.mode.${campaign.mode}`)}</td>
                  <td>
                    <StateBadge state={campaign.state} />
                  </td>
                  <td className="num">{campaign.leads}</td>
                  <td>
                    <TodayFigures api={api} campaignId={campaign.id} />
                  </td>
                  {manage && (
                    <td className="campaigns-actions">
                      {ACTIONS[campaign.state].map((state) => (
                        <button
                          key={state}
                          type="button"
                          onClick={() => void setState(campaign, state)}
                          aria-label={t(`campaigns.action.${state}.named`, { name: campaign.name })}
                        >
                          {t(`campaigns.action.${state}`)}
                        </button>
                      ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function StateBadge(props: { state: CampaignState }): ReactNode {
  const { t } = useI18n();
  return (
    <span className={`campaign-state campaign-state-${props.state}`}>
      {t(`campaigns.state.${props.state}`)}
    </span>
  );
}

/** Today's calls placed, answered by a person and successful, read with the list. */
function TodayFigures(props: { api: ApiClient; campaignId: string }): ReactNode {
  const { t, format } = useI18n();
  const stats = useApi(
    props.api,
    `${campaignPath(props.campaignId)}/stats`,
    CampaignStats,
    LIST_REFRESH_SECONDS,
  );
  if (stats.data === undefined) return t('value.none');
  const today = stats.data.today;
  return t('campaigns.todayFigures', {
    placed: format.integer(today.placed),
    answered: format.integer(today.answeredHuman),
    success: format.integer(today.success),
  });
}
