// A call history (per-call records read by @relais/wfm: the bank format, or any CSV with a column
// mapping) as report rows of its queues, so a center that arrives with last year's data gets its
// reports at once. The same counting as the projection: a call counts in the bucket where it
// entered the queue, answered within T by its queue's threshold, short abandons apart.
import type { ContactRecord } from '@relais/wfm';
import { F, newRow } from '../kpi/counters.ts';
import { DEFAULT_RULE, type ServiceLevelRule } from '../kpi/kpis.ts';
import type { ProjectionRow } from '../projection/projection.ts';
import { bucketOf } from '../time/buckets.ts';
import type { Zone } from '../time/zones.ts';

export interface HistoryOptions {
  /** The zone the history's local times are in. */
  zone: Zone;
  /** A queue's service-level rule (KPI.md defaults otherwise). */
  ruleOf?: (queue: string) => ServiceLevelRule;
  /** The client of a queue, when known: its rows then count for the client too. */
  clientOf?: (queue: string) => string | undefined;
}

const DAY_MS = 86_400_000;

/** Rows per queue (and client) and bucket; also the time span the records cover. */
export function historyRows(
  records: readonly ContactRecord[],
  options: HistoryOptions,
): { rows: ProjectionRow[]; fromMs: number; toMs: number } {
  const rows = new Map<string, ProjectionRow>();
  const rowOf = (dimension: 'queue' | 'client', id: string, bucket: number): ProjectionRow => {
    const key = `${dimension}\u0000${id}\u0000${bucket}`;
    let row = rows.get(key);
    if (row === undefined) rows.set(key, (row = { dimension, id, bucket, values: newRow() }));
    return row;
  };
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const record of records) {
    const at = options.zone.utcOfWall(record.day * DAY_MS + record.arrivalSeconds * 1000);
    fromMs = Math.min(fromMs, at);
    toMs = Math.max(toMs, at + 1);
    const rule = options.ruleOf?.(record.queue) ?? DEFAULT_RULE;
    const bucket = bucketOf(at);
    const client = options.clientOf?.(record.queue);
    const targets = [rowOf('queue', record.queue, bucket)];
    if (client !== undefined) targets.push(rowOf('client', client, bucket));
    const waitMs = record.waitSeconds * 1000;
    for (const { values } of targets) {
      values[F.offered] = (values[F.offered] as number) + 1;
      values[F.maxWaitMs] = Math.max(values[F.maxWaitMs] as number, waitMs);
      if (record.outcome === 'answered') {
        values[F.answered] = (values[F.answered] as number) + 1;
        if (waitMs <= rule.thresholdSeconds * 1000)
          values[F.answeredWithin] = (values[F.answeredWithin] as number) + 1;
        values[F.waitAnsweredMs] = (values[F.waitAnsweredMs] as number) + waitMs;
        values[F.handled] = (values[F.handled] as number) + 1;
        values[F.talkMs] = (values[F.talkMs] as number) + record.handleSeconds * 1000;
      } else if (record.outcome === 'abandoned') {
        values[F.abandoned] = (values[F.abandoned] as number) + 1;
        if (waitMs <= rule.shortAbandonSeconds * 1000)
          values[F.abandonedShort] = (values[F.abandonedShort] as number) + 1;
        if (waitMs <= rule.thresholdSeconds * 1000)
          values[F.abandonedWithin] = (values[F.abandonedWithin] as number) + 1;
        values[F.waitAbandonedMs] = (values[F.waitAbandonedMs] as number) + waitMs;
      }
    }
  }
  return { rows: [...rows.values()], fromMs, toMs };
}
