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
import { BUCKET_MS } from '../time/buckets.ts';
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
  const groups = new Groups(request, zone);
  for (const row of rows) {
    if (row.dimension !== request.dimension) continue;
    const line = groups.line(row.id, row.bucket);
    if (line === undefined) continue;
    mergeRow(line.values, row.values);
    mergeRow((groups.last as Group).total, row.values);
    mergeRow(groups.grand.values, row.values);
  }
  if (request.dimension === 'agent' || request.dimension === 'site') {
    for (const pause of pauses) {
      const id = request.dimension === 'agent' ? pause.agentId : pause.siteId;
      if (id === undefined) continue;
      const line = groups.line(id, pause.bucket);
      if (line === undefined) continue;
      const group = groups.last as Group;
      for (const target of [line, group.totalPauses, groups.grand]) {
        target.pauses.set(pause.code, (target.pauses.get(pause.code) ?? 0) + pause.ms);
      }
    }
  }
  const totals = groups.totals;

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
  const grand = groups.grand;
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
      const label = labelOf(line.start);
      return withPauses(
        {
          id: line.id,
          start: label.start,
          startUtc: label.startUtc,
          counters,
          kpis: kpisOf(counters, formulaOf(line.id).formula),
        },
        line.pauses,
      );
    }),
    totals: ids.map((id) => {
      const group = totals.get(id) as Group;
      const counters = countersOf(group.total);
      return withPauses(
        { id, counters, kpis: kpisOf(counters, formulaOf(id).formula) },
        group.totalPauses.pauses,
      );
    }),
    total: withPauses(
      { counters: grandCounters, kpis: kpisOf(grandCounters, DEFAULT_RULE.formula) },
      grand.pauses,
    ),
  };
}

interface Line {
  id: string;
  start: number;
  values: Float64Array;
  pauses: Map<string, number>;
}

/** One entity's lines by interval start, and its total. */
interface Group {
  id: string;
  lines: Map<number, Line>;
  total: Float64Array;
  totalPauses: { pauses: Map<string, number> };
  /** The last line used: rows mostly come entity by entity, bucket by bucket. */
  last: Line | undefined;
}

/** The report's lines, found by entity and interval without building string keys. */
class Groups {
  readonly totals = new Map<string, Group>();
  readonly grand = { values: newRow(), pauses: new Map<string, number>() };
  /** The group of the last line found. */
  last: Group | undefined;
  private readonly wanted: Set<string> | undefined;
  /** Interval start by bucket number (bucket start / BUCKET_MS). */
  private readonly starts = new Map<number, number>();

  constructor(
    private readonly request: ReportRequest,
    private readonly zone: Zone,
  ) {
    this.wanted = request.ids === undefined ? undefined : new Set(request.ids);
  }

  /** The line of `id` holding `bucket`, or undefined when the report leaves it out. */
  line(id: string, bucket: number): Line | undefined {
    let group = this.last;
    if (group === undefined || group.id !== id) {
      if (this.wanted !== undefined && !this.wanted.has(id)) return undefined;
      group = this.totals.get(id);
    }
    const start = this.intervalStart(bucket);
    if (start < this.request.fromMs || start >= this.request.toMs) return undefined;
    if (group === undefined) {
      group = {
        id,
        lines: new Map(),
        total: newRow(),
        totalPauses: { pauses: new Map() },
        last: undefined,
      };
      this.totals.set(id, group);
    }
    this.last = group;
    let line = group.last;
    if (line !== undefined && line.start === start) return line;
    line = group.lines.get(start);
    if (line === undefined) {
      line = { id, start, values: newRow(), pauses: new Map() };
      group.lines.set(start, line);
    }
    group.last = line;
    return line;
  }

  private intervalStart(bucket: number): number {
    // Cached by bucket number for bucket starts, the only times projections and history use.
    if (bucket % BUCKET_MS !== 0)
      return this.zone.intervalStart(bucket, this.request.intervalMinutes);
    const n = bucket / BUCKET_MS;
    let start = this.starts.get(n);
    if (start === undefined) {
      start = this.zone.intervalStart(bucket, this.request.intervalMinutes);
      this.starts.set(n, start);
    }
    return start;
  }
}
