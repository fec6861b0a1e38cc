import { StoreError } from '../errors.ts';
import type { Session } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation } from '../sql/executor.ts';
import { isoTime } from '../sql/values.ts';

interface SessionRow {
  token_hash: string;
  user_id: string;
  tenant_id: string;
  csrf_token: string;
  expires_at: string | Date;
  created_at: string | Date;
}

const COLUMNS = 'token_hash, user_id, tenant_id, csrf_token, expires_at, created_at';

const toSession = (row: SessionRow): Session => ({
  tokenHash: row.token_hash,
  userId: row.user_id,
  tenantId: row.tenant_id,
  csrfToken: row.csrf_token,
  expiresAt: isoTime(row.expires_at),
  createdAt: isoTime(row.created_at),
});

/** Creates a session for a user of its tenant; any other pair is UnknownUser. */
export async function createSession(
  { db, now }: StoreContext,
  session: Omit<Session, 'createdAt'>,
): Promise<Session> {
  const created: Session = {
    ...session,
    expiresAt: isoTime(session.expiresAt),
    createdAt: isoTime(now()),
  };
  try {
    await db.run(`INSERT INTO sessions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`, [
      created.tokenHash,
      created.userId,
      created.tenantId,
      created.csrfToken,
      created.expiresAt,
      created.createdAt,
    ]);
  } catch (error) {
    if (isViolation(error, 'foreignKey')) {
      throw new StoreError('UnknownUser', `no user ${session.userId} in ${session.tenantId}`, {
        tenantId: session.tenantId,
        userId: session.userId,
      });
    }
    if (isViolation(error, 'unique')) {
      throw new StoreError('Duplicate', 'a session with this token exists');
    }
    throw error;
  }
  return created;
}

/** By token hash alone: the cookie names no tenant. The caller checks expiresAt. */
export async function getSession(
  { db }: StoreContext,
  tokenHash: string,
): Promise<Session | undefined> {
  const row = await db.get<SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ?`, [
    tokenHash,
  ]);
  return row && toSession(row);
}

export async function deleteSession({ db }: StoreContext, tokenHash: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
}

/** Deletes sessions of every tenant that expired before `now` (housekeeping). */
export async function deleteExpiredSessions({ db }: StoreContext, now: string): Promise<number> {
  return db.run('DELETE FROM sessions WHERE expires_at <= ?', [isoTime(now)]);
}

/** Ends every session of a user (password changed). */
export async function deleteSessionsOf(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
): Promise<number> {
  return db.run('DELETE FROM sessions WHERE tenant_id = ? AND user_id = ?', [tenantId, userId]);
}
