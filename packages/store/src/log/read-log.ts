import type {
  EventQuery,
  EventRefs,
  IdempotentResponse,
  LoggedCommand,
  LoggedEvent,
} from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import type { SqlExecutor, SqlValue } from '../sql/executor.ts';
import { fromJson, pageSize, placeholders } from '../sql/values.ts';

/** Log reads are paged: recovery reads 1M events in 100 pages of this size. */
export const LOG_PAGE_CAP = 10_000;
const EVENT_PAGE_DEFAULT = 1_000;

/**
 * The highest seq a page of `size` after `afterSeq` can reach: a closed range keeps the planner's
 * estimate small (on a freshly written PostgreSQL table with no statistics yet, an open range
 * made it sort the whole rest of the log for every page). Counted from the first seq present,
 * so a log with holes (pruned one day) still never yields an empty page before its end.
 */
async function pageEnd(
  db: SqlExecutor,
  log: 'commands' | 'events',
  tenantId: string,
  afterSeq: number,
  size: number,
): Promise<number> {
  const row = await db.get<{ first: number | null }>(
    `SELECT MIN(seq) AS first FROM ${log} WHERE tenant_id = ? AND seq > ?`,
    [tenantId, afterSeq],
  );
  return (row?.first ?? afterSeq + 1) + size - 1;
}

export async function readCommands(
  { db }: StoreContext,
  tenantId: string,
  afterSeq: number,
  limit: number,
): Promise<LoggedCommand[]> {
  const size = pageSize(limit, LOG_PAGE_CAP, LOG_PAGE_CAP);
  const rows = await db.all<{ seq: number; at_ms: number; command: string }>(
    `SELECT seq, at_ms, command FROM commands
     WHERE tenant_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
    [tenantId, afterSeq, await pageEnd(db, 'commands', tenantId, afterSeq, size), size],
  );
  return rows.map((row) => ({ seq: row.seq, atMs: row.at_ms, command: fromJson(row.command) }));
}

interface EventRow {
  seq: number;
  at_ms: number;
  type: string;
  body: string;
  contact_id: string | null;
  agent_id: string | null;
  queue_id: string | null;
  site_id: string | null;
  client_id: string | null;
}

/** Events in seq order; every filter given must hold (an empty list matches nothing). */
export async function readEvents(
  { db }: StoreContext,
  tenantId: string,
  query: EventQuery,
): Promise<LoggedEvent[]> {
  const afterSeq = query.afterSeq ?? 0;
  const size = pageSize(query.limit, EVENT_PAGE_DEFAULT, LOG_PAGE_CAP);
  const where = ['tenant_id = ?', 'seq > ?'];
  const params: SqlValue[] = [tenantId, afterSeq];
  const equals = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  const within = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    // `IN ()` is not SQL; an empty list is a scoped reader who may see nothing.
    where.push(values.length === 0 ? '1 = 0' : `${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  within('type', query.types);
  equals('contact_id', query.contactId);
  equals('agent_id', query.agentId);
  equals('queue_id', query.queueId);
  within('site_id', query.siteIds);
  equals('client_id', query.clientId);
  // A filtered read skips seqs, so its page has no known end.
  if (where.length === 2) {
    where.push('seq <= ?');
    params.push(await pageEnd(db, 'events', tenantId, afterSeq, size));
  }
  params.push(size);
  const rows = await db.all<EventRow>(
    `SELECT seq, at_ms, type, body, contact_id, agent_id, queue_id, site_id, client_id
     FROM events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`,
    params,
  );
  return rows.map(toEvent);
}

function toEvent(row: EventRow): LoggedEvent {
  const refs: EventRefs = {};
  if (row.contact_id !== null) refs.contactId = row.contact_id;
  if (row.agent_id !== null) refs.agentId = row.agent_id;
  if (row.queue_id !== null) refs.queueId = row.queue_id;
  if (row.site_id !== null) refs.siteId = row.site_id;
  if (row.client_id !== null) refs.clientId = row.client_id;
  return { seq: row.seq, atMs: row.at_ms, type: row.type, body: fromJson(row.body), refs };
}

export async function getIdempotent(
  { db }: StoreContext,
  tenantId: string,
  key: string,
): Promise<IdempotentResponse | undefined> {
  const row = await db.get<{ key: string; request_hash: string; status: number; body: string }>(
    'SELECT key, request_hash, status, body FROM idempotency_keys WHERE tenant_id = ? AND key = ?',
    [tenantId, key],
  );
  return (
    row && {
      key: row.key,
      requestHash: row.request_hash,
      status: row.status,
      body: fromJson(row.body),
    }
  );
}

/** A page of the tenant's idempotency keys after `afterKey`, in key order (the primary key's). */
export async function listIdempotencyKeys(
  { db }: StoreContext,
  tenantId: string,
  afterKey: string,
  limit: number,
): Promise<string[]> {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, not ${limit}`);
  }
  const rows = await db.all<{ key: string }>(
    'SELECT key FROM idempotency_keys WHERE tenant_id = ? AND key > ? ORDER BY key LIMIT ?',
    [tenantId, afterKey, limit],
  );
  return rows.map((row) => row.key);
}
