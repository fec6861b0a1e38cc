import type { AuditEntry, NewAuditEntry } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, isoTime, pageSize, toJson } from '../sql/values.ts';

const PAGE_CAP = 1000;

interface AuditRow {
  id: number;
  at: string | Date;
  actor: string;
  action: string;
  target: string;
  details: string;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: isoTime(row.at),
  actor: row.actor,
  action: row.action,
  target: row.target,
  details: fromJson(row.details),
});

export async function appendAudit(
  { db, now }: StoreContext,
  tenantId: string,
  entry: NewAuditEntry,
): Promise<AuditEntry> {
  const details = toJson(entry.details, 'audit details');
  const row = await forTenant(tenantId, () =>
    db.get<AuditRow>(
      `INSERT INTO audit_log (tenant_id, at, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)
       RETURNING id, at, actor, action, target, details`,
      [tenantId, isoTime(now()), entry.actor, entry.action, entry.target, details],
    ),
  );
  if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
  return toEntry(row);
}

/** Entries after `afterId`, oldest first. */
export async function listAudit(
  { db }: StoreContext,
  tenantId: string,
  afterId: number,
  limit: number,
): Promise<AuditEntry[]> {
  const rows = await db.all<AuditRow>(
    `SELECT id, at, actor, action, target, details FROM audit_log
     WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?`,
    [tenantId, afterId, pageSize(limit, PAGE_CAP, PAGE_CAP)],
  );
  return rows.map(toEntry);
}
