// The projection's stored rows: one per tenant, dimension, entity and UTC day, holding the day's
// bucket counters in the compact form of day-counters.ts. A flush reads the days it touches,
// adds to them (maxWaitMs: the larger wins) and writes them back, inside its transaction.
import type { ReportRowBlock, ReportRowRecord } from '../port.ts';
import type { SqlExecutor, SqlValue } from '../sql/executor.ts';
import { placeholders } from '../sql/values.ts';
import {
  BUCKET_MS,
  DAY_MS,
  DayArena,
  WIDTH,
  decodeDay,
  encodeDay,
  type DayCounters,
} from './day-counters.ts';
import { MAX_COUNTER, REPORT_COUNTERS } from './report-columns.ts';

const MAX_INDEX = REPORT_COUNTERS.indexOf(MAX_COUNTER);
/** Entities per IN list, and rows per upsert (5 parameters each). */
const CHUNK = 500;

/** What a flush adds to one entity's day: counters by slot. */
interface DayUpdate {
  dimension: string;
  entityId: string;
  dayMs: number;
  slots: Map<number, Float64Array>;
}

/** Adds `add` into `into` (the maximum wait keeps the larger). */
function mergeCounters(into: Float64Array, add: ArrayLike<number>, offset = 0): void {
  for (let i = 0; i < WIDTH; i++) {
    const v = add[offset + i] as number;
    into[i] = i === MAX_INDEX ? Math.max(into[i] as number, v) : (into[i] as number) + v;
  }
}

/** A flush's rows by entity and day, each bucket's duplicates added up. */
export function groupByDay(rows: readonly ReportRowRecord[]): Map<string, DayUpdate> {
  const days = new Map<string, DayUpdate>();
  for (const row of rows) {
    if (row.values.length !== WIDTH) {
      throw new RangeError(
        `report row ${row.dimension}/${row.entityId}/${row.bucketMs}: ${row.values.length} values for ${WIDTH} counters`,
      );
    }
    if (!Number.isSafeInteger(row.bucketMs) || row.bucketMs % BUCKET_MS !== 0) {
      throw new RangeError(
        `report row ${row.dimension}/${row.entityId}/${row.bucketMs}: a bucket starts on a quarter hour of UTC`,
      );
    }
    const dayMs = Math.floor(row.bucketMs / DAY_MS) * DAY_MS;
    const key = `${row.dimension}\u0000${row.entityId}\u0000${dayMs}`;
    let day = days.get(key);
    if (day === undefined) {
      day = { dimension: row.dimension, entityId: row.entityId, dayMs, slots: new Map() };
      days.set(key, day);
    }
    const slot = (row.bucketMs - dayMs) / BUCKET_MS;
    const into = day.slots.get(slot);
    if (into === undefined) day.slots.set(slot, Float64Array.from(row.values));
    else mergeCounters(into, row.values);
  }
  return days;
}

/** A flush's days added to the stored ones, ready to be written back. */
export interface MergedDays {
  upserts: SqlValue[][];
  /** Days whose counters added up to nothing everywhere. */
  emptied: DayUpdate[];
}

/**
 * Reads the stored days the flush touches and adds the flush to them. Done before the flush's
 * transaction, so the write lock is held only for the writes (on SQLite a 2,000-agent flush held
 * it 70–80 ms, the log's commits waiting); the transaction's check of the stored state's seq
 * refuses the flush if anything moved in between. `yieldEvery` days, it lets the event loop run.
 */
