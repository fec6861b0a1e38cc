// First start on an empty data directory: one tenant and one admin whose generated password is
// printed once. There is never a default password.
import { randomUUID } from 'node:crypto';
import type { Store } from '@relais/store';
import { generatePassword, hashPassword } from './auth/secrets.ts';

export interface BootstrapResult {
  tenantId: string;
  username: string;
  /** Present only when the admin was created now. */
  password?: string;
}

export async function bootstrap(
  store: Store,
  tenantName = 'default',
): Promise<BootstrapResult | undefined> {
  if ((await store.listTenants()).length > 0) return undefined;
  const tenant = await store.createTenant({ id: randomUUID(), name: tenantName });
  const password = generatePassword();
  await store.createUser({
    id: randomUUID(),
    tenantId: tenant.id,
    username: 'admin',
    passwordHash: await hashPassword(password),
    role: 'admin',
    scope: {},
  });
  return { tenantId: tenant.id, username: 'admin', password };
}
