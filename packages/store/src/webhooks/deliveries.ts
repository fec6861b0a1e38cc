import type { WebhookDelivery } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { forTenant } from '../sql/store-errors.ts';
import { isoTime, pageSize } from '../sql/values.ts';

const PAGE_CAP = 1000;

interface DeliveryRow {
  id: number;
  webhook_id: string;
  event_seq: number;
  attempts: number;
  status: WebhookDelivery['status'];
  next_attempt_at: string | Date;
  last_status_code: number | null;
  last_error: string | null;
  updated_at: string | Date;
}

const COLUMNS =
  'id, webhook_id, event_seq, attempts, status, next_attempt_at, last_status_code, last_error, updated_at';

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventSeq: row.event_seq,
    attempts: row.attempts,
    status: row.status,
    nextAttemptAt: isoTime(row.next_attempt_at),
    ...(row.last_status_code === null ? {} : { lastStatusCode: row.last_status_code }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    updatedAt: isoTime(row.updated_at),
  };
}

export async function enqueueDeliveries(
  { db, now }: StoreContext,
  tenantId: string,
  deliveries: { webhookId: string; eventSeq: number; nextAttemptAt: string }[],
): Promise<void> {
  if (deliveries.length === 0) return;
  const at = isoTime(now());
  await forTenant(tenantId, () =>
    db.transaction(async (tx) => {
      for (const delivery of deliveries) {
        await tx.run(
          `INSERT INTO webhook_deliveries
             (tenant_id, webhook_id, event_seq, attempts, status, next_attempt_at, updated_at)
           VALUES (?, ?, ?, 0, 'pending', ?, ?)
           ON CONFLICT (tenant_id, webhook_id, event_seq) DO NOTHING`,
          [tenantId, delivery.webhookId, delivery.eventSeq, isoTime(delivery.nextAttemptAt), at],
        );
      }
    }),
  );
}

export async function dueDeliveries(
  { db }: StoreContext,
  tenantId: string,
  now: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  const rows = await db.all<DeliveryRow>(
    `SELECT ${COLUMNS} FROM webhook_deliveries
     WHERE tenant_id = ? AND status = 'pending' AND next_attempt_at <= ?
     ORDER BY next_attempt_at, id LIMIT ?`,
    [tenantId, isoTime(now), pageSize(limit, PAGE_CAP, PAGE_CAP)],
  );
  return rows.map(toDelivery);
}

/** Counts an attempt and records its outcome; a delivery of another tenant is left alone. */
export async function recordDeliveryAttempt(
  { db }: StoreContext,
  tenantId: string,
  id: number,
  outcome: {
    status: WebhookDelivery['status'];
    nextAttemptAt: string;
    statusCode?: number;
    error?: string;
    at: string;
  },
): Promise<void> {
  await db.run(
    `UPDATE webhook_deliveries
     SET attempts = attempts + 1, status = ?, next_attempt_at = ?, last_status_code = ?,
         last_error = ?, updated_at = ?
     WHERE tenant_id = ? AND id = ?`,
    [
      outcome.status,
      isoTime(outcome.nextAttemptAt),
      outcome.statusCode,
      outcome.error,
      isoTime(outcome.at),
      tenantId,
      id,
    ],
  );
}

/** A webhook's deliveries, newest first. */
export async function listDeliveries(
  { db }: StoreContext,
  tenantId: string,
  webhookId: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  const rows = await db.all<DeliveryRow>(
    `SELECT ${COLUMNS} FROM webhook_deliveries WHERE tenant_id = ? AND webhook_id = ?
     ORDER BY id DESC LIMIT ?`,
    [tenantId, webhookId, pageSize(limit, PAGE_CAP, PAGE_CAP)],
  );
  return rows.map(toDelivery);
}
