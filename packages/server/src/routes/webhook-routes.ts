// Deleting server-only configuration, and the webhook delivery log.
import { IdParams } from '@relais/protocol';
import { z } from 'zod';
import { audit } from '../audit.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';

export function webhookRoutes(context: ServerContext): AnyRoute[] {
  const { store } = context;
  return [
    route({
      method: 'GET',
      url: '/api/v1/webhooks/:id/deliveries',
      summary: 'The delivery log of a webhook, newest first: attempts, status, last answer',
      tag: 'configuration',
      roles: ['admin'],
      params: IdParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      responses: { 200: { description: 'deliveries' }, 404: { description: 'unknown webhook' } },
      async handler({ principal, params, query }) {
        if ((await store.getConfig(principal.tenantId, 'webhook', params.id)) === undefined)
          throw notFound('webhook', params.id);
        return { items: await store.listDeliveries(principal.tenantId, params.id, query.limit) };
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/webhooks/:id',
      summary: 'Remove a webhook (its delivery log stays)',
      tag: 'configuration',
      roles: ['admin'],
      params: IdParams,
      responses: { 200: { description: 'removed' }, 404: { description: 'unknown webhook' } },
      async handler({ principal, params }) {
        if (!(await store.deleteConfig(principal.tenantId, 'webhook', params.id)))
          throw notFound('webhook', params.id);
        context.webhooks.invalidate(principal.tenantId);
        await audit(context, principal, 'delete', `webhook:${params.id}`);
        return { ok: true };
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/clients/:id',
      summary: 'Remove a client that no queue uses',
      tag: 'configuration',
      roles: ['admin'],
      params: IdParams,
      responses: {
        200: { description: 'removed' },
        404: { description: 'unknown client' },
        409: { description: 'queues still use it' },
      },
      async handler({ principal, params }) {
        const queues = [];
        for (let after = ''; ;) {
          const page = await store.listConfig<{ clientId: string }>(principal.tenantId, 'queue', {
            after,
            limit: 1000,
          });
          queues.push(...page.filter((q) => q.data.clientId === params.id).map((q) => q.id));
          if (page.length < 1000) break;
          after = page.at(-1)?.id ?? after;
        }
        if (queues.length > 0) {
          throw new ApiError(
            409,
            'InUse',
            `client "${params.id}" is used by queue(s) ${queues.slice(0, 5).join(', ')}; move them to another client first`,
            { queues },
          );
        }
        if (!(await store.deleteConfig(principal.tenantId, 'client', params.id)))
          throw notFound('client', params.id);
        await audit(context, principal, 'delete', `client:${params.id}`);
        return { ok: true };
      },
    }),
  ];
}
