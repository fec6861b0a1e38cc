import { StoreError } from '../errors.ts';
import type { Tenant } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation } from '../sql/executor.ts';
import { isoTime } from '../sql/values.ts';

interface TenantRow {
  id: string;
  name: string;
  created_at: string | Date;
}

const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  createdAt: isoTime(row.created_at),
});

export async function createTenant(
  { db, now }: StoreContext,
  tenant: Omit<Tenant, 'createdAt'>,
): Promise<Tenant> {
  const created: Tenant = { id: tenant.id, name: tenant.name, createdAt: isoTime(now()) };
  try {
    await db.run('INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)', [
      created.id,
      created.name,
      created.createdAt,
    ]);
  } catch (error) {
    if (isViolation(error, 'unique')) {
      throw new StoreError('Duplicate', `tenant ${tenant.id} exists`, { tenantId: tenant.id });
    }
    throw error;
  }
  return created;
}

export async function getTenant({ db }: StoreContext, id: string): Promise<Tenant | undefined> {
  const row = await db.get<TenantRow>('SELECT id, name, created_at FROM tenants WHERE id = ?', [
    id,
  ]);
  return row && toTenant(row);
}

export async function listTenants({ db }: StoreContext): Promise<Tenant[]> {
  const rows = await db.all<TenantRow>('SELECT id, name, created_at FROM tenants ORDER BY id');
  return rows.map(toTenant);
}
