// The live dialer's writes (issue 8): each batch of its events in one transaction, so that a
// crash leaves a lead either before or after a step, never halfway (the server reconciles leads
// left dialing or connected at start).
import type { DialerWrite, LeadAttemptRecord } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import type { SqlExecutor } from '../sql/executor.ts';
import { isoTime } from '../sql/values.ts';
import { checkDialerWrite } from './dialer-write-checks.ts';
import { ATTEMPT_COLUMNS, toAttempt, type AttemptRow } from './lead-store.ts';

async function writeOne(
  tx: SqlExecutor,
  tenantId: string,
  write: DialerWrite,
  createdAt: string,
): Promise<void> {
  switch (write.kind) {
    case 'attempt': {
      const lead = await tx.get<{ campaign_id: string; phone_e164: string; client_id: string }>(
        `SELECT l.campaign_id, l.phone_e164, c.client_id FROM leads l
         JOIN campaigns c ON c.tenant_id = l.tenant_id AND c.id = l.campaign_id
         WHERE l.tenant_id = ? AND l.id = ?`,
        [tenantId, write.leadId],
      );
      if (lead === undefined) return;
      await tx.run(
        `INSERT INTO lead_attempts (tenant_id, lead_id, campaign_id, client_id, phone_e164, at_ms,
           outcome, agent_id, ring_seconds, note, call_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          tenantId,
          write.leadId,
          lead.campaign_id,
          lead.client_id,
          lead.phone_e164,
          write.atMs,
          write.outcome,
          write.agentId,
          write.ringSeconds,
          write.note,
          write.callId,
        ],
      );
      await tx.run(
        'UPDATE leads SET attempts = attempts + 1, last_outcome = ? WHERE tenant_id = ? AND id = ?',
        [write.outcome, tenantId, write.leadId],
      );
      return;
    }
    case 'disposition':
      await tx.run(
        `UPDATE lead_attempts SET disposition_id = ?, flag = ?,
           agent_id = COALESCE(?, agent_id), talk_seconds = COALESCE(?, talk_seconds)
         WHERE tenant_id = ? AND call_id = ?`,
        [write.dispositionId, write.flag, write.agentId, write.talkSeconds, tenantId, write.callId],
      );
      await tx.run('UPDATE leads SET last_outcome = ? WHERE tenant_id = ? AND id = ?', [
        write.flag,
        tenantId,
        write.leadId,
      ]);
      return;
    case 'leadState':
      await tx.run('UPDATE leads SET state = ?, next_at_ms = ? WHERE tenant_id = ? AND id = ?', [
        write.state,
        write.nextAtMs,
        tenantId,
        write.leadId,
      ]);
      return;
    case 'blocking':
      await tx.run(
        'UPDATE leads SET blocked_by = ?, dialable_at_ms = ? WHERE tenant_id = ? AND id = ?',
        [
          write.blockedBy,
          write.blockedBy === undefined ? null : write.dialableAtMs,
          tenantId,
          write.leadId,
        ],
      );
      return;
    case 'callback': {
      const lead = await tx.get<{ campaign_id: string }>(
        'SELECT campaign_id FROM leads WHERE tenant_id = ? AND id = ?',
        [tenantId, write.leadId],
      );
      if (lead === undefined) return;
      await tx.run(
        `INSERT INTO lead_callbacks (tenant_id, lead_id, campaign_id, at_ms, agent_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          tenantId,
          write.leadId,
          lead.campaign_id,
          write.atMs,
          write.agentId,
          write.createdBy,
          createdAt,
        ],
      );
      return;
    }
  }
}

export async function writeDialerBatch(
  { db, now }: StoreContext,
  tenantId: string,
  writes: readonly DialerWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  // All of them before the transaction: one bad write refuses the batch, as one failing statement did.
  for (const write of writes) checkDialerWrite(write);
  const createdAt = isoTime(now());
  await db.transaction(async (tx) => {
    for (const write of writes) await writeOne(tx, tenantId, write, createdAt);
  });
}

export async function attemptOfCall(
  { db }: StoreContext,
  tenantId: string,
  callId: string,
): Promise<LeadAttemptRecord | undefined> {
  const row = await db.get<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM lead_attempts WHERE tenant_id = ? AND call_id = ? ORDER BY id LIMIT 1`,
    [tenantId, callId],
  );
  return row && toAttempt(row);
}
