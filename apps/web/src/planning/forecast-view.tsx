// A queue's forecast day: contacts forecast per interval, required versus scheduled positions
// (uPlot charts), and the table of the same figures, whose scheduled column the planner may edit
// and save as the day's schedule.
import { Schedule, type ForecastResult } from '@relais/protocol';
import { useMemo, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { INTL_LOCALE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PlanningChart, type ChartSeries } from './planning-chart.tsx';
import { parseScheduleCsv } from './planning-form.ts';
import { COLORS, dayLabel } from './planning-format.ts';

export function ForecastView(props: {
  api: ApiClient;
  forecast: ForecastResult;
  canEdit: boolean;
  onScheduleSaved: () => void;
}): ReactNode {
  const { t, format, locale } = useI18n();
  const { forecast } = props;
  const [editing, setEditing] = useState<string[]>();
  const [saveFailure, setSaveFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [fileReport, setFileReport] = useState<string>();
  // The server's local starts: the site's zone as the server reads it (a browser's own zone
  // data may differ, e.g. on Morocco's offsets), 24-hour as both locales write them.
  const labels = useMemo(() => forecast.intervals.map((i) => i.start), [forecast]);
  const offeredSeries = useMemo<ChartSeries[]>(
    () => [
      {
        label: t('planning.series.offered'),
        values: forecast.intervals.map((i) => i.offered),
        color: COLORS.offered,
        kind: 'bars',
      },
    ],
    [forecast, t],
  );
  const positionSeries = useMemo<ChartSeries[]>(
    () => [
      {
        label: t('planning.series.required'),
        values: forecast.intervals.map((i) => i.requiredPositions),
        color: COLORS.required,
        kind: 'step',
      },
      {
        label: t('planning.series.scheduled'),
        values: forecast.intervals.map((i) => i.scheduledPositions),
        color: COLORS.scheduled,
        kind: 'step',
        dash: [6, 4],
      },
    ],
    [forecast, t],
  );
  const one = (v: number): string =>
    new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 }).format(v);
  const day = dayLabel(forecast.date, locale);

  const save = (): void => {
    if (editing === undefined) return;
    const body = {
      intervalMinutes: forecast.intervalMinutes,
      intervals: forecast.intervals.map((interval, i) => ({
        start: interval.start,
        positions: Number((editing[i] ?? '').trim()),
      })),
    };
    const checked = Schedule.safeParse(body);
    if (!checked.success) {
      setSaveFailure(t('planning.invalid.other'));
      return;
    }
    setBusy(true);
    props.api
      .send(
        'PUT',
        `/api/v1/planning/schedules/${encodeURIComponent(forecast.queueId)}/${forecast.date}`,
        body,
        Schedule,
      )
      .then(() => {
        setEditing(undefined);
        setSaveFailure(undefined);
        props.onScheduleSaved();
      })
      .catch((error: unknown) =>
        setSaveFailure(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => setBusy(false));
  };

  const importFile = async (file: File): Promise<void> => {
    const { positions, rejected } = parseScheduleCsv(await file.text());
    setEditing((old) =>
      forecast.intervals.map((interval, i) => {
        const value = positions.get(interval.start);
        return value === undefined ? (old?.[i] ?? '') : String(value);
      }),
    );
    const used = forecast.intervals.filter((i) => positions.has(i.start)).length;
    setFileReport(
      t('planning.schedule.fileRead', {
        used,
        rejected: rejected.length === 0 ? t('value.none') : rejected.join(', '),
      }),
    );
  };

  return (
    <div className="forecast-view">
      <h3>{t('planning.forecast.heading', { queue: forecast.queueId, date: day })}</h3>
      <p className="muted">
        {t('planning.forecast.summary', {
          method: forecast.method,
          days: forecast.history.days,
          from: dayLabel(forecast.history.from, locale),
          to: dayLabel(forecast.history.to, locale),
          offered: format.integer(forecast.history.offered),
          zone: forecast.zone,
        })}
      </p>
      <p className="muted">
        {forecast.scheduleSource === 'entered'
          ? t('planning.schedule.entered')
          : t('planning.schedule.configured')}
      </p>
      <div className="planning-charts">
        <PlanningChart
          id="chart-offered"
          title={t('planning.chart.offered')}
          note={t('planning.chart.tableNote')}
          labels={labels}
          xLabel={t('planning.col.interval')}
          series={offeredSeries}
          formatY={one}
        />
        <PlanningChart
          id="chart-positions"
          title={t('planning.chart.positions')}
          note={t('planning.chart.tableNote')}
          labels={labels}
          xLabel={t('planning.col.interval')}
          series={positionSeries}
          formatY={one}
        />
      </div>
      {props.canEdit ? (
        <div className="planning-actions">
          {editing === undefined ? (
            <button
              type="button"
              onClick={() =>
                setEditing(
                  forecast.intervals.map((i) =>
                    String(i.scheduledPositions ?? i.requiredPositions),
                  ),
                )
              }
            >
              {t('planning.schedule.edit')}
            </button>
          ) : (
            <>
              <button type="button" className="primary" onClick={save} disabled={busy}>
                {t('planning.schedule.save')}
              </button>
              <button type="button" onClick={() => setEditing(undefined)}>
                {t('planning.schedule.cancel')}
              </button>
              <div className="field schedule-file">
                <label htmlFor="schedule-file">{t('planning.schedule.file')}</label>
                <input
                  id="schedule-file"
                  type="file"
                  accept=".csv,.txt,text/csv,text/plain"
                  aria-describedby="schedule-file-hint"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    if (file !== undefined) void importFile(file);
                  }}
                />
                <span id="schedule-file-hint" className="field-hint">
                  {t('planning.schedule.fileHint')}
                </span>
              </div>
            </>
          )}
        </div>
      ) : null}
      {editing === undefined || fileReport === undefined ? null : (
        <p className="muted" role="status">
          {fileReport}
        </p>
      )}
      {saveFailure === undefined ? null : (
        <p className="error" role="alert">
          {t('error.generic', { message: saveFailure })}
        </p>
      )}
      <div className="table-wrap planning-table">
        <table>
          <caption>{t('planning.table.caption', { date: day })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('planning.col.interval')}</th>
              <th scope="col">{t('planning.col.offered')}</th>
              <th scope="col">{t('planning.col.aht')}</th>
              <th scope="col">{t('planning.col.agents')}</th>
              <th scope="col">{t('planning.col.required')}</th>
              <th scope="col">{t('planning.col.scheduled')}</th>
              <th scope="col">{t('planning.col.gap')}</th>
              <th scope="col">{t('planning.col.predicted')}</th>
              <th scope="col">{t('planning.col.scheduledSl')}</th>
            </tr>
          </thead>
          <tbody>
            {forecast.intervals.map((interval, i) => {
              const gap =
                interval.scheduledPositions === null
                  ? null
                  : interval.scheduledPositions - interval.requiredPositions;
              return (
                <tr key={interval.start}>
                  <th scope="row">{labels[i]}</th>
                  <td>{one(interval.offered)}</td>
                  <td>{format.seconds(interval.ahtSeconds * 1000)}</td>
                  <td>{format.integer(interval.agents)}</td>
                  <td>{format.integer(interval.requiredPositions)}</td>
                  <td>
                    {editing === undefined ? (
                      interval.scheduledPositions === null ? (
                        t('value.none')
                      ) : (
                        format.integer(interval.scheduledPositions)
                      )
                    ) : (
                      <input
                        className="schedule-input"
                        inputMode="numeric"
                        aria-label={t('planning.schedule.input', { time: labels[i] ?? '' })}
                        value={editing[i] ?? ''}
                        onChange={(event) => {
                          const next = [...editing];
                          next[i] = event.target.value;
                          setEditing(next);
                        }}
                      />
                    )}
                  </td>
                  <td className={gap !== null && gap < 0 ? 'short' : undefined}>
                    {gap === null ? t('value.none') : format.integer(gap)}
                  </td>
                  <td>{format.percent(interval.predictedServiceLevel)}</td>
                  <td>{format.percent(interval.scheduledServiceLevel)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
