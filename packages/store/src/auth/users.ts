import { StoreError } from '../errors.ts';
import type { NewUser, Role, Scope, User } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation } from '../sql/executor.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, isoTime, optionalIsoTime, toJson } from '../sql/values.ts';

interface UserRow {
  tenant_id: string;
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  scope: string;
  failed_logins: number;
  locked_until: string | Date | null;
  locale: string | null;
  created_at: string | Date;
}

const COLUMNS =
  'tenant_id, id, username, password_hash, role, scope, failed_logins, locked_until, created_at';
const READ_COLUMNS = `${COLUMNS}, locale`;

function toUser(row: UserRow): User {
  const lockedUntil = optionalIsoTime(row.locked_until);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    passwordHash: row.password_hash,
    role: row.role,
    scope: fromJson<Scope>(row.scope),
    failedLogins: row.failed_logins,
    ...(lockedUntil === undefined ? {} : { lockedUntil }),
    ...(row.locale === null ? {} : { locale: row.locale }),
    createdAt: isoTime(row.created_at),
  };
}

/** Creates a user; a username taken in any tenant, or a user id taken in this one, is Duplicate. */
export async function createUser({ db, now }: StoreContext, user: NewUser): Promise<User> {
  const created: User = { ...user, failedLogins: 0, createdAt: isoTime(now()) };
  try {
    await forTenant(user.tenantId, () =>
      db.run(`INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?)`, [
        user.tenantId,
        user.id,
        user.username,
        user.passwordHash,
        user.role,
        toJson(user.scope, 'scope'),
        created.createdAt,
      ]),
    );
  } catch (error) {
    if (isViolation(error, 'unique')) {
      throw new StoreError('Duplicate', `username ${user.username} or user ${user.id} exists`, {
        username: user.username,
        userId: user.id,
      });
    }
    throw error;
  }
  return created;
}

export async function getUser(
  { db }: StoreContext,
  tenantId: string,
  id: string,
): Promise<User | undefined> {
  const row = await db.get<UserRow>(
    `SELECT ${READ_COLUMNS} FROM users WHERE tenant_id = ? AND id = ?`,
    [tenantId, id],
  );
  return row && toUser(row);
}

/** The one unscoped user lookup: logging in names no tenant. */
export async function findUserByUsername(
  { db }: StoreContext,
  username: string,
): Promise<User | undefined> {
  const row = await db.get<UserRow>(`SELECT ${READ_COLUMNS} FROM users WHERE username = ?`, [
    username,
  ]);
  return row && toUser(row);
}

export async function setUserAccess(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
  access: { role: string; scope: object },
): Promise<boolean> {
  return (
    (await db.run('UPDATE users SET role = ?, scope = ? WHERE tenant_id = ? AND id = ?', [
      access.role,
      toJson(access.scope, 'scope'),
      tenantId,
      userId,
    ])) > 0
  );
}

export async function listUsers({ db }: StoreContext, tenantId: string): Promise<User[]> {
  const rows = await db.all<UserRow>(
    `SELECT ${READ_COLUMNS} FROM users WHERE tenant_id = ? ORDER BY username`,
    [tenantId],
  );
  return rows.map(toUser);
}

export async function recordLoginFailure(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
  lockUntil?: string,
): Promise<void> {
  // Without lockUntil an existing lock stays as it is.
  await db.run(
    `UPDATE users SET failed_logins = failed_logins + 1, locked_until = COALESCE(?, locked_until)
     WHERE tenant_id = ? AND id = ?`,
    [optionalIsoTime(lockUntil) ?? null, tenantId, userId],
  );
}

export async function resetLoginFailures(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
): Promise<void> {
  await db.run(
    'UPDATE users SET failed_logins = 0, locked_until = NULL WHERE tenant_id = ? AND id = ?',
    [tenantId, userId],
  );
}

export async function setPassword(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.run('UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ?', [
    passwordHash,
    tenantId,
    userId,
  ]);
}

/** Removes a user; their sessions go with them (foreign key, ON DELETE CASCADE). */
export async function deleteUser(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
): Promise<boolean> {
  return (await db.run('DELETE FROM users WHERE tenant_id = ? AND id = ?', [tenantId, userId])) > 0;
}
