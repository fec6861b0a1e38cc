// What each role may see (issue: nobody sees what is not theirs). Tenants are separated before
// this: every lookup is made with the caller's tenant id.
import type { EventRefs } from '@relais/store';
import type { Principal } from './principal.ts';

const everything = (p: Principal): boolean => p.role === 'admin' || p.role === 'planner';

export function canSeeSite(p: Principal, siteId: string): boolean {
  if (everything(p)) return true;
  return p.role === 'supervisor' && (p.scope.siteIds ?? []).includes(siteId);
}

export function canSeeAgent(p: Principal, agent: { id: string; siteId: string }): boolean {
  if (p.role === 'agent') return p.scope.agentId === agent.id;
  return p.role !== 'clientViewer' && canSeeSite(p, agent.siteId);
}

/** Supervisors see the queues their sites may serve (all sites when the queue names none). */
export function canSeeQueue(
  p: Principal,
  queue: { clientId: string; sites?: string[] | undefined; homeSiteId?: string | undefined },
): boolean {
  if (everything(p)) return true;
  if (p.role === 'clientViewer') return p.scope.clientId === queue.clientId;
  if (p.role !== 'supervisor') return false;
  const mine = p.scope.siteIds ?? [];
  const served = queue.sites ?? (queue.homeSiteId === undefined ? undefined : [queue.homeSiteId]);
  return served === undefined || served.some((site) => mine.includes(site));
}

type QueueScope = Parameters<typeof canSeeQueue>[1];

/**
 * Supervisors see events of their sites, and events of a queue they see that name no site (a
 * contact waiting in a network-wide queue); agents their own; client viewers their client's.
 */
export function canSeeEvent(
  p: Principal,
  refs: EventRefs,
  queueOf: (id: string) => QueueScope | undefined,
): boolean {
  if (everything(p)) return true;
  switch (p.role) {
    case 'supervisor': {
      if (refs.siteId !== undefined && (p.scope.siteIds ?? []).includes(refs.siteId)) return true;
      if (refs.agentId !== undefined || refs.queueId === undefined) return false;
      const queue = queueOf(refs.queueId);
      return queue !== undefined && canSeeQueue(p, queue);
    }
    case 'agent':
      return refs.agentId !== undefined && refs.agentId === p.scope.agentId;
    case 'clientViewer':
      return refs.clientId !== undefined && refs.clientId === p.scope.clientId;
    default:
      return false;
  }
}
