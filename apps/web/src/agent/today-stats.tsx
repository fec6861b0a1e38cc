import { AgentToday } from '@relais/protocol';
import { useEffect, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Re-read every minute, and whenever `refresh` changes (a contact ended). */
const EVERY_MS = 60_000;

/** The agent's own figures for today, from the server's reports. */
export function TodayStats(props: {
  api: ApiClient;
  agentId: string;
  refresh: number;
  /** Told the agent's site's time zone, which the day is counted in. */
  onZone?: (zone: string) => void;
}): ReactNode {
  const { t, format } = useI18n();
  const [today, setToday] = useState<AgentToday>();
  const { api, agentId, refresh, onZone } = props;
  useEffect(() => {
    let cancelled = false;
    const read = (): void => {
      api
        .get(`/api/v1/agents/${encodeURIComponent(agentId)}/today`, AgentToday)
        .then((figures) => {
          if (cancelled) return;
          setToday(figures);
          onZone?.(figures.zone);
        })
        .catch(() => undefined); // the last figures stay; the next read may succeed
    };
    read();
    const timer = setInterval(read, EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api, agentId, refresh, onZone]);
  const seconds = (s: number | null): string =>
    s === null ? t('value.none') : format.duration(s * 1000);
  return (
    <section className="card today" aria-labelledby="today-title">
      <h2 id="today-title">{t('agent.today.title')}</h2>
      {today === undefined ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <p className="muted">{t('agent.today.day', { day: today.day, zone: today.zone })}</p>
          <dl className="facts">
            <dt>{t('agent.today.handled')}</dt>
            <dd>{format.integer(today.handled)}</dd>
            <dt>{t('agent.today.aht')}</dt>
            <dd>{seconds(today.ahtSeconds)}</dd>
            <dt>{t('agent.today.occupancy')}</dt>
            <dd>{format.percent(today.occupancy)}</dd>
            <dt>{t('agent.today.talk')}</dt>
            <dd>{seconds(today.talkSeconds)}</dd>
            <dt>{t('agent.today.paused')}</dt>
            <dd>{seconds(today.pausedSeconds)}</dd>
            <dt>{t('agent.today.loggedIn')}</dt>
            <dd>{seconds(today.loggedInSeconds)}</dd>
            <dt>{t('agent.today.missed')}</dt>
            <dd>{format.integer(today.missedOffers)}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
