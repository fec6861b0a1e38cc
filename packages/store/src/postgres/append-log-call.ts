// The PostgreSQL group commit: one call of relais_append_log (migration 0005), so one round trip
// and one implicit transaction, with the rows passed as one array per column.
import { StoreError } from '../errors.ts';
import { duplicateKeys, logRows } from '../log/append-log.ts';
import type { LogBatch } from '../port.ts';
import { isViolation, type SqlValue } from '../sql/executor.ts';
import { isoTime } from '../sql/values.ts';
import type { PostgresDatabase } from './postgres-database.ts';

const CALL = `SELECT relais_append_log(${Array.from({ length: 18 }, (_, i) => `$${i + 1}`).join(', ')})`;

/** Columns of rows, skipping the first `from` (the tenant id). */
function columns(rows: readonly SqlValue[][], count: number, from = 1): SqlValue[][] {
  const out = Array.from({ length: count }, () => new Array<SqlValue>(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < count; c++) (out[c] as SqlValue[])[r] = row[from + c] ?? null;
  });
  return out;
}

/** Appends a batch without configuration writes; see appendLog for what it guarantees. */
export async function appendLogInOneCall(
  db: PostgresDatabase,
  tenantId: string,
  batch: LogBatch,
  now: Date,
): Promise<void> {
  const { commandRows, eventRows, idempotencyRows } = logRows(tenantId, batch, now);
  if (commandRows.length + eventRows.length + idempotencyRows.length === 0) return;
  try {
    await db.queryArrays(CALL, [
      tenantId,
      ...columns(commandRows, 3),
      ...columns(eventRows, 9),
      ...columns(idempotencyRows, 4),
      isoTime(now),
    ]);
  } catch (error) {
    throw translate(error, tenantId, batch);
  }
}

function translate(error: unknown, tenantId: string, batch: LogBatch): unknown {
  if (isViolation(error, 'unique')) return duplicateKeys(tenantId, batch);
  const { code, detail } = error as { code?: unknown; detail?: unknown };
  if (code === 'RL001')
    return new StoreError('UnknownTenant', `no tenant ${tenantId}`, { tenantId });
  if (code === 'RL002' && typeof detail === 'string') {
    const gap = JSON.parse(detail) as { log: string; expected: number; found: number };
    return new StoreError(
      'LogGap',
      `${gap.log} seq ${gap.found} where ${gap.expected} was due`,
      gap,
    );
  }
  return error;
}
