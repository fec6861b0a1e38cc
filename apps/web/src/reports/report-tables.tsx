// The report's tables: the selection per interval (the charts' values) and the range's totals per
// entity with the grand total, each KPI as KPI.md defines it (the formulas are printed below).
import type { ReportCounters, ReportKpis, ReportView } from '@relais/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';

type Column = {
  key: MessageKey;
  cell: (c: ReportCounters, k: ReportKpis, pauses: Record<string, number> | undefined) => string;
};

function useColumns(agentTime: boolean): Column[] {
  const { format } = useI18n();
  const sec = (s: number | null): string => format.seconds(s === null ? null : s * 1000);
  const contacts: Column[] = [
    { key: 'reports.col.offered', cell: (c) => format.integer(c.offered) },
    { key: 'reports.col.answered', cell: (c) => format.integer(c.answered) },
    { key: 'reports.col.abandoned', cell: (c) => format.integer(c.abandoned) },
    { key: 'reports.col.shortAbandons', cell: (c) => format.integer(c.abandonedShort) },
    { key: 'reports.col.abandonRate', cell: (_c, k) => format.percent(k.abandonRate) },
    { key: 'reports.col.serviceLevel', cell: (_c, k) => format.percent(k.serviceLevel) },
    { key: 'reports.col.asa', cell: (_c, k) => sec(k.asaSeconds) },
    { key: 'reports.col.handled', cell: (c) => format.integer(c.handled) },
    { key: 'reports.col.aht', cell: (_c, k) => sec(k.ahtSeconds) },
    { key: 'reports.col.abandonWait', cell: (_c, k) => sec(k.averageAbandonWaitSeconds) },
    { key: 'reports.col.maxWait', cell: (c) => format.seconds(c.maxWaitMs) },
  ];
  if (!agentTime) return contacts;
  return [
    ...contacts,
    { key: 'reports.col.occupancy', cell: (_c, k) => format.percent(k.occupancy) },
    { key: 'reports.col.utilisation', cell: (_c, k) => format.percent(k.utilisation) },
    { key: 'reports.col.paused', cell: (c) => format.duration(c.pausedMs) },
  ];
}

const hasAgentTime = (report: ReportView): boolean =>
  report.dimension === 'agent' || report.dimension === 'site';

export function IntervalTable(props: {
  id: string;
  report: ReportView;
  intervalLabel: (label: string) => string;
}): ReactNode {
  const { t } = useI18n();
  const { report } = props;
  const columns = useColumns(hasAgentTime(report));
  return (
    <div className="table-wrap">
      <table className="report-table">
        <caption id={props.id}>
          {t('reports.table.intervals', {
            dimension: t(`reports.dimension.${report.dimension}`),
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.interval')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {t(c.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.intervals.map((line) => (
            <tr key={line.startUtc}>
              <th scope="row">
                <time dateTime={line.startUtc}>{props.intervalLabel(line.start)}</time>
              </th>
              {columns.map((c) => (
                <td key={c.key}>{c.cell(line.counters, line.kpis, undefined)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TotalsTable(props: { report: ReportView; labels: Map<string, string> }): ReactNode {
  const { t } = useI18n();
  const { report, labels } = props;
  const columns = useColumns(hasAgentTime(report));
  const dimension = t(`reports.dimension.${report.dimension}`);
  return (
    <div className="table-wrap">
      <table className="report-table">
        <caption>{t('reports.table.totals', { dimension })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.entity', { dimension })}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {t(c.key)}
              </th>
            ))}
            <th scope="col">{t('reports.col.slRule')}</th>
          </tr>
        </thead>
        <tbody>
          {report.totals.map((total) => {
            const rule = report.serviceLevel[total.id];
            return (
              <tr key={total.id}>
                <th scope="row">{labels.get(total.id) ?? total.id}</th>
                {columns.map((c) => (
                  <td key={c.key}>{c.cell(total.counters, total.kpis, total.pauseSeconds)}</td>
                ))}
                <td>
                  {rule === undefined
                    ? null
                    : t('reports.slRule', {
                        formula: rule.formula,
                        seconds: rule.thresholdSeconds,
                      })}
                </td>
              </tr>
            );
          })}
        </tbody>
        {report.totals.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">{t('reports.total')}</th>
              {columns.map((c) => (
                <td key={c.key}>
                  {c.cell(report.total.counters, report.total.kpis, report.total.pauseSeconds)}
                </td>
              ))}
              {/* The grand total mixes entities: KPI.md's default formula (as in the CSV). */}
              <td>offered</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
