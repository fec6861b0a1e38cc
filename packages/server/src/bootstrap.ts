// First start on an empty data directory: one tenant and one admin whose generated password is
// printed once. There is never a default password.
import { randomUUID } from 'node:crypto';
import type { Store } from '@relais/store';
import { generatePassword, hashPassword } from './auth/secrets.ts';

export interface BootstrapResult {
  tenantId: string;
  tenantName: string;
  username: string;
  password: string;
}

/** Creates the first tenant and its admin on an empty database; does nothing otherwise. */
export async function bootstrap(
  store: Store,
  tenantName = 'default',
): Promise<BootstrapResult | undefined> {
  if ((await store.listTenants()).length > 0) return undefined;
  return createAdmin(store, 'admin', tenantName);
}

/**
 * Creates an admin with a generated password in the named tenant (created if missing; when no
 * name is given, the only tenant, or "default" on an empty database).
 */
export async function createAdmin(
  store: Store,
  username: string,
  tenantName?: string,
): Promise<BootstrapResult> {
  const tenants = await store.listTenants();
  let tenant =
    tenantName === undefined
      ? tenants.length === 1
        ? tenants[0]
        : undefined
      : tenants.find((t) => t.name === tenantName);
  if (tenant === undefined) {
    if (tenantName === undefined && tenants.length > 1) {
      throw new Error(
        `there are ${tenants.length} tenants (${tenants.map((t) => t.name).join(', ')}); name one with --tenant`,
      );
    }
    tenant = await store.createTenant({ id: randomUUID(), name: tenantName ?? 'default' });
  }
  const password = generatePassword();
  await store.createUser({
    id: randomUUID(),
    tenantId: tenant.id,
    username: username.toLowerCase(),
    passwordHash: await hashPassword(password),
    role: 'admin',
    scope: {},
  });
  return { tenantId: tenant.id, tenantName: tenant.name, username, password };
}
