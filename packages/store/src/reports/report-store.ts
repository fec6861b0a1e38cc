// The stored report projection: flushes add to the rows (sums, and the larger maximum wait) and
// move the projection's state forward in one transaction; reports read ranges of rows back. The
// projection's rows are stored by entity and day (report-days.ts); imported history keeps one row
// per bucket and counter column.
import { StoreError } from '../errors.ts';
import type {
  ReportFlush,
  ReportHistory,
  ReportPauseQuery,
  ReportPauseRecord,
  ReportQuery,
  ReportRowBlock,
  ReportRowRecord,
  ReportState,
} from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import type { SqlExecutor, SqlValue } from '../sql/executor.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, isoTime, placeholders, toJson } from '../sql/values.ts';
import { MAX_COUNTER, REPORT_COLUMNS, REPORT_COUNTERS } from './report-columns.ts';
import { mergeDays, writeDays, groupByDay, readDays } from './report-days.ts';

/** Rows per INSERT statement (32 parameters each: within both dialects' limits). */
const CHUNK = 400;
const KEY = ['tenant_id', 'dimension', 'entity_id', 'bucket_ms'];
const MAX_INDEX = REPORT_COUNTERS.indexOf(MAX_COUNTER);
/** Entity filters longer than this are applied after reading, not as an IN list. */
const MAX_IN_LIST = 500;
const POSTGRES_FLUSH_LOCK = `SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.relais.reports.' || ?))`;

export async function addReportFlush(
  { db, now }: StoreContext,
  tenantId: string,
  flush: ReportFlush,
): Promise<void> {
  const state = toJson(flush.state, 'report state');
  const days = groupByDay(flush.rows);
  const pauses = mergePauses(flush.pauses);
  // Merged in slices outside the transaction: on PostgreSQL this runs on the server's event loop,
  // on SQLite on the writer thread, whose log commits may then run between the slices.
  const merged = await mergeDays(db, tenantId, days, { yieldEvery: 100 });
  await forTenant(tenantId, () =>
    db.transaction(async (tx) => {
      // A tenant's flushes take turns (SQLite's transactions already do); one whose days moved
      // after it read them fails the check of the stored seq below, writing nothing.
      if (db.dialect === 'postgres') await tx.get(POSTGRES_FLUSH_LOCK, [tenantId]);
      const stored = await tx.get<{ last_seq: number }>(
        'SELECT last_seq FROM report_state WHERE tenant_id = ?',
        [tenantId],
      );
      const previous = stored === undefined ? 0 : Number(stored.last_seq);
      if (previous !== flush.previousSeq) {
        throw new StoreError(
          'VersionConflict',
          `report projection of tenant ${tenantId} is at event ${previous}, not ${flush.previousSeq}: another writer moved it; reload its state`,
          { tenantId, stored: previous, expected: flush.previousSeq },
        );
      }
      await writeDays(tx, tenantId, merged);
      await upsert(
        tx,
        'report_pauses',
        ['tenant_id', 'agent_id', 'site_id', 'code', 'bucket_ms', 'ms'],
        'tenant_id, agent_id, code, bucket_ms',
        'ms = report_pauses.ms + excluded.ms, site_id = excluded.site_id',
        pauses.map((p) => [tenantId, p.agentId, p.siteId, p.code, p.bucketMs, p.ms]),
      );
      await tx.run(
        `INSERT INTO report_state (tenant_id, last_seq, state, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE
         SET last_seq = excluded.last_seq, state = excluded.state, updated_at = excluded.updated_at`,
        [tenantId, flush.lastSeq, state, isoTime(now())],
      );
    }),
  );
}

export async function reportState(
  { db }: StoreContext,
  tenantId: string,
): Promise<ReportState | undefined> {
  const row = await db.get<{ last_seq: number; state: string }>(
    'SELECT last_seq, state FROM report_state WHERE tenant_id = ?',
    [tenantId],
  );
  return row && { lastSeq: Number(row.last_seq), state: fromJson(row.state) };
}

export async function readReportRows(
  context: StoreContext,
  tenantId: string,
  query: ReportQuery,
): Promise<ReportRowRecord[]> {
  const out: ReportRowRecord[] = [];
  for (const block of await readReportBlocks(context, tenantId, query)) {
    block.bucketsMs.forEach((bucketMs, i) => {
      out.push({
        dimension: block.dimension,
        entityId: block.entityId,
        bucketMs,
        values: block.values.subarray(i * REPORT_COUNTERS.length, (i + 1) * REPORT_COUNTERS.length),
      });
    });
  }
  return out;
}

