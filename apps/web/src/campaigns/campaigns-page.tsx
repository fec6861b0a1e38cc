// The outbound campaigns, for administrators and supervisors (client viewers read their own
// client's campaigns and figures). Under /campaigns: the list, /new and /<id>/edit the form,
// /<id> the live figures and "why isn't it dialing?", /<id>/import a list, /<id>/leads the leads
// and /<id>/leads/<lead> one lead's history, /suppression the opposition lists.
import type { Role } from '@relais/protocol';
import type { ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { ApiClient } from '../api/api-client.ts';
import '../admin/admin.css';
import { useI18n } from '../i18n/i18n.tsx';
import { CampaignForm } from './campaign-form.tsx';
import { CampaignList } from './campaign-list.tsx';
import { CampaignOverview } from './campaign-overview.tsx';
import './campaigns.css';
import { LeadDetailView, LeadsPage } from './leads-page.tsx';
import { ListImport } from './list-import.tsx';
import { SuppressionPage } from './suppression-page.tsx';

/** Who may change campaigns, import lists and see leads; the others only read figures. */
export const canManage = (role: Role): boolean => role === 'admin' || role === 'supervisor';

export function CampaignsPage(props: { api: ApiClient; role: Role }): ReactNode {
  const { t } = useI18n();
  const { api, role } = props;
  const manage = canManage(role);
  const [location] = useLocation();
  const decode = (id: string): string => decodeURIComponent(id);
  return (
    <main className="page campaigns">
      <h1>{t('campaigns.title')}</h1>
      {manage && (
        <nav aria-label={t('campaigns.menu')} className="campaigns-menu">
          <Link href="/" aria-current={location === '/' ? 'page' : undefined}>
            {t('campaigns.menu.list')}
          </Link>
          <Link href="/new" aria-current={location === '/new' ? 'page' : undefined}>
            {t('campaigns.menu.new')}
          </Link>
          <Link href="/suppression" aria-current={location === '/suppression' ? 'page' : undefined}>
            {t('campaigns.menu.suppression')}
          </Link>
        </nav>
      )}
      <Switch>
        <Route path="/">
          <CampaignList api={api} manage={manage} />
        </Route>
        {manage && (
          <Route path="/new">
            <CampaignForm key="new" api={api} />
          </Route>
        )}
        {manage && (
          <Route path="/suppression">
            <SuppressionPage api={api} />
          </Route>
        )}
        {manage && (
          <Route path="/:id/edit">
            {(params: { id: string }) => (
              <CampaignForm key={params.id} api={api} id={decode(params.id)} />
            )}
          </Route>
        )}
        {manage && (
          <Route path="/:id/import">
            {(params: { id: string }) => <ListImport api={api} campaignId={decode(params.id)} />}
          </Route>
        )}
        {manage && (
          <Route path="/:id/leads/:lead">
            {(params: { id: string; lead: string }) => (
              <LeadDetailView
                api={api}
                campaignId={decode(params.id)}
                leadId={decode(params.lead)}
              />
            )}
          </Route>
        )}
        {manage && (
          <Route path="/:id/leads">
            {(params: { id: string }) => <LeadsPage api={api} campaignId={decode(params.id)} />}
          </Route>
        )}
        <Route path="/:id">
          {(params: { id: string }) => (
            <CampaignOverview api={api} campaignId={decode(params.id)} manage={manage} />
          )}
        </Route>
        <Route>
          <p role="alert">{t('campaigns.notFound')}</p>
        </Route>
      </Switch>
    </main>
  );
}
