// The links between one campaign's pages (figures, leads, import, settings) and back to the list.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n/i18n.tsx';

/** The links between one campaign's pages. */
export function CampaignTabs(props: { campaignId: string; manage: boolean }): ReactNode {
  const { t } = useI18n();
  const [location] = useLocation();
  const base = `/${encodeURIComponent(props.campaignId)}`;
  const tabs = [
    { href: base, label: t('campaigns.tab.overview') },
    ...(props.manage
      ? [
          { href: `${base}/leads`, label: t('campaigns.tab.leads') },
          { href: `${base}/import`, label: t('campaigns.tab.import') },
          { href: `${base}/edit`, label: t('campaigns.tab.edit') },
        ]
      : []),
  ];
  return (
    <nav aria-label={t('campaigns.tabs', { id: props.campaignId })} className="campaigns-tabs">
      {/* Those who manage have the list in the menu above. */}
      {!props.manage && <Link href="/">{t('campaigns.backToList')}</Link>}
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={location === tab.href ? 'page' : undefined}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
