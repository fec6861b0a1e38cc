// A campaign's live figures, read every few seconds: dial level and lines, agents, answer rate,
// the abandon rate in the regulator's window against the campaign's target (amber near it, red
// over it, with an icon and a word, not colour alone), since the start, today's counts and the
// leads by state.
import { CampaignStats, LEAD_STATES } from '@relais/protocol';
import { useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { INTL_LOCALE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { Level } from '../wallboard/wallboard-model.ts';
import { campaignPath } from './campaign-list.tsx';
import { abandonAgainstTarget, orderedCounts } from './stats-model.ts';
import { useApi } from './use-api.ts';

export const STATS_REFRESH_SECONDS = 3;

const ICON: Record<Level, string> = { ok: '●', warn: '▲', alarm: '■' };

function LevelFlag(props: { level: Level }): ReactNode {
  const { t } = useI18n();
  return (
    <span className={`campaign-flag campaign-flag-${props.level}`}>
      <span aria-hidden="true">{ICON[props.level]}</span> {t(`campaigns.level.${props.level}`)}
    </span>
  );
}

export function LiveStats(props: {
  api: ApiClient;
  campaignId: string;
  abandonTarget: number | undefined;
}): ReactNode {
  const { t, format, locale } = useI18n();
  const stats = useApi(
    props.api,
    `${campaignPath(props.campaignId)}/stats`,
    CampaignStats,
    STATS_REFRESH_SECONDS,
  );
  const decimal = useMemo(
    () => new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 2 }),
    [locale],
  );
  const data = stats.data;
  const figure = (label: MessageKey, value: ReactNode, extra?: ReactNode): ReactNode => (
    <div className="campaign-figure">
      <dt>{t(label)}</dt>
      <dd>
        {value}
        {extra}
      </dd>
    </div>
  );
  return (
    <section aria-labelledby="campaign-stats-title" className="card campaign-stats">
      <h3 id="campaign-stats-title">{t('campaigns.stats.title')}</h3>
      {data?.simulatedCalls === true && (
        <p role="note" className="simulated-calls">
          {t('campaigns.stats.simulated')}
        </p>
      )}
      {stats.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: stats.failure })}
        </p>
      )}
      {data === undefined ? (
        stats.failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <>
          <p className="muted">
            {t('campaigns.stats.updated', {
              time: format.time(Date.parse(data.at)),
              seconds: STATS_REFRESH_SECONDS,
            })}
          </p>
          <dl className="campaign-figures">
            {figure(
              'campaigns.stats.mode',
              t(`campaigns.mode.${data.effectiveMode}`),
              data.effectiveMode !== data.mode && (
                <span className="campaign-fallback">
                  {' '}
                  {t('campaigns.stats.fallback', { mode: t(`campaigns.mode.${data.mode}`) })}
                </span>
              ),
            )}
            {figure('campaigns.stats.dialLevel', decimal.format(data.dialLevel))}
            {figure('campaigns.stats.lines', format.integer(data.linesInUse))}
            {figure(
              'campaigns.stats.agents',
              t('campaigns.stats.agentsValue', {
                loggedIn: format.integer(data.agents.loggedIn),
                available: format.integer(data.agents.available),
                onCall: format.integer(data.agents.onCall),
                wrapUp: format.integer(data.agents.wrapUp),
              }),
            )}
            {figure('campaigns.stats.answerRate', format.percent(data.answerRate))}
            {figure(
              'campaigns.stats.abandonWindow',
              <>
                {format.percent(data.abandonRate.window)}{' '}
                {props.abandonTarget !== undefined && (
                  <>
                    {t('campaigns.stats.target', {
                      target: format.percent(props.abandonTarget),
                      hours: data.abandonRate.windowHours,
                    })}{' '}
                    <LevelFlag
                      level={abandonAgainstTarget(data.abandonRate.window, props.abandonTarget)}
                    />
                  </>
                )}
              </>,
            )}
            {figure(
              'campaigns.stats.abandonSinceStart',
              format.percent(data.abandonRate.sinceStart),
            )}
          </dl>
          <h4>{t('campaigns.stats.today')}</h4>
          <dl className="campaign-figures">
            {(
              [
                'placed',
                'answeredHuman',
                'answeringMachine',
                'noAnswer',
                'busy',
                'abandoned',
                'success',
              ] as const
            ).map((key) => (
              <div key={key} className="campaign-figure">
                <dt>{t(`campaigns.today.${key}`)}</dt>
                <dd>{format.integer(data.today[key])}</dd>
              </div>
            ))}
          </dl>
          <h4>{t('campaigns.stats.leadsByState')}</h4>
          <dl className="campaign-figures">
            {orderedCounts(data.leadsByState, LEAD_STATES).map(([state, count]) => (
              <div key={state} className="campaign-figure">
                <dt>
                  {(LEAD_STATES as readonly string[]).includes(state)
                    ? t(`campaigns.leadState.${state as (typeof LEAD_STATES)[number]}`)
                    : state}
                </dt>
                <dd>{format.integer(count)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
