// Real-time state from the live engine, and the event history from the log.
import { Id, IdParams } from '@relais/protocol';
import { z } from 'zod';
import { canSeeEvent, canSeeQueue, canSeeSite } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { defined } from '../http/defined.ts';
import { notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';

const WATCHERS = ['admin', 'supervisor', 'planner', 'clientViewer'] as const;

const History = z.object({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  type: z.string().max(64).optional(),
  contactId: Id.optional(),
  agentId: Id.optional(),
  queueId: Id.optional(),
});

export function realtimeRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/queues/:id/status',
      summary: 'Waiting contacts, agents, estimated wait and live service level of a queue',
      tag: 'real-time',
      roles: WATCHERS,
      params: IdParams,
      responses: {
        200: { description: 'the status' },
        404: { description: 'unknown queue, or not yours' },
      },
      async handler({ principal, params }) {
        const queue = await context.store.getConfig<{
          clientId: string;
          sites?: string[];
          homeSiteId?: string;
        }>(principal.tenantId, 'queue', params.id);
        if (queue === undefined || !canSeeQueue(principal, queue.data))
          throw notFound('queue', params.id);
        return (await context.tenants.get(principal.tenantId)).engine.queueStatus(params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/sites/:id/status',
      summary: 'Agents of a site by state, against its positions',
      tag: 'real-time',
      roles: ['admin', 'supervisor', 'planner'],
      params: IdParams,
      responses: {
        200: { description: 'the status' },
        404: { description: 'unknown site, or not yours' },
      },
      async handler({ principal, params }) {
        const site = await context.store.getConfig(principal.tenantId, 'site', params.id);
        if (site === undefined || !canSeeSite(principal, params.id))
          throw notFound('site', params.id);
        return (await context.tenants.get(principal.tenantId)).engine.siteStatus(params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/events',
      summary: 'Event history in sequence order, paged with ?afterSeq=<last seq>',
      tag: 'events',
      roles: ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'],
      query: History,
      responses: { 200: { description: 'events you may see, and the seq to continue after' } },
      async handler({ principal, query }) {
        const { type, ...filters } = query;
        // Scoped readers page through the log with the filter pushed down to the database.
        const rows = await context.store.readEvents(principal.tenantId, {
          ...defined(filters),
          ...(type === undefined ? {} : { types: [type] }),
          ...(principal.role === 'clientViewer'
            ? { clientId: principal.scope.clientId ?? '-' }
            : {}),
          ...(principal.role === 'agent' ? { agentId: principal.scope.agentId ?? '-' } : {}),
        });
        const directory = (await context.tenants.get(principal.tenantId)).directory;
        const queueOf = (id: string): ReturnType<typeof directory.queue> => directory.queue(id);
        const events = rows
          .filter((row) => canSeeEvent(principal, row.refs, queueOf))
          .map((row) => row.body);
        const last = rows.at(-1);
        return { events, nextAfterSeq: last?.seq ?? query.afterSeq };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/engine/snapshot',
      summary: "The routing engine's whole state, canonical (for support and recovery checks)",
      tag: 'operations',
      roles: ['admin'],
      responses: { 200: { description: 'agents, contacts and queues as the engine holds them' } },
      async handler({ principal }) {
        return (await context.tenants.get(principal.tenantId)).engine.inspect();
      },
    }),
  ];
}
