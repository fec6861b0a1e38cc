// One campaign at a glance: its settings in a line, the live figures, "why isn't it dialing?"
// and, for those who manage it, the lists imported into it.
import { CampaignView, LeadList } from '@relais/protocol';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { BlockingPanel } from './blocking-panel.tsx';
import { campaignPath, StateBadge } from './campaign-list.tsx';
import { CampaignTabs } from './campaign-tabs.tsx';
import { LiveStats } from './live-stats.tsx';
import { useApi } from './use-api.ts';

const LeadLists = z.array(LeadList);

export function CampaignOverview(props: {
  api: ApiClient;
  campaignId: string;
  manage: boolean;
}): ReactNode {
  const { t } = useI18n();
  const { api, campaignId, manage } = props;
  const campaign = useApi(api, campaignPath(campaignId), CampaignView, 10);
  const data = campaign.data;
  return (
    <section aria-labelledby="campaign-title">
      <CampaignTabs campaignId={campaignId} manage={manage} />
      <h2 id="campaign-title">{data?.name ?? campaignId}</h2>
      {campaign.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: campaign.failure })}
        </p>
      )}
      {data !== undefined && (
        <p className="campaign-summary">
          <StateBadge state={data.state} />{' '}
          {t('campaigns.summary', {
            client: data.clientId,
            mode: t(`campaigns.mode.${data.mode}`),
            queue: data.queueId,
            callerId: data.callerId,
            pack: t(`campaigns.pack.${data.rulePack}`),
          })}
        </p>
      )}
      <div className="campaign-panels">
        <LiveStats api={api} campaignId={campaignId} abandonTarget={data?.pacing.abandonTarget} />
        <BlockingPanel api={api} campaignId={campaignId} manage={manage} />
      </div>
      {manage && <Lists api={api} campaignId={campaignId} />}
    </section>
  );
}

function Lists(props: { api: ApiClient; campaignId: string }): ReactNode {
  const { t, format } = useI18n();
  const lists = useApi(props.api, `${campaignPath(props.campaignId)}/lists`, LeadLists);
  return (
    <section aria-labelledby="campaign-lists-title" className="card">
      <h3 id="campaign-lists-title">{t('campaigns.lists.title')}</h3>
      {lists.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: lists.failure })}
        </p>
      )}
      {lists.data !== undefined && lists.data.length === 0 && (
        <p>
          {t('campaigns.lists.none')}{' '}
          <Link href={`/${encodeURIComponent(props.campaignId)}/import`}>
            {t('campaigns.tab.import')}
          </Link>
        </p>
      )}
      {lists.data !== undefined && lists.data.length > 0 && (
        <div className="table-scroll">
          <table className="campaigns-table">
            <thead>
              <tr>
                <th scope="col">{t('campaigns.lists.name')}</th>
                <th scope="col">{t('campaigns.lists.origin')}</th>
                <th scope="col">{t('campaigns.lists.legalBasis')}</th>
                <th scope="col">{t('campaigns.lists.imported')}</th>
                <th scope="col" className="num">
                  {t('campaigns.result.imported')}
                </th>
                <th scope="col" className="num">
                  {t('campaigns.result.merged')}
                </th>
                <th scope="col" className="num">
                  {t('campaigns.result.rejected')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lists.data.map((list) => (
                <tr key={list.id}>
                  <th scope="row">{list.name}</th>
                  <td>{list.origin}</td>
                  <td>{t(`campaigns.legalBasis.${list.legalBasis}`)}</td>
                  <td>
                    {t('campaigns.lists.importedBy', {
                      time: format.dateTime(Date.parse(list.importedAt)),
                      user: list.importedBy,
                    })}
                  </td>
                  <td className="num">{format.integer(list.imported)}</td>
                  <td className="num">{format.integer(list.merged)}</td>
                  <td className="num">{format.integer(list.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
