// Interval reports: projection rows (15-minute UTC buckets) grouped into local intervals of a
// time zone, per entity, with each entity's totals and the grand total, and the KPIs of each.
import {
  COUNTER_FIELDS,
  countersOf,
  F,
  mergeRowAt,
  newRow,
  type Counters,
} from '../kpi/counters.ts';
import {
  DEFAULT_RULE,
  FORMULA_TEXT,
  kpisOf,
  type Kpis,
  type ServiceLevelFormula,
  type ServiceLevelRule,
} from '../kpi/kpis.ts';
import type { Dimension, PauseRow, ProjectionRow } from '../projection/projection.ts';
import { Zone, type IntervalMinutes } from '../time/zones.ts';
import { Groups, type Group, type Line } from './report-groups.ts';

const WIDTH = COUNTER_FIELDS.length;
const MAX_FIELD = F.maxWaitMs;

/**
 * Rows of one entity over several buckets, packed: bucket `buckets[i]` has the counters
 * `values[i × WIDTH]` to `values[(i + 1) × WIDTH − 1]`. How stored days come back.
 */
export interface RowBlock {
  readonly dimension: Dimension;
  readonly id: string;
  readonly buckets: readonly number[];
  readonly values: Float64Array;
}

export interface ReportRequest {
  dimension: Dimension;
  /** Only these entities (all when absent). */
  ids?: readonly string[];
  /** Intervals starting at or after `fromMs` and before `toMs` (UTC ms). */
  fromMs: number;
  toMs: number;
  intervalMinutes: IntervalMinutes;
  /** IANA zone the intervals are cut in (a site's, a client's, or UTC). */
  zone: string;
  /**
   * Also merge every entity per interval (`intervals`, what a chart draws): one more pass over
   * the lines, so only when asked (empty otherwise).
   */
  mergeIntervals?: boolean;
}

export interface ReportLine {
  id: string;
  /** Local start, "YYYY-MM-DDTHH:mm", in the report's zone; `startUtc` disambiguates DST. */
  start: string;
  startUtc: string;
  counters: Counters;
  kpis: Kpis;
  /** Pause time by pause code, in seconds (agents and sites). */
  pauseSeconds?: Record<string, number>;
}

export interface ReportTotal {
  id: string;
  counters: Counters;
  kpis: Kpis;
  pauseSeconds?: Record<string, number>;
}

export interface Report {
  dimension: Dimension;
  zone: string;
  intervalMinutes: IntervalMinutes;
  from: string;
  to: string;
  /** The service level each entity's figures use, written out (KPI.md). */
  serviceLevel: Record<
    string,
    { formula: ServiceLevelFormula; text: string; thresholdSeconds: number }
  >;
  lines: ReportLine[];
  totals: ReportTotal[];
  total: Omit<ReportTotal, 'id'>;
  /**
   * Every entity of the report merged, interval by interval (the series a chart draws), when the
   * request asks for it (`mergeIntervals`), with `intervalFormula`: the entities' service-level
   * formula when they share one, else KPI.md's default, as the grand total.
   */
  intervals: Omit<ReportLine, 'id' | 'pauseSeconds'>[];
  intervalFormula: ServiceLevelFormula;
}

/**
 * Builds a report from projection rows of any dimension (the others are ignored). `ruleOf` gives
 * a queue's service-level rule; other dimensions mix queues, whose contacts were judged against
 * their own queue's threshold, and use KPI.md's default formula.
 */
