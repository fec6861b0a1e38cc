/**
 * What the simulator needs from a call history: arrival rates by interval, handle-time and
 * patience samples, and the real KPIs to compare a simulated day with. Counting follows the
 * Relais convention of call-record.ts; intervals are placed by vru_exit.
 */
import { secondsOfDay, type ClockTime } from '../scenario/clock-time.ts';
import type { ArrivalWindow } from '../scenario/scenario.ts';
import { isAbandoned, isAnswered, isOffered, type CallRecord } from './call-record.ts';

/** Which calls to use. Every field narrows; omitted fields do not. */
export interface HistoryFilter {
  /** 0 Sunday … 6 Saturday; days of other weekdays are left out. */
  weekdays?: readonly number[];
  /** ISO dates ("1999-02-10"); other days are left out. */
  dates?: readonly string[];
  /** Call types (PS, NW, …); calls of other types are left out, but their days still count. */
  types?: readonly string[];
  /** Time of day window by vru_exit, from inclusive to exclusive (default the whole day). */
  from?: ClockTime;
  to?: ClockTime;
}

/** The day (date) passes the weekday and date filters. */
function dayMatches(call: CallRecord, filter: HistoryFilter): boolean {
  return (
    (filter.weekdays === undefined || filter.weekdays.includes(call.weekday)) &&
    (filter.dates === undefined || filter.dates.includes(call.date))
  );
}

function span(filter: HistoryFilter): { start: number; end: number } {
  return {
    start: secondsOfDay(filter.from ?? '00:00'),
    end: secondsOfDay(filter.to ?? '24:00'),
  };
}

/** The calls that pass every field of `filter` (any outcome). */
export function selectCalls(records: readonly CallRecord[], filter: HistoryFilter): CallRecord[] {
  const { start, end } = span(filter);
  return records.filter(
    (call) =>
      dayMatches(call, filter) &&
      (filter.types === undefined || filter.types.includes(call.type)) &&
      call.vruExit >= start &&
      call.vruExit < end,
  );
}

/**
 * The days the averages are taken over: every date in the file (any record, any type) that
 * passes the weekday and date filters, sorted. A day with no call of the filtered types counts.
 */
export function matchingDays(records: readonly CallRecord[], filter: HistoryFilter): string[] {
  const days = new Set<string>();
  for (const call of records) if (dayMatches(call, filter)) days.add(call.date);
  return [...days].sort();
}

