import { StoreError } from '../errors.ts';
import type { ApiKey, Role, Scope } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation } from '../sql/executor.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, isoTime, optionalIsoTime, toJson } from '../sql/values.ts';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  role: Role;
  scope: string;
  created_at: string | Date;
  revoked_at: string | Date | null;
}

const COLUMNS = 'id, tenant_id, name, secret_hash, role, scope, created_at, revoked_at';

function toApiKey(row: ApiKeyRow): ApiKey {
  const revokedAt = optionalIsoTime(row.revoked_at);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    secretHash: row.secret_hash,
    role: row.role,
    scope: fromJson<Scope>(row.scope),
    createdAt: isoTime(row.created_at),
    ...(revokedAt === undefined ? {} : { revokedAt }),
  };
}

export async function createApiKey(
  { db, now }: StoreContext,
  key: Omit<ApiKey, 'createdAt' | 'revokedAt'>,
): Promise<ApiKey> {
  const created: ApiKey = { ...key, createdAt: isoTime(now()) };
  try {
    await forTenant(key.tenantId, () =>
      db.run(`INSERT INTO api_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`, [
        key.id,
        key.tenantId,
        key.name,
        key.secretHash,
        key.role,
        toJson(key.scope, 'scope'),
        created.createdAt,
      ]),
    );
  } catch (error) {
    if (isViolation(error, 'unique')) {
      throw new StoreError('Duplicate', `api key ${key.id} exists`, { id: key.id });
    }
    throw error;
  }
  return created;
}

/** By id alone: the key the client sends carries its id, not its tenant. Revoked keys included. */
export async function getApiKey({ db }: StoreContext, id: string): Promise<ApiKey | undefined> {
  const row = await db.get<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`, [id]);
  return row && toApiKey(row);
}

export async function listApiKeys({ db }: StoreContext, tenantId: string): Promise<ApiKey[]> {
  const rows = await db.all<ApiKeyRow>(
    `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = ? ORDER BY id`,
    [tenantId],
  );
  return rows.map(toApiKey);
}

/** Revokes a live key; false when there is none of that id in the tenant, or it is revoked. */
export async function revokeApiKey(
  { db }: StoreContext,
  tenantId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const changed = await db.run(
    'UPDATE api_keys SET revoked_at = ? WHERE tenant_id = ? AND id = ? AND revoked_at IS NULL',
    [isoTime(at), tenantId, id],
  );
  return changed > 0;
}
