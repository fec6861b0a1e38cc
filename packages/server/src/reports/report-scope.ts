// Which entities of a report dimension a caller may see, by the same rules as the rest of the
// API: admins and planners everything; supervisors their sites, those sites' agents and the
// queues they serve; client viewers their client and its queues; agents themselves.
import type { Dimension } from '@relais/reports';
import type { ConfigKind, Store } from '@relais/store';
import { canSeeQueue } from '../auth/scope.ts';
import type { Principal } from '../auth/principal.ts';
import { forbidden } from '../http/errors.ts';

/** Every entity the caller may see in `dimension`, or 'all'. Throws 403 for a dimension not theirs. */
export async function visibleIds(
  store: Store,
  p: Principal,
  dimension: Dimension,
): Promise<ReadonlySet<string> | 'all'> {
  if (p.role === 'admin' || p.role === 'planner') return 'all';
  const refuse = () =>
    forbidden(
      `role ${p.role} may not read ${dimension} reports; ask for a dimension of your scope`,
    );
  switch (p.role) {
    case 'supervisor': {
      const sites = new Set(p.scope.siteIds ?? []);
      if (dimension === 'site') return sites;
      if (dimension === 'agent') {
        const agents = await all<{ siteId: string }>(store, p.tenantId, 'agent');
        return new Set(agents.filter((a) => sites.has(a.data.siteId)).map((a) => a.id));
      }
      if (dimension === 'queue') return seenQueues(store, p);
      throw refuse();
    }
    case 'clientViewer':
      if (dimension === 'client')
        return new Set(p.scope.clientId === undefined ? [] : [p.scope.clientId]);
      if (dimension === 'queue') return seenQueues(store, p);
      throw refuse();
    case 'agent':
      if (dimension === 'agent')
        return new Set(p.scope.agentId === undefined ? [] : [p.scope.agentId]);
      throw refuse();
    default:
      throw refuse();
  }
}

async function seenQueues(store: Store, p: Principal): Promise<ReadonlySet<string>> {
  const queues = await all<Parameters<typeof canSeeQueue>[1]>(store, p.tenantId, 'queue');
  return new Set(queues.filter((q) => canSeeQueue(p, q.data)).map((q) => q.id));
}

async function all<T>(store: Store, tenantId: string, kind: ConfigKind) {
  const out = [];
  for (let after: string | undefined; ;) {
    const page = await store.listConfig<T>(tenantId, kind, {
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    out.push(...page);
    if (page.length < 1000) return out;
    after = page.at(-1)?.id;
  }
}
