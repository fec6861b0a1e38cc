import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@relais/engine';
import { COUNTER_FIELDS, countersOf, mergeRow, newRow } from '../kpi/counters.ts';
import { DEFAULT_RULE } from '../kpi/kpis.ts';
import type { Dimension, PauseRow, ProjectionRow } from '../projection/projection.ts';
import { BUCKET_MS } from '../time/buckets.ts';
import { Zone, type IntervalMinutes } from '../time/zones.ts';
import { buildReport, type ReportRequest, type RowBlock } from './build-report.ts';

/**
 * The grouping as it was first written (a string key per entity and interval, rows merged one by
 * one): what the faster grouping must give, line for line.
 */
function plainGrouping(request: ReportRequest, rows: ProjectionRow[], pauses: PauseRow[]) {
  const zone = new Zone(request.zone);
  const wanted = request.ids === undefined ? undefined : new Set(request.ids);
  const lines = new Map<
    string,
    { id: string; start: number; values: Float64Array; pauses: Map<string, number> }
  >();
  const totals = new Map<string, { values: Float64Array; pauses: Map<string, number> }>();
  const place = (id: string, bucket: number) => {
    if (wanted !== undefined && !wanted.has(id)) return undefined;
    const start = zone.intervalStart(bucket, request.intervalMinutes);
    if (start < request.fromMs || start >= request.toMs) return undefined;
    const key = `${id}\u0000${start}`;
    const line = lines.get(key) ?? { id, start, values: newRow(), pauses: new Map() };
    lines.set(key, line);
    const total = totals.get(id) ?? { values: newRow(), pauses: new Map() };
    totals.set(id, total);
    return { line, total };
  };
  for (const row of rows) {
    if (row.dimension !== request.dimension) continue;
    const found = place(row.id, row.bucket);
    if (found === undefined) continue;
    mergeRow(found.line.values, row.values);
    mergeRow(found.total.values, row.values);
  }
  if (request.dimension === 'agent' || request.dimension === 'site') {
    for (const pause of pauses) {
      const id = request.dimension === 'agent' ? pause.agentId : pause.siteId;
      const found = id === undefined ? undefined : place(id, pause.bucket);
      if (found === undefined) continue;
      for (const target of [found.line.pauses, found.total.pauses]) {
        target.set(pause.code, (target.get(pause.code) ?? 0) + pause.ms);
      }
    }
  }
  const seconds = (pauses: Map<string, number>) =>
    pauses.size === 0
      ? undefined
      : Object.fromEntries(
          [...pauses].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, ms]) => [c, ms / 1000]),
        );
  return {
    lines: [...lines.values()]
      .sort((a, b) => (a.id === b.id ? a.start - b.start : a.id < b.id ? -1 : 1))
      .map((l) => ({
        id: l.id,
        startUtc: new Date(l.start).toISOString(),
        start: zone.label(l.start),
        counters: countersOf(l.values),
        pauseSeconds: seconds(l.pauses),
      })),
    totals: [...totals.keys()].sort().map((id) => ({
      id,
      counters: countersOf((totals.get(id) as { values: Float64Array }).values),
      pauseSeconds: seconds((totals.get(id) as { pauses: Map<string, number> }).pauses),
    })),
  };
}

/** Rows packed by dimension and entity, in bucket order within each block. */
function asBlocks(rows: readonly ProjectionRow[]): RowBlock[] {
  const byEntity = new Map<string, ProjectionRow[]>();
  for (const row of rows) {
    const key = `${row.dimension}/${row.id}`;
    byEntity.set(key, [...(byEntity.get(key) ?? []), row]);
  }
  return [...byEntity.values()].map((group) => {
    const sorted = [...group].sort((a, b) => a.bucket - b.bucket);
    const values = new Float64Array(sorted.length * COUNTER_FIELDS.length);
    sorted.forEach((row, i) => values.set(row.values, i * COUNTER_FIELDS.length));
    const first = sorted[0] as ProjectionRow;
    return {
      dimension: first.dimension,
      id: first.id,
      buckets: sorted.map((r) => r.bucket),
      values,
    };
  });
}

const DIMS: Dimension[] = ['queue', 'agent', 'site'];
const ZONES = ['UTC', 'Europe/Paris', 'Asia/Kolkata', 'Africa/Casablanca'];
// Around the spring change of Europe/Paris (2026-03-29), where local intervals move.
const START = Date.UTC(2026, 2, 27);

describe('buildReport grouping', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'seed %i: random rows and pauses give the lines and totals of the plain grouping',
    (seed) => {
      const rng = new SeededRandom(seed);
      const next = (): number => rng.next();
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const ids = ['q1', 'q2', 'a1', 'a2', 'rabat', 'zz', 'Éq'];
      const rows: ProjectionRow[] = Array.from({ length: 600 }, () => ({
        dimension: pick(DIMS),
        id: pick(ids),
        bucket: START + Math.floor(next() * 4 * 96) * BUCKET_MS,
        values: Float64Array.from(COUNTER_FIELDS, () =>
          next() < 0.5 ? 0 : pick([1, 3, 60_000, 1.5, -20]),
        ),
      }));
      const pauses: PauseRow[] = Array.from({ length: 120 }, () => ({
        agentId: pick(['a1', 'a2']),
        siteId: pick(['rabat', undefined]),
        code: pick(['lunch', 'brief']),
        bucket: START + Math.floor(next() * 4 * 96) * BUCKET_MS,
        ms: Math.floor(next() * 900_000),
      }));
      let lines = 0;
      for (let n = 0; n < 6; n++) {
        const fromMs = START + Math.floor(next() * 96) * BUCKET_MS;
        const request: ReportRequest = {
          dimension: pick(DIMS),
          fromMs,
          toMs: fromMs + Math.floor(next() * 3 * 96) * BUCKET_MS,
          intervalMinutes: pick<IntervalMinutes>([15, 30, 60]),
          zone: pick(ZONES),
          ...(n % 3 === 0 ? { ids: ['q2', 'a1', 'rabat'] } : {}),
          mergeIntervals: n % 2 === 0,
        };
        const report = buildReport(request, rows, pauses, () => DEFAULT_RULE);
        const plain = plainGrouping(request, rows, pauses);
        expect(
          report.lines.map(({ id, start, startUtc, counters, pauseSeconds }) => ({
            id,
            startUtc,
            start,
            counters,
            pauseSeconds,
          })),
        ).toEqual(plain.lines);
        expect(
          report.totals.map(({ id, counters, pauseSeconds }) => ({ id, counters, pauseSeconds })),
        ).toEqual(plain.totals);
        // The merged series: per interval, the sum of its lines (the maximum wait, their largest).
        const starts =
          request.mergeIntervals === true
            ? [...new Set(plain.lines.map((l) => l.startUtc))].sort()
            : [];
        expect(report.intervals.map((i) => i.startUtc)).toEqual(starts);
        for (const interval of report.intervals) {
          const of = plain.lines.filter((l) => l.startUtc === interval.startUtc);
          expect(interval.counters.offered).toBeCloseTo(
            of.reduce((sum, l) => sum + l.counters.offered, 0),
            6,
          );
          expect(interval.counters.maxWaitMs).toBe(
            Math.max(...of.map((l) => l.counters.maxWaitMs)),
          );
        }
        lines += report.lines.length;
        // The same rows packed in blocks of one entity, as the store gives them: the same report.
        expect(buildReport(request, asBlocks(rows), pauses, () => DEFAULT_RULE)).toEqual(report);
      }
      expect(lines).toBeGreaterThan(50);
    },
  );
});
