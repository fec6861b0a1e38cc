import type { Store, Tenant } from '@relais/store';

/**
 * The tenant a command works on: the one named with --tenant, or the only one. Otherwise says
 * on stderr which tenants there are, and gives undefined (the command exits with 1).
 */
export async function findTenant(
  store: Store,
  name: string | undefined,
  command: string,
): Promise<Tenant | undefined> {
  const tenants = await store.listTenants();
  const tenant =
    name === undefined
      ? tenants.length === 1
        ? tenants[0]
        : undefined
      : tenants.find((t) => t.name === name);
  if (tenant === undefined) {
    const names = tenants.map((t) => t.name).join(', ') || 'none yet: run relais serve once';
    console.error(
      `relais ${command}: ${name === undefined ? 'name the tenant with --tenant' : `no tenant "${name}"`} (tenants: ${names})`,
    );
  }
  return tenant;
}