export async function readReportBlocks(
  { db }: StoreContext,
  tenantId: string,
  query: ReportQuery,
): Promise<ReportRowBlock[]> {
  const ids = query.entityIds;
  const inList = ids !== undefined && ids.length <= MAX_IN_LIST ? ids : undefined;
  if (ids !== undefined && ids.length === 0) return [];
  // The projection's rows and the imported history's: a report adds them up.
  const blocks = await readDays(db, tenantId, { ...query, inList });
  const history = await db.all<Record<string, unknown>>(
    `SELECT entity_id, bucket_ms, ${REPORT_COLUMNS.join(', ')} FROM report_history
     WHERE tenant_id = ? AND dimension = ? AND bucket_ms >= ? AND bucket_ms < ?
     ${inList === undefined ? '' : `AND entity_id IN (${placeholders(inList.length)})`}`,
    [tenantId, query.dimension, query.fromMs, query.toMs, ...(inList ?? [])],
  );
  for (const row of history) {
    const values = new Float64Array(REPORT_COLUMNS.length);
    REPORT_COLUMNS.forEach((column, i) => (values[i] = Number(row[column])));
    blocks.push({
      dimension: query.dimension,
      entityId: row.entity_id as string,
      bucketsMs: [Number(row.bucket_ms)],
      values,
    });
  }
  if (ids === undefined || inList !== undefined) return blocks;
  const wanted = new Set(ids);
  return blocks.filter((block) => wanted.has(block.entityId));
}

export async function readReportPauses(
  { db }: StoreContext,
  tenantId: string,
  query: ReportPauseQuery,
): Promise<ReportPauseRecord[]> {
  const rows = await db.all<{
    agent_id: string;
    site_id: string | null;
    code: string;
    bucket_ms: number;
    ms: number;
  }>(
    `SELECT agent_id, site_id, code, bucket_ms, ms FROM report_pauses
     WHERE tenant_id = ? AND bucket_ms >= ? AND bucket_ms < ?`,
    [tenantId, query.fromMs, query.toMs],
  );
  return rows.map((row) => {
    const record: ReportPauseRecord = {
      agentId: row.agent_id,
      code: row.code,
      bucketMs: Number(row.bucket_ms),
      ms: Number(row.ms),
    };
    if (row.site_id !== null) record.siteId = row.site_id;
    return record;
  });
}

/**
 * Imported history: the rows of `entityIds` (in `dimensions`) in [fromMs, toMs) are replaced by
 * `rows`, in one transaction (an import is all or nothing, and importing again replaces it).
 */
export async function replaceReportHistory(
  { db }: StoreContext,
  tenantId: string,
  history: ReportHistory,
): Promise<void> {
  const rows = mergeRows(history.rows);
  for (const row of rows) {
    if (
      !history.entityIds.includes(row.entityId) ||
      row.bucketMs < history.fromMs ||
      row.bucketMs >= history.toMs
    ) {
      throw new RangeError(
        `history row ${row.dimension}/${row.entityId}/${row.bucketMs} is outside what the import replaces`,
      );
    }
  }
  await forTenant(tenantId, () =>
    db.transaction(async (tx) => {
      if (history.entityIds.length > 0) {
        await tx.run(
          `DELETE FROM report_history WHERE tenant_id = ? AND bucket_ms >= ? AND bucket_ms < ?
           AND entity_id IN (${placeholders(history.entityIds.length)})`,
          [tenantId, history.fromMs, history.toMs, ...history.entityIds],
        );
      }
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx.insertMany(
          'report_history',
          [...KEY, ...REPORT_COLUMNS],
          rows
            .slice(i, i + CHUNK)
            .map((row) => [
              tenantId,
              row.dimension,
              row.entityId,
              row.bucketMs,
              ...Array.from(row.values),
            ]),
        );
      }
    }),
  );
}

/** Forgets the tenant's projection (a rebuild starts from the first event); history stays. */
export async function clearReports({ db }: StoreContext, tenantId: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of ['report_days', 'report_pauses', 'report_state']) {
      await tx.run(`DELETE FROM ${table} WHERE tenant_id = ?`, [tenantId]);
    }
  });
}

async function upsert(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  conflict: string,
  update: string,
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const one = `(${placeholders(columns.length)})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => one).join(', ')}
       ON CONFLICT (${conflict}) DO UPDATE SET ${update}`,
      chunk.flat(),
    );
  }
}

/** One row per key (PostgreSQL refuses to update a row twice in one statement). */
function mergeRows(rows: readonly ReportRowRecord[]): ReportRowRecord[] {
  const byKey = new Map<string, ReportRowRecord>();
  for (const row of rows) {
    if (row.values.length !== REPORT_COUNTERS.length) {
      throw new RangeError(
        `report row ${row.dimension}/${row.entityId}/${row.bucketMs}: ${row.values.length} values for ${REPORT_COUNTERS.length} counters`,
      );
    }
    const key = `${row.dimension}\u0000${row.entityId}\u0000${row.bucketMs}`;
    const into = byKey.get(key);
    if (into === undefined) {
      byKey.set(key, { ...row, values: Float64Array.from(row.values) });
      continue;
    }
    const values = into.values as Float64Array;
    for (let i = 0; i < values.length; i++) {
      const v = row.values[i] as number;
      values[i] = i === MAX_INDEX ? Math.max(values[i] as number, v) : (values[i] as number) + v;
    }
  }
  return [...byKey.values()];
}

function mergePauses(pauses: readonly ReportPauseRecord[]): ReportPauseRecord[] {
  const byKey = new Map<string, ReportPauseRecord>();
  for (const pause of pauses) {
    const key = `${pause.agentId}\u0000${pause.code}\u0000${pause.bucketMs}`;
    const into = byKey.get(key);
    if (into === undefined) byKey.set(key, { ...pause });
    else into.ms += pause.ms;
  }
  return [...byKey.values()];
}