export async function mergeDays(
  db: SqlExecutor,
  tenantId: string,
  days: ReadonlyMap<string, DayUpdate>,
  options: { yieldEvery?: number } = {},
): Promise<MergedDays> {
  const stored = await readStoredDays(db, tenantId, [...days.values()]);
  const upserts: SqlValue[][] = [];
  const emptied: DayUpdate[] = [];
  // Decoded days are copied or added from at once: they can share a few large blocks.
  const arena = new DayArena();
  let sinceYield = 0;
  for (const [key, day] of days) {
    if (options.yieldEvery !== undefined && ++sinceYield > options.yieldEvery) {
      // Thousands of days decoded and encoded in one go held the event loop tens of ms.
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const before = stored.get(key);
    if (before !== undefined) {
      const counters = decodeDay(
        before,
        () => where(day.dimension, day.entityId, day.dayMs),
        arena,
      );
      counters.slots.forEach((slot, n) => {
        const into = day.slots.get(slot);
        if (into === undefined)
          day.slots.set(slot, counters.values.slice(n * WIDTH, (n + 1) * WIDTH));
        else mergeCounters(into, counters.values, n * WIDTH);
      });
    }
    const encoded = encodeDay(packed(day.slots));
    if (encoded !== undefined) {
      upserts.push([tenantId, day.dimension, day.dayMs, day.entityId, toText(encoded)]);
    } else if (before !== undefined) emptied.push(day);
  }
  return { upserts, emptied };
}

/** Writes merged days back (inside the flush's transaction). */
export async function writeDays(
  tx: SqlExecutor,
  tenantId: string,
  { upserts, emptied }: MergedDays,
): Promise<void> {
  for (let i = 0; i < upserts.length; i += CHUNK) {
    const chunk = upserts.slice(i, i + CHUNK);
    await tx.run(
      `INSERT INTO report_days (tenant_id, dimension, day_ms, entity_id, counters)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (tenant_id, dimension, day_ms, entity_id) DO UPDATE SET counters = excluded.counters`,
      chunk.flat(),
    );
  }
  // Counters that added up to nothing everywhere (signed sums): no row, as if never touched.
  for (const day of emptied) {
    await tx.run(
      'DELETE FROM report_days WHERE tenant_id = ? AND dimension = ? AND day_ms = ? AND entity_id = ?',
      [tenantId, day.dimension, day.dayMs, day.entityId],
    );
  }
}

/** The stored days of these entities and days, by the key groupByDay gives them. */
async function readStoredDays(
  tx: SqlExecutor,
  tenantId: string,
  days: readonly DayUpdate[],
): Promise<Map<string, Uint8Array>> {
  const groups = new Map<string, { dimension: string; dayMs: number; ids: string[] }>();
  for (const day of days) {
    const key = `${day.dimension}\u0000${day.dayMs}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { dimension: day.dimension, dayMs: day.dayMs, ids: [] };
      groups.set(key, group);
    }
    group.ids.push(day.entityId);
  }
  const stored = new Map<string, Uint8Array>();
  for (const { dimension, dayMs, ids } of groups.values()) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await tx.all<{ entity_id: string; counters: string }>(
        `SELECT entity_id, counters FROM report_days
         WHERE tenant_id = ? AND dimension = ? AND day_ms = ? AND entity_id IN (${placeholders(chunk.length)})`,
        [tenantId, dimension, dayMs, ...chunk],
      );
      for (const row of rows) {
        stored.set(`${dimension}\u0000${row.entity_id}\u0000${dayMs}`, fromText(row.counters));
      }
    }
  }
  return stored;
}

/**
 * The stored buckets of one dimension in [fromMs, toMs), all entities or those of `inList`
 * (filtered in SQL): one block per entity and day.
 */
export async function readDays(
  db: SqlExecutor,
  tenantId: string,
  query: { dimension: string; fromMs: number; toMs: number; inList: readonly string[] | undefined },
): Promise<ReportRowBlock[]> {
  const { dimension, fromMs, toMs, inList } = query;
  const firstDay = Math.floor(fromMs / DAY_MS) * DAY_MS;
  const rows = await db.all<{ entity_id: string; day_ms: number; counters: string }>(
    `SELECT entity_id, day_ms, counters FROM report_days
     WHERE tenant_id = ? AND dimension = ? AND day_ms >= ? AND day_ms < ?
     ${inList === undefined ? '' : `AND entity_id IN (${placeholders(inList.length)})`}`,
    [tenantId, dimension, firstDay, toMs, ...(inList ?? [])],
  );
  const out: ReportRowBlock[] = [];
  const arena = new DayArena();
  const text = new TextDecoding();
  for (const row of rows) {
    const entityId = row.entity_id;
    const dayMs = Number(row.day_ms);
    const day = decodeDay(text.bytes(row.counters), () => where(dimension, entityId, dayMs), arena);
    const bucketsMs = day.slots.map((slot) => dayMs + slot * BUCKET_MS);
    const first = bucketsMs.findIndex((bucket) => bucket >= fromMs);
    let end = bucketsMs.findIndex((bucket) => bucket >= toMs);
    if (end === -1) end = bucketsMs.length;
    if (first === -1 || first >= end) continue;
    // Days at the ends of the range keep only their buckets inside it.
    const whole = first === 0 && end === bucketsMs.length;
    out.push({
      dimension,
      entityId,
      bucketsMs: whole ? bucketsMs : bucketsMs.slice(first, end),
      values: whole ? day.values : day.values.subarray(first * WIDTH, end * WIDTH),
    });
  }
  return out;
}

/** How an error names a stored day: "queue q1 on 2026-03-02 (UTC)". */
const where = (dimension: string, entityId: string, dayMs: number): string =>
  `${dimension} ${entityId} on ${new Date(dayMs).toISOString().slice(0, 10)} (UTC)`;

/** A day's counters by slot, in slot order, as encodeDay takes them. */
function packed(slots: ReadonlyMap<number, Float64Array>): DayCounters {
  const order = [...slots.keys()].sort((a, b) => a - b);
  const values = new Float64Array(order.length * WIDTH);
  order.forEach((slot, n) => values.set(slots.get(slot) as Float64Array, n * WIDTH));
  return { slots: order, values };
}

// Stored as base64 text: both drivers pass text as is, and it is smaller on PostgreSQL's wire
// than bytea's hex text.
const toText = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromText = (text: string): Uint8Array => Buffer.from(text, 'base64');

/**
 * Stored text decoded into one reused buffer: a month's report reads thousands of days, and a
 * buffer made for each was a tenth of the read (allocation, then garbage collection). What
 * `bytes` returns is good until its next call.
 */
class TextDecoding {
  private buffer = Buffer.allocUnsafe(16_384);

  bytes(text: string): Uint8Array {
    const most = Math.ceil(text.length / 4) * 3;
    if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(2 * most);
    return this.buffer.subarray(0, this.buffer.write(text, 0, 'base64'));
  }
}
