import type { Snapshot } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, toJson } from '../sql/values.ts';

/** Older snapshots are dropped past this many: recovery needs only the latest. */
const SNAPSHOTS_KEPT = 3;

/** Saves a snapshot (replacing one at the same command seq) and prunes old ones, atomically. */
export async function saveSnapshot(
  { db }: StoreContext,
  tenantId: string,
  snapshot: Snapshot,
): Promise<void> {
  const state = toJson(snapshot.state, 'snapshot state');
  await forTenant(tenantId, () =>
    db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO snapshots (tenant_id, command_seq, event_seq, at_ms, state) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, command_seq)
         DO UPDATE SET event_seq = excluded.event_seq, at_ms = excluded.at_ms, state = excluded.state`,
        [tenantId, snapshot.commandSeq, snapshot.eventSeq, snapshot.atMs, state],
      );
      await tx.run(
        `DELETE FROM snapshots WHERE tenant_id = ? AND command_seq NOT IN
           (SELECT command_seq FROM snapshots WHERE tenant_id = ? ORDER BY command_seq DESC LIMIT ?)`,
        [tenantId, tenantId, SNAPSHOTS_KEPT],
      );
    }),
  );
}

export async function latestSnapshot(
  { db }: StoreContext,
  tenantId: string,
): Promise<Snapshot | undefined> {
  const row = await db.get<{
    command_seq: number;
    event_seq: number;
    at_ms: number;
    state: string;
  }>(
    `SELECT command_seq, event_seq, at_ms, state FROM snapshots
     WHERE tenant_id = ? ORDER BY command_seq DESC LIMIT 1`,
    [tenantId],
  );
  return (
    row && {
      commandSeq: row.command_seq,
      eventSeq: row.event_seq,
      atMs: row.at_ms,
      state: fromJson(row.state),
    }
  );
}
