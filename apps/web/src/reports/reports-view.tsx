// A report as a supervisor, planner or client reads it: settings, then charts per interval
// (volumes, service level against its target, handling times), the same values in a table, the
// totals per entity, the formulas, and the CSV of what is shown. Used by the reports page and the
// client portal.
import { ReportView, type ReportDimension, type Role } from '@relais/protocol';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { KpiFormulas } from './kpi-formulas.tsx';
import { ReportFilters } from './report-filters.tsx';
import { reportDates } from './report-format.ts';
import { labelsOf, useReportLists, type ReportLists } from './report-lists.ts';
import {
  daysOf,
  dimensionsFor,
  problemOf,
  reportUrl,
  today,
  type ReportSettings,
} from './report-query.ts';
import { IntervalTable, TotalsTable } from './report-tables.tsx';
import { TimeChart, type ChartSeries } from './time-chart.tsx';
import './reports.css';

type Phase =
  | { kind: 'loading'; settings: ReportSettings }
  | { kind: 'done'; settings: ReportSettings; report: ReportView }
  | { kind: 'failed'; settings: ReportSettings; message: string; refused: boolean };

export interface ReportsViewProps {
  api: ApiClient;
  role: Role;
  /** Only these entities of `dimension`, not changeable (a client portal's queue page). */
  lockedIds?: readonly string[];
  dimension?: ReportDimension;
  /** Now, for the default range (today); tests set it. */
  nowMs?: number;
}

export function ReportsView(props: ReportsViewProps): ReactNode {
  const { t } = useI18n();
  const { api } = props;
  const dimensions = useMemo(
    () => (props.dimension === undefined ? dimensionsFor(props.role) : [props.dimension]),
    [props.role, props.dimension],
  );
  const { lists, failure: listsFailure } = useReportLists(api, dimensions);
  const [initial] = useState<ReportSettings>(() => {
    const day = today(props.nowMs ?? Date.now());
    return {
      from: day,
      to: day,
      interval: '60',
      dimension: dimensions[0] ?? 'queue',
      ids: props.lockedIds ?? [],
    };
  });
  const [phase, setPhase] = useState<Phase>({ kind: 'loading', settings: initial });
  const [asked, setAsked] = useState(initial);

  useEffect(() => {
    let stopped = false;
    api
      .get(reportUrl(asked), ReportView)
      .then((report) => {
        if (!stopped) setPhase({ kind: 'done', settings: asked, report });
      })
      .catch((error: unknown) => {
        if (stopped) return;
        const refused =
          error instanceof ApiFailure && (error.status === 403 || error.status === 404);
        setPhase({
          kind: 'failed',
          settings: asked,
          refused,
          message: error instanceof Error ? error.message : String(error),
        });
      });
    return () => {
      stopped = true;
    };
  }, [api, asked]);

  const [problem, setProblem] = useState<ReturnType<typeof problemOf>>();
  const submit = (settings: ReportSettings): void => {
    const found = problemOf(settings);
    setProblem(found);
    if (found === undefined) {
      setPhase({ kind: 'loading', settings });
      setAsked({ ...settings });
    }
  };

  return (
    <div className="reports">
      <ReportFilters
        initial={initial}
        dimensions={dimensions}
        lists={lists}
        lockedIds={props.lockedIds !== undefined}
        busy={phase.kind === 'loading'}
        onSubmit={submit}
      />
      {listsFailure === undefined ? null : (
        <p className="error" role="alert">
          {t('reports.listsFailed', { message: listsFailure })}
        </p>
      )}
      {problem === undefined ? null : (
        <p className="error" role="alert">
          {t(problem === 'badRange' ? 'reports.badRange' : 'reports.tooLong')}
        </p>
      )}
      <ReportResult phase={phase} lists={lists} />
    </div>
  );
}

function ReportResult(props: { phase: Phase; lists: ReportLists }): ReactNode {
  const { t } = useI18n();
  const { phase } = props;
  if (phase.kind === 'loading') {
    return (
      <div className="report-loading" role="status" aria-live="polite">
        <progress aria-label={t('reports.loadingShort')} />
        <span>{t('reports.loading', { days: daysOf(phase.settings) })}</span>
      </div>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <p className="error" role="alert">
        {t(phase.refused ? 'reports.refused' : 'reports.failed', { message: phase.message })}
      </p>
    );
  }
  return <ReportBody settings={phase.settings} report={phase.report} lists={props.lists} />;
}

/** Interval tables longer than this start folded (a day of 15-minute intervals fits). */
const OPEN_ROWS = 96;

const COLOURS = {
  offered: '#0b57d0',
  answered: '#146c2e',
  abandoned: '#b3261e',
  target: '#8a4b00',
};

