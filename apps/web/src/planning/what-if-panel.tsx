// The what-if run: the forecast day played on the simulator by the server (a worker thread),
// its progress read every half second, then the achieved service level per interval beside the
// Erlang prediction, as a chart and a table.
import { WhatIfRequest, WhatIfRun, type ForecastResult } from '@relais/protocol';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PlanningChart, type ChartSeries } from './planning-chart.tsx';
import { SelectField, TextField } from './planning-fields.tsx';
import { check, numberOf, serverErrors, type FieldErrors } from './planning-form.ts';
import { COLORS, dayLabel } from './planning-format.ts';

export const POLL_MS = 500;

export function WhatIfPanel(props: {
  api: ApiClient;
  forecast: ForecastResult | undefined;
  weeks: number;
}): ReactNode {
  const { t, locale } = useI18n();
  const { api, forecast } = props;
  const [staffing, setStaffing] = useState('required');
  const [replications, setReplications] = useState('5');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [run, setRun] = useState<WhatIfRun>();

  const runId = run?.status === 'running' ? run.id : undefined;
  useEffect(() => {
    if (runId === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      api
        .get(`/api/v1/planning/what-if/${runId}`, WhatIfRun)
        .then((next) => {
          if (stopped) return;
          setRun(next);
          if (next.status === 'running') timer = setTimeout(poll, POLL_MS);
        })
        .catch((error: unknown) => {
          // The run is lost to this page (e.g. the server restarted: runs live in its memory).
          const message = error instanceof Error ? error.message : String(error);
          if (!stopped)
            setRun((old) =>
              old === undefined ? old : { ...old, status: 'failed', error: message },
            );
        });
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, runId]);

  const start = (event: FormEvent): void => {
    event.preventDefault();
    if (forecast === undefined) return;
    const { settings } = forecast;
    const body = {
      queueId: forecast.queueId,
      date: forecast.date,
      intervalMinutes: forecast.intervalMinutes,
      weeks: props.weeks,
      model: settings.model,
      serviceLevelTarget: settings.serviceLevelTarget,
      thresholdSeconds: settings.thresholdSeconds,
      ...(settings.patienceSeconds === undefined
        ? {}
        : { patienceSeconds: settings.patienceSeconds }),
      shrinkage: settings.shrinkage,
      staffing,
      replications: numberOf(replications),
    };
    const checked = check(WhatIfRequest, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(undefined);
    api
      .send('POST', '/api/v1/planning/what-if', body, WhatIfRun)
      .then(setRun)
      .catch((error: unknown) => {
        const fields = serverErrors(error);
        if (fields !== undefined) setErrors(fields);
        else setFailure(error instanceof Error ? error.message : String(error));
      });
  };

  const cancel = (): void => {
    if (run === undefined) return;
    api
      .send('DELETE', `/api/v1/planning/what-if/${run.id}`, undefined, WhatIfRun)
      .then(setRun)
      .catch((error: unknown) =>
        setFailure(error instanceof Error ? error.message : String(error)),
      );
  };

  return (
    <section className="planning-panel" aria-labelledby="what-if-title">
      <h2 id="what-if-title">{t('planning.whatIf.title')}</h2>
      <p className="muted">{t('planning.whatIf.intro')}</p>
      {forecast === undefined ? (
        <p>{t('planning.whatIf.needForecast')}</p>
      ) : (
        <form className="planning-form" onSubmit={start} noValidate>
          <SelectField
            id="what-if-staffing"
            label="planning.field.staffing"
            value={staffing}
            onChange={setStaffing}
            options={[
              { value: 'required', label: t('planning.staffing.required') },
              { value: 'scheduled', label: t('planning.staffing.scheduled') },
            ]}
            error={errors.staffing}
          />
          <TextField
            id="what-if-replications"
            label="planning.field.replications"
            value={replications}
            onChange={setReplications}
            error={errors.replications}
            inputMode="numeric"
          />
          <div className="planning-actions">
            <button type="submit" className="primary" disabled={run?.status === 'running'}>
              {t('planning.whatIf.start')}
            </button>
            {run?.status === 'running' ? (
              <button type="button" onClick={cancel}>
                {t('planning.whatIf.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      )}
      {failure === undefined ? null : (
        <p className="error" role="alert">
          {t('error.generic', { message: failure })}
        </p>
      )}
      {run === undefined ? null : (
        <RunView
          run={run}
          date={dayLabel(run.date, locale)}
          target={forecast?.settings.serviceLevelTarget}
        />
      )}
    </section>
  );
}

function RunView(props: { run: WhatIfRun; date: string; target: number | undefined }): ReactNode {
  const { t, format } = useI18n();
  const { run } = props;
  const intervals = run.intervals;
  const labels = useMemo(() => (intervals ?? []).map((i) => i.start), [intervals]);
  const series = useMemo<ChartSeries[]>(
    () => [
      {
        label: t('planning.series.predicted'),
        values: (intervals ?? []).map((i) => i.predictedServiceLevel),
        color: COLORS.predicted,
        kind: 'line',
      },
      {
        label: t('planning.series.achieved'),
        values: (intervals ?? []).map((i) => i.achievedServiceLevel),
        color: COLORS.achieved,
        kind: 'line',
        dash: [6, 4],
      },
      ...(props.target === undefined
        ? []
        : [
            {
              label: t('planning.series.target'),
              values: (intervals ?? []).map(() => props.target ?? null),
              color: COLORS.target,
              kind: 'step' as const,
              dash: [2, 4],
            },
          ]),
    ],
    [intervals, t, props.target],
  );
  const percent = (v: number): string => format.percent(v);
  const range = useMemo<[number, number]>(() => [0, 1], []);
  return (
    <div className="what-if-run" aria-live="polite">
      <div
        className="progress"
        role="progressbar"
        aria-label={t('planning.whatIf.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={run.progress}
        aria-valuetext={`${run.progress} %`}
      >
        <div className="progress-fill" style={{ width: `${run.progress}%` }} />
      </div>
      {run.status === 'running' ? (
        <p>{t('planning.whatIf.running', { percent: format.percent(run.progress / 100) })}</p>
      ) : null}
      {run.status === 'failed' ? (
        <p className="error" role="alert">
          {t('planning.whatIf.failed', { message: run.error ?? '' })}
        </p>
      ) : null}
      {run.status === 'cancelled' ? <p>{t('planning.whatIf.cancelled')}</p> : null}
      {run.status === 'done' && intervals !== undefined && run.totals !== undefined ? (
        <>
          <p className="what-if-summary">
            {t('planning.whatIf.done', {
              achieved: format.percent(run.totals.achievedServiceLevel),
              predicted: format.percent(run.totals.predictedServiceLevel),
            })}
          </p>
          <PlanningChart
            id="chart-what-if"
            title={t('planning.whatIf.chart')}
            note={t('planning.chart.tableNote')}
            labels={labels}
            xLabel={t('planning.col.interval')}
            series={series}
            formatY={percent}
            yRange={range}
          />
          <div className="table-wrap planning-table">
            <table>
              <caption>{t('planning.whatIf.caption', { date: props.date })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('planning.col.interval')}</th>
                  <th scope="col">{t('planning.col.offered')}</th>
                  <th scope="col">{t('planning.col.agents')}</th>
                  <th scope="col">{t('planning.col.predicted')}</th>
                  <th scope="col">{t('planning.col.achieved')}</th>
                  <th scope="col">{t('planning.col.ci')}</th>
                  <th scope="col">{t('planning.col.abandonPredicted')}</th>
                  <th scope="col">{t('planning.col.abandonAchieved')}</th>
                </tr>
              </thead>
              <tbody>
                {intervals.map((interval) => (
                  <tr key={interval.start}>
                    <th scope="row">{interval.start}</th>
                    <td>{format.integer(interval.offered)}</td>
                    <td>{format.integer(interval.agents)}</td>
                    <td>{format.percent(interval.predictedServiceLevel)}</td>
                    <td>{format.percent(interval.achievedServiceLevel)}</td>
                    <td>{format.percent(interval.achievedCi95)}</td>
                    <td>{format.percent(interval.predictedAbandonRate)}</td>
                    <td>{format.percent(interval.achievedAbandonRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
