// What the wallboard's drill-down and actions need beyond the existing routes: the contacts
// waiting in a queue, a supervisor raising a waiting contact's priority, and changing an agent's
// skills.
import { IdParams, RaisePriority, SetAgentSkills, type QueueContacts } from '@relais/protocol';
import { audit } from '../audit.ts';
import { canSeeAgent, canSeeQueue } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { loadContact } from '../routes/contact-routes.ts';

interface StoredAgent {
  id: string;
  siteId: string;
  skills: Record<string, number>;
}

export function wallboardRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/queues/:id/contacts',
      summary: 'The contacts waiting in a queue, first in line first',
      tag: 'real-time',
      roles: ['admin', 'supervisor', 'planner'],
      params: IdParams,
      responses: {
        200: { description: 'the waiting contacts' },
        404: { description: 'unknown queue, or not yours' },
      },
      async handler({ principal, params }): Promise<QueueContacts> {
        const runtime = await context.tenants.get(principal.tenantId);
        const queue = runtime.directory.queue(params.id);
        if (queue === undefined || !canSeeQueue(principal, queue))
          throw notFound('queue', params.id);
        const state = runtime.engine.inspect();
        const byId = new Map(state.contacts.map((c) => [c.id, c]));
        const waiting = state.queues.find((q) => q.id === params.id)?.waiting ?? [];
        return {
          queueId: params.id,
          atMs: runtime.engine.nowMs,
          contacts: waiting.flatMap((id, index) => {
            const contact = byId.get(id);
            return contact === undefined
              ? []
              : [
                  {
                    id,
                    position: index + 1,
                    state: contact.state,
                    channel: contact.channel,
                    priority: contact.priority,
                    waitingSinceMs: contact.enqueuedAtMs,
                  },
                ];
          }),
        };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/contacts/:id/raise-priority',
      summary: "Raise (or, negative, lower) a waiting contact's priority",
      tag: 'contacts',
      roles: ['admin', 'supervisor'],
      params: IdParams,
      body: RaisePriority,
      responses: {
        200: { description: 'done; the events it caused' },
        400: { description: 'invalid body' },
        404: { description: 'unknown contact, or not yours' },
        409: { description: 'the contact is not waiting' },
      },
      async handler({ principal, params, body }) {
        // A supervisor's contacts are those of the queues it sees (loadContact checks).
        await loadContact(context, principal, params.id);
        const runtime = await context.tenants.get(principal.tenantId);
        const events = await runtime.execute({
          type: 'raisePriority',
          contactId: params.id,
          by: body.by,
        });
        return { events };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/agents/:id/skills',
      summary: "Replace an agent's skills (supervisors: agents of their sites)",
      tag: 'agents',
      roles: ['admin', 'supervisor'],
      params: IdParams,
      body: SetAgentSkills,
      responses: {
        200: { description: 'the agent, with its new skills' },
        400: { description: 'invalid body, or an unknown skill' },
        404: { description: 'unknown agent, or not yours' },
      },
      // The row is read and written back whole, so the read and the write happen in the row's
      // turn (TEL30): a concurrent config write of the agent (its SIP user, site, capacity) is
      // either over before the read or waits for the write, and is never undone.
      handler: ({ principal, params, body }) =>
        context.configWrites.serialize(
          { tenantId: principal.tenantId, kind: 'agent', id: params.id },
          async () => {
            const row = await context.store.getConfig<StoredAgent>(
              principal.tenantId,
              'agent',
              params.id,
            );
            if (row === undefined || !canSeeAgent(principal, row.data))
              throw notFound('agent', params.id);
            const runtime = await context.tenants.get(principal.tenantId);
            const data = { ...row.data, skills: body.skills };
            // The stored row changes in the same transaction as the command; its SIP user is
            // the one read above, which the claims are kept in step with.
            await context.phoneClaims.track(
              principal.tenantId,
              'agent',
              [{ id: params.id, data }],
              () =>
                runtime.execute(
                  { type: 'setAgentSkills', agentId: params.id, skills: body.skills },
                  { config: [{ kind: 'agent', id: params.id, data }] },
                ),
            );
            await audit(context, principal, 'update', `agent:${params.id}`, {
              skills: body.skills,
            });
            return data;
          },
        ),
    }),
  ];
}
