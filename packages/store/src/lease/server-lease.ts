// The store's lease (SPEC SL1–SL5): one row that says which process writes the store. Time is
// the caller's, so the rules are checked with a hand-moved clock on both dialects.
import {
  DEFAULT_LEASE_TTL_MS,
  type LeaseAttempt,
  type LeaseHolder,
  type LeaseTiming,
  type StoreLease,
} from '../port.ts';
import type { StoreContext } from '../sql/context.ts';

interface LeaseRow {
  holder_id: string;
  purpose: string;
  pid: number | string;
  host: string;
  started_at_ms: number | string;
  heartbeat_at_ms: number | string;
  expires_at_ms: number | string;
}

const COLUMNS = 'holder_id, purpose, pid, host, started_at_ms, heartbeat_at_ms, expires_at_ms';

const toLease = (row: LeaseRow): StoreLease => ({
  holderId: row.holder_id,
  purpose: row.purpose,
  pid: Number(row.pid),
  host: row.host,
  startedAtMs: Number(row.started_at_ms),
  heartbeatAtMs: Number(row.heartbeat_at_ms),
  expiresAtMs: Number(row.expires_at_ms),
});

const expiryOf = ({ nowMs, ttlMs = DEFAULT_LEASE_TTL_MS }: LeaseTiming): number => nowMs + ttlMs;

export async function readLease({ db }: StoreContext): Promise<StoreLease | undefined> {
  const row = await db.get<LeaseRow>(`SELECT ${COLUMNS} FROM server_lease WHERE id = 1`);
  return row && toLease(row);
}

export async function takeLease(
  context: StoreContext,
  holder: LeaseHolder,
  timing: LeaseTiming & { replacing?: string },
): Promise<LeaseAttempt> {
  const { db } = context;
  // One upsert decides, so two racing holders cannot both win: the loser's WHERE sees the
  // winner's row. The same holder taking it again keeps its start time.
  const sql = `INSERT INTO server_lease (id, ${COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      holder_id = excluded.holder_id, purpose = excluded.purpose, pid = excluded.pid,
      host = excluded.host, heartbeat_at_ms = excluded.heartbeat_at_ms,
      expires_at_ms = excluded.expires_at_ms,
      started_at_ms = CASE WHEN server_lease.holder_id = excluded.holder_id
        THEN server_lease.started_at_ms ELSE excluded.started_at_ms END
    WHERE server_lease.expires_at_ms <= ? OR server_lease.holder_id = excluded.holder_id
      OR server_lease.holder_id = ?
    RETURNING ${COLUMNS}`;
  const params = [
    holder.holderId,
    holder.purpose,
    holder.pid,
    holder.host,
    timing.nowMs,
    timing.nowMs,
    expiryOf(timing),
    timing.nowMs,
    timing.replacing ?? null,
  ];
  // A holder that releases between our upsert and our read leaves no row: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [taken] = await db.all<LeaseRow>(sql, params);
    if (taken !== undefined) return { taken: true, lease: toLease(taken) };
    const heldBy = await readLease(context);
    if (heldBy !== undefined) return { taken: false, heldBy };
  }
  throw new Error('the store lease changed hands three times while being taken');
}

export async function renewLease(
  { db }: StoreContext,
  holderId: string,
  timing: LeaseTiming,
): Promise<StoreLease | undefined> {
  const row = await db.get<LeaseRow>(
    `UPDATE server_lease SET heartbeat_at_ms = ?, expires_at_ms = ?
     WHERE id = 1 AND holder_id = ? RETURNING ${COLUMNS}`,
    [timing.nowMs, expiryOf(timing), holderId],
  );
  return row && toLease(row);
}

export async function releaseLease({ db }: StoreContext, holderId: string): Promise<boolean> {
  return (await db.run('DELETE FROM server_lease WHERE id = 1 AND holder_id = ?', [holderId])) > 0;
}
