// @relais/wfm: workforce-management maths. Pure: no I/O, no clock, no randomness.
// Units: durations in seconds (`…Seconds`), traffic in Erlangs (arrival rate × AHT).

export { WfmError, type WfmErrorCode } from './errors.ts';
export { trafficErlangs, type PatientLoad, type TrafficLoad } from './erlang/traffic.ts';
export { BlockingTable, erlangB, logErlangB } from './erlang/erlang-b.ts';
export {
  erlangC,
  erlangCAsaSeconds,
  erlangCMetrics,
  erlangCServiceLevel,
  occupancy,
  type ErlangCMetrics,
  type ErlangCQueue,
} from './erlang/erlang-c.ts';
export {
  erlangA,
  type ErlangAMetrics,
  type ErlangAQueue,
  type ServiceLevelConvention,
} from './erlang/erlang-a.ts';
export {
  leastAgentsErlangA,
  leastAgentsErlangC,
  type ErlangATargets,
  type ErlangCTargets,
  type ServiceLevelTarget,
} from './erlang/staffing.ts';
export { logGamma } from './erlang/log-gamma.ts';
export { regularizedGammaP, regularizedGammaQ } from './erlang/incomplete-gamma.ts';
export { trafficForBlocking, trunksForBlocking } from './erlang/erlang-b-inverse.ts';
export { fractionalPositions, positionsFor, requireShrinkage } from './staffing/positions.ts';
export {
  queueMeasures,
  type ModelLoad,
  type QueueMeasures,
  type StaffingModel,
} from './staffing/queue-model.ts';
export { staffQueue, type StaffingRequest, type StaffingResult } from './staffing/staff-queue.ts';
export { clockTime, dayNumberOf, isoDate, parseIsoDate, weekdayOf } from './calendar/civil-date.ts';
export {
  MAX_ROW_ISSUES,
  type ContactOutcome,
  type ContactRecord,
  type HistoryImport,
  type RowIssue,
} from './history/contact-record.ts';
export { parseBankHistory } from './history/bank-history.ts';
export {
  MAPPING_FIELDS,
  OUTCOME_WORDS,
  parseColumnMapping,
  readMappedHistory,
  type ColumnMapping,
} from './history/mapped-history.ts';
export { MAPE_MIN_OFFERED, accuracy, type Accuracy } from './forecast/accuracy.ts';
export {
  INTERVAL_MINUTES,
  requireIntervalMinutes,
  type IntervalHistory,
  type IntervalMinutes,
  type QueueSeries,
} from './forecast/interval-history.ts';
export { FORECAST_METHOD_NAMES, type ForecastMethodName } from './forecast/methods/methods.ts';
export { heldOutDays, type Backtest } from './forecast/backtest.ts';
export {
  ALL_QUEUES,
  forecastHistory,
  forecastIntervalHistory,
  type Forecast,
  type ForecastOptions,
  type IntervalForecast,
  type QueueForecastSummary,
} from './forecast/forecast.ts';
export { evaluateForecast, type MethodEvaluation } from './forecast/evaluation.ts';
export { warmStart } from './staffing/warm-start.ts';
export { ONE_SITE, parseSiteShares, requireSiteShares, type SiteShare } from './plan/sites.ts';
export {
  planStaffing,
  type PlanSettings,
  type QueuePlanInterval,
  type ScheduledPositions,
  type SitePlanInterval,
  type StaffingPlan,
} from './plan/staffing-plan.ts';