function ReportBody(props: {
  settings: ReportSettings;
  report: ReportView;
  lists: ReportLists;
}): ReactNode {
  const { t, locale, format } = useI18n();
  const id = useId();
  const { report, settings, lists } = props;
  const dates = useMemo(
    () => reportDates(locale, report.zone, settings.interval, settings.from === settings.to),
    [locale, report.zone, settings.interval, settings.from, settings.to],
  );
  const labels = labelsOf(lists, report.dimension);
  const tableId = `${id}-intervals`;
  const xs = useMemo(() => report.intervals.map((i) => Date.parse(i.startUtc)), [report]);
  const target = serviceLevelTarget(report, lists);
  const charts = useMemo(() => {
    const of = (pick: (i: ReportView['intervals'][number]) => number | null) =>
      report.intervals.map(pick);
    const volumes: ChartSeries[] = [
      {
        label: t('reports.series.offered'),
        values: of((i) => i.counters.offered),
        stroke: COLOURS.offered,
        bars: true,
      },
      {
        label: t('reports.series.answered'),
        values: of((i) => i.counters.answered),
        stroke: COLOURS.answered,
      },
      {
        label: t('reports.series.abandoned'),
        values: of((i) => i.counters.abandoned),
        stroke: COLOURS.abandoned,
      },
    ];
    const percent = (v: number | null) => (v === null ? null : v * 100);
    const serviceLevel: ChartSeries[] = [
      {
        label: t('reports.series.serviceLevel'),
        values: of((i) => percent(i.kpis.serviceLevel)),
        stroke: COLOURS.answered,
      },
    ];
    const handling: ChartSeries[] = [
      {
        label: t('reports.series.aht'),
        values: of((i) => i.kpis.ahtSeconds),
        stroke: COLOURS.offered,
      },
      {
        label: t('reports.series.asa'),
        values: of((i) => i.kpis.asaSeconds),
        stroke: COLOURS.target,
      },
    ];
    return { volumes, serviceLevel, handling };
  }, [report, t]);
  const formatCount = useMemo(() => (v: number) => format.integer(v), [format]);
  const formatPercent = useMemo(() => (v: number) => `${format.integer(v)} %`, [format]);
  const formatSeconds = useMemo(() => (v: number) => format.seconds(v * 1000), [format]);
  const slRange = useMemo<[number, number]>(() => [0, 100], []);
  const xRange = useMemo<[number, number]>(
    () => [Date.parse(report.from), Date.parse(report.to)],
    [report],
  );
  const common = {
    describedBy: tableId,
    xs,
    zone: report.zone,
    formatX: dates.axis,
    xRange,
    xLabel: t('reports.col.interval'),
  };

  return (
    <>
      <p className="report-summary">
        {t('reports.summary', {
          dimension: t(`reports.dimension.${report.dimension}`),
          from: dates.day(settings.from),
          to: dates.day(settings.to),
          interval: t(`reports.interval.${settings.interval}`),
          zone: report.zone,
        })}
      </p>
      <p>
        <a
          className="button-link"
          href={reportUrl(settings, 'csv', locale === 'fr' ? ';' : ',')}
          download
        >
          {t('reports.csv')}
        </a>{' '}
        <span className="muted">{t('reports.csv.hint')}</span>
      </p>
      {report.intervals.length === 0 ? (
        <p className="card">{t('reports.empty')}</p>
      ) : (
        <section className="card" aria-labelledby={`${id}-charts`}>
          <h2 id={`${id}-charts`}>{t('reports.charts')}</h2>
          <p className="muted">
            {t('reports.chart.dataIn', {
              caption: t('reports.table.intervals', {
                dimension: t(`reports.dimension.${report.dimension}`),
              }),
            })}
          </p>
          <div className="report-charts">
            <TimeChart
              id={`${id}-volumes`}
              caption={t('reports.chart.volumes')}
              {...common}
              series={charts.volumes}
              formatY={formatCount}
              yMinTop={5}
            />
            <TimeChart
              id={`${id}-sl`}
              caption={
                target === undefined
                  ? t('reports.chart.serviceLevelNoTarget')
                  : t('reports.chart.serviceLevel', { target: format.percent(target) })
              }
              {...common}
              series={charts.serviceLevel}
              formatY={formatPercent}
              yRange={slRange}
              guide={
                target === undefined ? undefined : { value: target * 100, stroke: COLOURS.target }
              }
            />
            <TimeChart
              id={`${id}-handling`}
              caption={t('reports.chart.handling')}
              {...common}
              series={charts.handling}
              formatY={formatSeconds}
              yMinTop={10}
            />
          </div>
          {/* A long range has thousands of intervals: their table opens on demand. */}
          <details className="report-interval-details" open={report.intervals.length <= OPEN_ROWS}>
            <summary>
              {t('reports.table.intervalsRows', { rows: format.integer(report.intervals.length) })}
            </summary>
            <IntervalTable id={tableId} report={report} intervalLabel={dates.interval} />
          </details>
        </section>
      )}
      {report.totals.length === 0 ? null : (
        <section
          className="card"
          aria-label={t('reports.table.totals', {
            dimension: t(`reports.dimension.${report.dimension}`),
          })}
        >
          <TotalsTable report={report} labels={labels} />
        </section>
      )}
      <KpiFormulas report={report} labels={labels} />
    </>
  );
}

/** The service-level target the chart draws: the one target the report's queues share, if any. */
export function serviceLevelTarget(report: ReportView, lists: ReportLists): number | undefined {
  const ids = new Set(report.totals.map((t) => t.id));
  const queues =
    report.dimension === 'queue'
      ? lists.queues.filter((q) => ids.has(q.id))
      : report.dimension === 'client'
        ? lists.queues.filter((q) => ids.has(q.clientId))
        : [];
  const targets = new Set(queues.map((q) => q.serviceLevel?.target));
  if (targets.size !== 1) return undefined;
  const [only] = targets;
  return only;
}
