// Interval reports: projection rows (15-minute UTC buckets) grouped into local intervals of a
// time zone, per entity, with each entity's totals and the grand total, and the KPIs of each.
import { countersOf, mergeRow, newRow, type Counters } from '../kpi/counters.ts';
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
}

/**
 * Builds a report from projection rows of any dimension (the others are ignored). `ruleOf` gives
 * a queue's service-level rule; other dimensions mix queues, whose contacts were judged against
 * their own queue's threshold, and use KPI.md's default formula.
 */
export function buildReport(
  request: ReportRequest,
  rows: Iterable<ProjectionRow>,
  pauses: Iterable<PauseRow>,
  ruleOf: (queueId: string) => ServiceLevelRule,
): Report {
  const zone = new Zone(request.zone);
  const wanted = request.ids === undefined ? undefined : new Set(request.ids);
  const lines = new Map<
    string,
    { id: string; start: number; values: Float64Array; pauses: Map<string, number> }
  >();
  const totals = new Map<string, { values: Float64Array; pauses: Map<string, number> }>();
  const grand = { values: newRow(), pauses: new Map<string, number>() };
  const take = (id: string, bucket: number): [string, number] | undefined => {
    if (wanted !== undefined && !wanted.has(id)) return undefined;
    const start = zone.intervalStart(bucket, request.intervalMinutes);
    if (start < request.fromMs || start >= request.toMs) return undefined;
    return [`${id}\u0000${start}`, start];
  };
  const lineOf = (key: string, id: string, start: number) => {
    let line = lines.get(key);
    if (line === undefined) {
      line = { id, start, values: newRow(), pauses: new Map() };
      lines.set(key, line);
    }
    return line;
  };
  const totalOf = (id: string) => {
    let total = totals.get(id);
    if (total === undefined) {
      total = { values: newRow(), pauses: new Map() };
      totals.set(id, total);
    }
    return total;
  };

  for (const row of rows) {
    if (row.dimension !== request.dimension) continue;
    const place = take(row.id, row.bucket);
    if (place === undefined) continue;
    mergeRow(lineOf(place[0], row.id, place[1]).values, row.values);
    mergeRow(totalOf(row.id).values, row.values);
    mergeRow(grand.values, row.values);
  }
  if (request.dimension === 'agent' || request.dimension === 'site') {
    for (const pause of pauses) {
      const id = request.dimension === 'agent' ? pause.agentId : pause.siteId;
      if (id === undefined) continue;
      const place = take(id, pause.bucket);
      if (place === undefined) continue;
      for (const target of [
        lineOf(place[0], id, place[1]).pauses,
        totalOf(id).pauses,
        grand.pauses,
      ]) {
        target.set(pause.code, (target.get(pause.code) ?? 0) + pause.ms);
      }
    }
  }

  const formulaOf = (id: string): ServiceLevelRule =>
    request.dimension === 'queue' ? ruleOf(id) : DEFAULT_RULE;
  const ids = [...totals.keys()].sort();
  const serviceLevel: Report['serviceLevel'] = {};
  for (const id of ids) {
    const rule = formulaOf(id);
    serviceLevel[id] = {
      formula: rule.formula,
      text: FORMULA_TEXT[rule.formula],
      thresholdSeconds: rule.thresholdSeconds,
    };
  }
  const withPauses = <T extends object>(out: T, pauses: Map<string, number>): T =>
    pauses.size === 0
      ? out
      : {
          ...out,
          pauseSeconds: Object.fromEntries(
            [...pauses].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, ms]) => [code, ms / 1000]),
          ),
        };
  const sortedLines = [...lines.values()].sort((a, b) =>
    a.id === b.id ? a.start - b.start : a.id < b.id ? -1 : 1,
  );
  const grandCounters = countersOf(grand.values);
  return {
    dimension: request.dimension,
    zone: zone.name,
    intervalMinutes: request.intervalMinutes,
    from: new Date(request.fromMs).toISOString(),
    to: new Date(request.toMs).toISOString(),
    serviceLevel,
    lines: sortedLines.map((line) => {
      const counters = countersOf(line.values);
      return withPauses(
        {
          id: line.id,
          start: zone.label(line.start),
          startUtc: new Date(line.start).toISOString(),
          counters,
          kpis: kpisOf(counters, formulaOf(line.id).formula),
        },
        line.pauses,
      );
    }),
    totals: ids.map((id) => {
      const total = totals.get(id) as { values: Float64Array; pauses: Map<string, number> };
      const counters = countersOf(total.values);
      return withPauses(
        { id, counters, kpis: kpisOf(counters, formulaOf(id).formula) },
        total.pauses,
      );
    }),
    total: withPauses(
      { counters: grandCounters, kpis: kpisOf(grandCounters, DEFAULT_RULE.formula) },
      grand.pauses,
    ),
  };
}
