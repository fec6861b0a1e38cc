// @relais/reports: interval KPIs projected from the engine's events (KPI.md formulas), grouped
// into local intervals of any time zone. Pure: no I/O, no clock.
export { BUCKET_MS, bucketOf, splitSpan } from './time/buckets.ts';
export {
  DAY_MINUTES,
  INTERVAL_MINUTES,
  Zone,
  ZoneError,
  type IntervalMinutes,
} from './time/zones.ts';
export {
  COUNTER_FIELDS,
  countersOf,
  mergeRow,
  mergeRowAt,
  newRow,
  type CounterField,
  type Counters,
} from './kpi/counters.ts';
export {
  DEFAULT_RULE,
  FORMULA_TEXT,
  kpisOf,
  serviceLevel,
  type Kpis,
  type ServiceLevelFormula,
  type ServiceLevelRule,
} from './kpi/kpis.ts';
export {
  DIMENSIONS,
  Projection,
  ProjectionStateError,
  type Dimension,
  type ProjectionState,
  type PauseRow,
  type ProjectionRow,
} from './projection/projection.ts';
export {
  buildReport,
  type Report,
  type ReportLine,
  type ReportRequest,
  type ReportTotal,
  type RowBlock,
} from './report/build-report.ts';
export { reportCsv, type CsvOptions } from './report/report-csv.ts';
export { historyRows, type HistoryOptions } from './history/history-rows.ts';
export { MAX_REPORT_DAYS, PeriodError, reportPeriod } from './time/period.ts';