export function buildReport(
  request: ReportRequest,
  rows: Iterable<ProjectionRow | RowBlock>,
  pauses: Iterable<PauseRow>,
  ruleOf: (queueId: string) => ServiceLevelRule,
): Report {
  const zone = new Zone(request.zone);
  const groups = new Groups(request, zone);
  const add = (id: string, bucket: number, values: Float64Array, at: number): void => {
    const line = groups.line(id, bucket);
    if (line === undefined) return;
    // Into the line, the entity's total and the grand total, row by row as before: sums of
    // fractional milliseconds come out the same to the last bit.
    addRow(line.block, line.at, (groups.last as Group).total, groups.grand, values, at);
  };
  for (const row of rows) {
    if (row.dimension !== request.dimension) continue;
    if ('buckets' in row) {
      for (let i = 0; i < row.buckets.length; i++) {
        add(row.id, row.buckets[i] as number, row.values, i * WIDTH);
      }
    } else add(row.id, row.bucket, row.values, 0);
  }
  if (request.dimension === 'agent' || request.dimension === 'site') {
    for (const pause of pauses) {
      const id = request.dimension === 'agent' ? pause.agentId : pause.siteId;
      if (id === undefined) continue;
      const line = groups.line(id, pause.bucket);
      if (line === undefined) continue;
      line.pauses ??= new Map();
      for (const target of [line.pauses, (groups.last as Group).totalPauses, groups.grandPauses]) {
        target.set(pause.code, (target.get(pause.code) ?? 0) + pause.ms);
      }
    }
  }
  const totals = groups.byId;

  const formulaOf = (id: string): ServiceLevelRule =>
    request.dimension === 'queue' ? ruleOf(id) : DEFAULT_RULE;
  const ids = [...totals.keys()].sort();
  const serviceLevel: Report['serviceLevel'] = {};
  const formulas = new Map<string, ServiceLevelFormula>();
  for (const id of ids) {
    const rule = formulaOf(id);
    formulas.set(id, rule.formula);
    serviceLevel[id] = {
      formula: rule.formula,
      text: FORMULA_TEXT[rule.formula],
      thresholdSeconds: rule.thresholdSeconds,
    };
  }
  const withPauses = <T extends object>(out: T, pauses: Map<string, number> | undefined): T =>
    pauses === undefined || pauses.size === 0
      ? out
      : {
          ...out,
          pauseSeconds: Object.fromEntries(
            [...pauses].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, ms]) => [code, ms / 1000]),
          ),
        };
  // Lines by entity, then by start: each entity's lines sorted by their start.
  const sortedLines: Line[] = [];
  for (const id of ids) {
    const group = totals.get(id) as Group;
    const starts = [...group.lines.keys()].sort((a, b) => a - b);
    for (const start of starts) sortedLines.push(group.lines.get(start) as Line);
  }
  // Labels are the same for every entity: made once per interval.
  const labels = new Map<number, { start: string; startUtc: string }>();
  const labelOf = (start: number) => {
    let label = labels.get(start);
    if (label === undefined) {
      label = { start: zone.label(start), startUtc: new Date(start).toISOString() };
      labels.set(start, label);
    }
    return label;
  };
  // The selection merged per interval, from the lines (fewer than the rows), keyed by minute.
  const byStart = new Map<number, Float64Array>();
  for (const line of request.mergeIntervals === true ? sortedLines : []) {
    const key = line.start / 60_000;
    let row = byStart.get(key);
    if (row === undefined) {
      row = newRow();
      byStart.set(key, row);
    }
    mergeRowAt(row, 0, line.block, line.at);
  }
  const shared = new Set(formulas.values());
  const intervalFormula =
    shared.size === 1 ? ([...shared][0] as ServiceLevelFormula) : DEFAULT_RULE.formula;
  const intervals = [...byStart]
    .sort(([a], [b]) => a - b)
    .map(([minute, row]) => {
      const counters = countersOf(row);
      return { ...labelOf(minute * 60_000), counters, kpis: kpisOf(counters, intervalFormula) };
    });
  const grandCounters = countersOf(groups.grand);
  const report: Report = {
    dimension: request.dimension,
    zone: zone.name,
    intervalMinutes: request.intervalMinutes,
    from: new Date(request.fromMs).toISOString(),
    to: new Date(request.toMs).toISOString(),
    serviceLevel,
    lines: sortedLines.map((line) => {
      const counters = countersOf(line.block, line.at);
      const label = labelOf(line.start);
      return withPauses(
        {
          id: line.id,
          start: label.start,
          startUtc: label.startUtc,
          counters,
          kpis: kpisOf(counters, formulas.get(line.id) as ServiceLevelFormula),
        },
        line.pauses,
      );
    }),
    totals: ids.map((id) => {
      const group = totals.get(id) as Group;
      const counters = countersOf(group.total);
      return withPauses(
        { id, counters, kpis: kpisOf(counters, formulas.get(id) as ServiceLevelFormula) },
        group.totalPauses,
      );
    }),
    total: withPauses(
      { counters: grandCounters, kpis: kpisOf(grandCounters, DEFAULT_RULE.formula) },
      groups.grandPauses,
    ),
    intervals,
    intervalFormula,
  };
  groups.release();
  return report;
}

/** Adds a row to a line and to two totals in one pass (the maximum wait keeps the larger). */
function addRow(
  line: Float64Array,
  lineAt: number,
  total: Float64Array,
  grand: Float64Array,
  row: Float64Array,
  rowAt: number,
): void {
  for (let i = 0; i < WIDTH; i++) {
    const v = row[rowAt + i] as number;
    if (i === MAX_FIELD) {
      line[lineAt + i] = Math.max(line[lineAt + i] as number, v);
      total[i] = Math.max(total[i] as number, v);
      grand[i] = Math.max(grand[i] as number, v);
      continue;
    }
    line[lineAt + i] = (line[lineAt + i] as number) + v;
    total[i] = (total[i] as number) + v;
    grand[i] = (grand[i] as number) + v;
  }
}
