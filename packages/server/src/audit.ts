import type { Principal } from './auth/principal.ts';
import type { ServerContext } from './context.ts';

/** Records an admin action or an export in the tenant's audit log. */
export async function audit(
  context: ServerContext,
  principal: Principal,
  action: string,
  target: string,
  details: unknown = {},
): Promise<void> {
  await context.store.appendAudit(principal.tenantId, {
    actor: principal.actor,
    action,
    target,
    details,
  });
}
