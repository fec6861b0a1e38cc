import { StoreError } from '../errors.ts';
import type { LogBatch } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation, type SqlExecutor, type SqlValue } from '../sql/executor.ts';
import { isoTime, toJson } from '../sql/values.ts';
import { deleteConfig, putConfig } from '../config/config-store.ts';

const COMMAND_COLUMNS = ['tenant_id', 'seq', 'at_ms', 'command'];
const EVENT_COLUMNS = ['tenant_id', 'seq', 'at_ms', 'type', 'body'];
const EVENT_REF_COLUMNS = ['contact_id', 'agent_id', 'queue_id', 'site_id', 'client_id'];
const IDEMPOTENCY_COLUMNS = ['tenant_id', 'key', 'request_hash', 'status', 'body', 'created_at'];

/**
 * The group commit: every command, event, idempotent answer and configuration row of the batch
 * in one transaction.
 * The batch must continue the tenant's log (its seqs are last + 1, last + 2, …); otherwise
 * StoreError 'LogGap' and nothing is written.
 */
export async function appendLog(
  { db, now }: StoreContext,
  tenantId: string,
  batch: LogBatch,
): Promise<void> {
  const idempotency = batch.idempotency ?? [];
  const config = batch.config ?? [];
  if (batch.commands.length + batch.events.length + idempotency.length + config.length === 0)
    return;
  // Serialized before the transaction: a value JSON cannot hold fails here, with nothing open.
  const { commandRows, eventRows, idempotencyRows } = logRows(tenantId, batch, now());
  await db.transaction(async (tx) => {
    await lockTenantLog(tx, db.dialect, tenantId);
    const last = await lastSeqsIn(tx, tenantId);
    checkContinues('command', last.command, batch.commands);
    checkContinues('event', last.event, batch.events);
    try {
      await tx.insertMany('commands', COMMAND_COLUMNS, commandRows);
      await tx.insertMany('events', [...EVENT_COLUMNS, ...EVENT_REF_COLUMNS], eventRows);
      await tx.insertMany('idempotency_keys', IDEMPOTENCY_COLUMNS, idempotencyRows);
      // Configuration rows land with the commands that configured the engine: both or neither.
      for (const write of config) {
        if (write.data === null) await deleteConfig({ db: tx }, tenantId, write.kind, write.id);
        else await putConfig({ db: tx, now }, tenantId, write.kind, write.id, write.data);
      }
    } catch (error) {
      if (isViolation(error, 'unique')) throw duplicateKeys(tenantId, batch);
      throw error;
    }
  });
}

/** The error for a batch one of whose idempotency keys is already stored. */
export function duplicateKeys(tenantId: string, batch: LogBatch): StoreError {
  return new StoreError('Duplicate', 'an idempotency key of the batch is already stored', {
    tenantId,
    keys: (batch.idempotency ?? []).map((answer) => answer.key),
  });
}

/** The batch as table rows (tenant id first), JSON-encoded; throws on a value JSON cannot hold. */
export function logRows(
  tenantId: string,
  batch: LogBatch,
  now: Date,
): { commandRows: SqlValue[][]; eventRows: SqlValue[][]; idempotencyRows: SqlValue[][] } {
  const commandRows = batch.commands.map((entry) => [
    tenantId,
    entry.seq,
    entry.atMs,
    toJson(entry.command, `command ${entry.seq}`),
  ]);
  const eventRows = batch.events.map((event) => [
    tenantId,
    event.seq,
    event.atMs,
    event.type,
    toJson(event.body, `event ${event.seq}`),
    event.refs.contactId,
    event.refs.agentId,
    event.refs.queueId,
    event.refs.siteId,
    event.refs.clientId,
  ]);
  const createdAt = isoTime(now);
  const idempotencyRows = (batch.idempotency ?? []).map((answer) => [
    tenantId,
    answer.key,
    answer.requestHash,
    answer.status,
    toJson(answer.body, `idempotent answer ${answer.key}`),
    createdAt,
  ]);
  return { commandRows, eventRows, idempotencyRows };
}

/** Highest command and event seq of a tenant, 0 when its log is empty. */
export async function lastSeqsIn(
  db: SqlExecutor,
  tenantId: string,
): Promise<{ command: number; event: number }> {
  const row = await db.get<{ command: number; event: number }>(
    `SELECT (SELECT COALESCE(MAX(seq), 0) FROM commands WHERE tenant_id = ?) AS command,
            (SELECT COALESCE(MAX(seq), 0) FROM events WHERE tenant_id = ?) AS event`,
    [tenantId, tenantId],
  );
  return { command: row?.command ?? 0, event: row?.event ?? 0 };
}

/**
 * Checks the tenant exists and, on PostgreSQL, locks its row until commit so that two appends
 * for one tenant take turns (SQLite's transactions already do). NO KEY UPDATE, because it still
 * lets other writers' foreign-key checks on the tenant (KEY SHARE) through.
 */
async function lockTenantLog(
  tx: SqlExecutor,
  dialect: 'sqlite' | 'postgres',
  tenantId: string,
): Promise<void> {
  const lock = dialect === 'postgres' ? ' FOR NO KEY UPDATE' : '';
  const tenant = await tx.get('SELECT id FROM tenants WHERE id = ?' + lock, [tenantId]);
  if (tenant === undefined)
    throw new StoreError('UnknownTenant', `no tenant ${tenantId}`, { tenantId });
}

function checkContinues(
  log: 'command' | 'event',
  last: number,
  entries: readonly { seq: number }[],
): void {
  entries.forEach((entry, index) => {
    const expected = last + 1 + index;
    if (entry.seq !== expected) {
      throw new StoreError('LogGap', `${log} seq ${entry.seq} where ${expected} was due`, {
        log,
        expected,
        found: entry.seq,
      });
    }
  });
}