function clockTime(seconds: number): ClockTime {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface ArrivalFit {
  /** Consecutive windows of `intervalMinutes` from `from` to `to` (the last may be shorter). */
  windows: ArrivalWindow[];
  /** The days averaged over (ISO dates). */
  days: string[];
  /** Offered calls counted in the windows, over all those days. */
  offered: number;
}

/**
 * Poisson rates per interval: offered calls by vru_exit in each interval of `intervalMinutes`
 * (counted from `filter.from`, default 00:00), averaged over the matching days, per hour. Windows
 * with no calls have perHour 0; with no matching day every rate is 0 and `days` is empty.
 */
export function fitArrivals(
  records: readonly CallRecord[],
  intervalMinutes: number,
  filter: HistoryFilter = {},
): ArrivalFit {
  if (!Number.isInteger(intervalMinutes) || intervalMinutes < 1 || intervalMinutes > 1440)
    throw new RangeError(`interval must be whole minutes from 1 to 1440, got ${intervalMinutes}`);
  const { start, end } = span(filter);
  if (end <= start) throw new RangeError(`filter.to must be after filter.from`);
  const step = intervalMinutes * 60;
  const counts = new Array<number>(Math.ceil((end - start) / step)).fill(0);
  const offered = selectCalls(records, filter).filter(isOffered);
  for (const call of offered) {
    const k = Math.floor((call.vruExit - start) / step);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  const days = matchingDays(records, filter);
  const windows = counts.map((count, k): ArrivalWindow => {
    const from = start + k * step;
    const to = Math.min(end, from + step);
    const hours = (to - from) / 3600;
    const perHour = days.length === 0 ? 0 : count / days.length / hours;
    return { from: clockTime(from), to: clockTime(to), perHour };
  });
  return { windows, days, offered: offered.length };
}

/** Handle times: ser_time of the answered (offered AGENT) calls, in seconds. */
export function handleTimeSamples(
  records: readonly CallRecord[],
  filter: HistoryFilter = {},
): number[] {
  return selectCalls(records, filter)
    .filter(isAnswered)
    .map((call) => call.serTime);
}

/**
 * Waits of the calls that abandoned while queued (q_time of HANG with q_time > 0), in seconds.
 *
 * CENSORED DATA: this is not a sample of patience. A caller's patience is seen only when it ran
 * out before an agent answered; for every answered caller we only learn that patience exceeded
 * the wait (a right-censored observation). Using the abandons alone keeps the impatient callers
 * and drops the patient ones, so it UNDERSTATES patience — and a simulation fed with it abandons
 * too much. See `exponentialPatienceMean` for an estimate that uses the censored waits, or fit a
 * Kaplan–Meier curve from `patienceObservations`.
 */
export function patienceSamples(
  records: readonly CallRecord[],
  filter: HistoryFilter = {},
): number[] {
  return selectCalls(records, filter)
    .filter(isAbandoned)
    .map((call) => call.qTime);
}

/** Every offered call's wait, with whether it ended in abandonment (else it was censored). */
export function patienceObservations(
  records: readonly CallRecord[],
  filter: HistoryFilter = {},
): { waitSeconds: number; abandoned: boolean }[] {
  return selectCalls(records, filter)
    .filter(isOffered)
    .map((call) => ({ waitSeconds: call.qTime, abandoned: isAbandoned(call) }));
}

/**
 * Maximum-likelihood mean of an exponential patience under right censoring: total time all
 * offered callers spent waiting / number of abandons (answered callers contribute their wait as
 * a lower bound on their patience). Infinity when nobody abandoned.
 */
export function exponentialPatienceMean(
  records: readonly CallRecord[],
  filter: HistoryFilter = {},
): number {
  let exposure = 0;
  let abandons = 0;
  for (const { waitSeconds, abandoned } of patienceObservations(records, filter)) {
    exposure += waitSeconds;
    if (abandoned) abandons++;
  }
  return abandons === 0 ? Infinity : exposure / abandons;
}

/** The real KPIs of the selected calls, in the units of SimulationResult (KPI.md formulas). */
export interface HistoryKpis {
  /** Matching days the counts are averaged over. */
  days: number;
  /** Counts are means per day. */
  offered: number;
  answered: number;
  abandoned: number;
  /** Abandoned with a wait ≤ the short-abandon threshold. */
  shortAbandoned: number;
  /** Formula `offered`: ans(T) / (ans + ab − short). */
  serviceLevel: number;
  /** Mean wait of answered calls. */
  asaSeconds: number;
  /** (ab − short) / (offered − short). */
  abandonRate: number;
  /** Mean wait of every offered call, answered or abandoned. */
  meanWaitSeconds: number;
  /** Mean wait of abandoned calls. */
  abandonWaitSeconds: number;
  /** Mean ser_time of answered calls (the file has no wrap-up). */
  ahtSeconds: number;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/**
 * The real day(s): what a simulation of the same arrivals should be compared with. Rates are
 * pooled over the calls of all matching days; 0 when a denominator is 0.
 */
export function historyKpis(
  records: readonly CallRecord[],
  filter: HistoryFilter = {},
  thresholds: { thresholdSeconds?: number; shortAbandonSeconds?: number } = {},
): HistoryKpis {
  const { thresholdSeconds = 20, shortAbandonSeconds = 5 } = thresholds;
  const days = matchingDays(records, filter).length;
  let [offered, answered, answeredInTime, abandoned, short] = [0, 0, 0, 0, 0];
  let [answeredWait, abandonedWait, handle] = [0, 0, 0];
  for (const call of selectCalls(records, filter)) {
    if (!isOffered(call)) continue;
    offered++;
    if (isAnswered(call)) {
      answered++;
      answeredWait += call.qTime;
      handle += call.serTime;
      if (call.qTime <= thresholdSeconds) answeredInTime++;
    } else if (isAbandoned(call)) {
      abandoned++;
      abandonedWait += call.qTime;
      if (call.qTime <= shortAbandonSeconds) short++;
    }
  }
  const perDay = (count: number): number => ratio(count, days);
  return {
    days,
    offered: perDay(offered),
    answered: perDay(answered),
    abandoned: perDay(abandoned),
    shortAbandoned: perDay(short),
    serviceLevel: ratio(answeredInTime, answered + abandoned - short),
    asaSeconds: ratio(answeredWait, answered),
    abandonRate: ratio(abandoned - short, offered - short),
    meanWaitSeconds: ratio(answeredWait + abandonedWait, offered),
    abandonWaitSeconds: ratio(abandonedWait, abandoned),
    ahtSeconds: ratio(handle, answered),
  };
}

/** Whole-file counts, to check a reader against the facts the data's README gives. */
export interface HistorySummary {
  records: number;
  outcomes: Record<string, number>;
  /** Records with q_time > 0 (PHANTOM included, as the README counts them). */
  waited: number;
  /** HANG records with q_time > 0. */
  waitedAndAbandoned: number;
  /** By the Relais convention. */
  offered: number;
  /** Mean ser_time of every AGENT record, offered or not. */
  meanAgentSerTime: number;
  days: string[];
  types: string[];
}

export function summarizeHistory(records: readonly CallRecord[]): HistorySummary {
  const outcomes: Record<string, number> = { AGENT: 0, HANG: 0, PHANTOM: 0 };
  let [waited, waitedAndAbandoned, offered, agentTime] = [0, 0, 0, 0];
  const [days, types] = [new Set<string>(), new Set<string>()];
  for (const call of records) {
    outcomes[call.outcome] = (outcomes[call.outcome] ?? 0) + 1;
    if (call.qTime > 0) waited++;
    if (isAbandoned(call)) waitedAndAbandoned++;
    if (isOffered(call)) offered++;
    if (call.outcome === 'AGENT') agentTime += call.serTime;
    days.add(call.date);
    types.add(call.type);
  }
  return {
    records: records.length,
    outcomes,
    waited,
    waitedAndAbandoned,
    offered,
    meanAgentSerTime: ratio(agentTime, outcomes['AGENT'] ?? 0),
    days: [...days].sort(),
    types: [...types].sort(),
  };
}
