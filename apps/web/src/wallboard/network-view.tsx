// The network: cities and their sites, with positions, agents logged in by state, the live
// service level of the site's queues and its worst queue.
import type { WallboardSite } from '@relais/protocol';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n.tsx';
import {
  SHOWN_STATES,
  byCity,
  serviceLevelLevel,
  summarizeSite,
  type SiteSummary,
} from './wallboard-model.ts';
import { Flagged, useWallboard, useZoneTime } from './wallboard-parts.tsx';

export function NetworkView(props: { only?: string }): ReactNode {
  const { t, format } = useI18n();
  const { sites, queues, nowMs } = useWallboard();
  const zoneTime = useZoneTime();
  const queueList = useMemo(() => [...queues.values()], [queues]);
  const cities = useMemo(
    () =>
      byCity(
        [...sites.values()].filter((s) => props.only === undefined || s.id === props.only),
      ).map(
        ([city, list]) =>
          [city, list.map((site) => summarizeSite(site, queueList, nowMs))] as const,
      ),
    // The summaries move with the data, and with the clock for the longest waits.
    [sites, queueList, nowMs, props.only],
  );
  if (cities.length === 0) return <p>{t('wallboard.network.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="wb-table wb-network">
        <caption>{t('wallboard.network.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wallboard.col.site')}</th>
            <th scope="col">{t('wallboard.col.localTime')}</th>
            <th scope="col">{t('wallboard.col.positions')}</th>
            <th scope="col">{t('wallboard.col.loggedIn')}</th>
            {SHOWN_STATES.map((state) => (
              <th scope="col" key={state}>
                {t(`wallboard.state.${state}`)}
              </th>
            ))}
            <th scope="col">{t('wallboard.col.slNow')}</th>
            <th scope="col">{t('wallboard.col.worstQueue')}</th>
          </tr>
        </thead>
        {cities.map(([city, summaries]) => (
          <tbody key={city}>
            <tr className="wb-city">
              <th scope="colgroup" colSpan={6 + SHOWN_STATES.length}>
                {t('wallboard.cityTotal', { city, sites: summaries.length })}
              </th>
            </tr>
            {summaries.map((summary) => (
              <SiteRow
                key={summary.site.id}
                summary={summary}
                localTime={zoneTime(nowMs, summary.site.timeZone)}
                format={format}
              />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function SiteRow(props: {
  summary: SiteSummary;
  localTime: string;
  format: ReturnType<typeof useI18n>['format'];
}): ReactNode {
  const { summary, format } = props;
  const site: WallboardSite = summary.site;
  const worst = summary.worstQueue;
  return (
    <tr>
      <th scope="row">
        <Link href={`/site/${encodeURIComponent(site.id)}`}>{site.id}</Link>
      </th>
      <td>
        <time title={site.timeZone}>{props.localTime}</time>
      </td>
      <td>{format.integer(site.positions)}</td>
      <td>{format.integer(summary.loggedIn)}</td>
      {SHOWN_STATES.map((state) => (
        <td key={state}>{format.integer(site.agentsByState[state] ?? 0)}</td>
      ))}
      <td>
        <Flagged level={serviceLevelLevel(summary.serviceLevel, worst?.target ?? 0.8)}>
          {format.percent(summary.serviceLevel)}
        </Flagged>
      </td>
      <td>
        {worst === undefined ? (
          format.percent(null)
        ) : (
          <Flagged level={summary.level}>
            <Link href={`/queue/${encodeURIComponent(worst.id)}`}>{worst.id}</Link>
          </Flagged>
        )}
      </td>
    </tr>
  );
}
