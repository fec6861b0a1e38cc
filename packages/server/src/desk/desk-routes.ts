// What the agent desktop reads and writes besides the agent actions: the context of a contact
// (the queue's script, the customer's previous contacts with this client, the contact's note),
// the note itself, where a contact may be transferred, and an agent's own figures for today.
import { buildReport } from '@relais/reports';
import {
  ContactNoteBody,
  IdParams,
  type AgentToday,
  type ContactContext,
  type ContactNoteView,
  type CustomerContactView,
  type TransferTargets,
} from '@relais/protocol';
import type { ContactNote, LoggedEvent } from '@relais/store';
import type { Principal } from '../auth/principal.ts';
import { canSeeQueue } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { route, type AnyRoute } from '../http/route.ts';
import type { ReportProjector } from '../reports/report-projector.ts';
import { zoneFor } from '../reports/report-routes.ts';
import { agentInScope } from '../routes/agent-actions.ts';
import { loadContact } from '../routes/contact-routes.ts';
import { foldContact } from '../routes/contact-view.ts';
import { customerKeyOf } from '../routes/customer-key.ts';

/** Who works contacts: client viewers see neither notes nor customers. */
const DESK = ['admin', 'supervisor', 'planner', 'agent'] as const;
const HISTORY_LIMIT = 20;

const noteView = (note: ContactNote): ContactNoteView => ({
  contactId: note.contactId,
  text: note.text,
  author: note.author,
  updatedAt: note.updatedAt,
});

/** One earlier contact, folded from its events with its talk and wrap-up time. */
function pastContact(contactId: string, events: readonly LoggedEvent[]): CustomerContactView {
  const view = foldContact(contactId, events);
  let talkMs: number | undefined;
  let wrapUpMs: number | undefined;
  for (const event of events) {
    const body = event.body as { talkMs?: number; holdMs?: number; wrapMs?: number };
    if (event.type === 'contactEnded' || event.type === 'contactTransferred') {
      if (typeof body.talkMs === 'number')
        talkMs = (talkMs ?? 0) + body.talkMs + (body.holdMs ?? 0);
    }
    if (event.type === 'contactCompleted' && typeof body.wrapMs === 'number')
      wrapUpMs = (wrapUpMs ?? 0) + body.wrapMs;
  }
  return {
    contactId,
    arrivedAtMs: view?.arrivedAtMs ?? 0,
    queueId: view?.queueId ?? '',
    state: view?.state ?? 'unknown',
    ...(view?.channel === undefined ? {} : { channel: view.channel }),
    ...(view?.agentId === undefined ? {} : { agentId: view.agentId }),
    ...(view?.dispositionId === undefined ? {} : { dispositionId: view.dispositionId }),
    ...(talkMs === undefined ? {} : { talkMs }),
    ...(wrapUpMs === undefined ? {} : { wrapUpMs }),
  };
}

async function customerHistory(
  context: ServerContext,
  p: Principal,
  contactId: string,
  clientId: string,
  customerKey: string,
): Promise<CustomerContactView[]> {
  const runtime = await context.tenants.get(p.tenantId);
  const links = await context.store.customerContacts(p.tenantId, {
    clientId,
    customerKey,
    limit: HISTORY_LIMIT + 1,
  });
  const history: CustomerContactView[] = [];
  for (const link of links) {
    if (link.contactId === contactId) continue;
    const events = await context.store.readEvents(p.tenantId, {
      contactId: link.contactId,
      limit: 1000,
    });
    // A link whose command failed has no events: nothing happened, nothing to show.
    if (events.length === 0) continue;
    const past = pastContact(link.contactId, events);
    // Supervisors see their queues' contacts; an agent serving the client sees the client's.
    if (p.role === 'supervisor') {
      const queue = runtime.directory.queue(past.queueId);
      if (queue === undefined || !canSeeQueue(p, queue)) continue;
    }
    history.push(past);
  }
  return history.slice(0, HISTORY_LIMIT);
}

export function deskRoutes(context: ServerContext, projector: ReportProjector): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/contacts/:id/context',
      summary:
        "What an agent reads beside a contact: its queue's script, the customer's previous contacts with this client, its note",
      tag: 'agent desktop',
      roles: DESK,
      params: IdParams,
      responses: {
        200: { description: 'the context' },
        404: { description: 'unknown contact, or not yours to see' },
      },
      async handler({ principal, params }) {
        const view = await loadContact(context, principal, params.id);
        const runtime = await context.tenants.get(principal.tenantId);
        const queue = await context.store.getConfig<{ script?: string }>(
          principal.tenantId,
          'queue',
          view.queueId,
        );
        const [arrived] = await context.store.readEvents(principal.tenantId, {
          contactId: params.id,
          types: ['contactArrived'],
          limit: 1,
        });
        const callbackNumber = (arrived?.body as { callbackNumber?: string } | undefined)
          ?.callbackNumber;
        const customerKey = customerKeyOf(view.attributes, callbackNumber);
        const clientId = runtime.directory.clientOfQueue(view.queueId);
        const note = await context.store.getContactNote(principal.tenantId, params.id);
        const answer: ContactContext = {
          contactId: params.id,
          queueId: view.queueId,
          ...(queue?.data.script === undefined ? {} : { script: queue.data.script }),
          ...(customerKey === undefined ? {} : { customerKey }),
          history:
            customerKey === undefined || clientId === undefined
              ? []
              : await customerHistory(context, principal, params.id, clientId, customerKey),
          ...(note === undefined ? {} : { note: noteView(note) }),
        };
        return answer;
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/contacts/:id/note',
      summary: "Write the contact's note (one per contact, replaced; kept after it ends)",
      tag: 'agent desktop',
      roles: ['admin', 'supervisor', 'agent'],
      params: IdParams,
      body: ContactNoteBody,
      responses: {
        200: { description: 'the note as saved' },
        400: { description: 'text missing or longer than 10,000 characters' },
        404: { description: 'unknown contact, or not yours to see' },
      },
      async handler({ principal, params, body }) {
        await loadContact(context, principal, params.id);
        const user = principal.actor.startsWith('user:')
          ? await context.store.getUser(principal.tenantId, principal.actor.slice('user:'.length))
          : undefined;
        const note = await context.store.putContactNote(principal.tenantId, {
          contactId: params.id,
          text: body.text,
          author: user?.username ?? principal.actor,
        });
        return noteView(note);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/contacts/:id/transfer-targets',
      summary:
        "Where a contact may be transferred: its client's other queues, and the logged-in agents of the caller's site",
      tag: 'agent desktop',
      roles: ['admin', 'supervisor', 'agent'],
      params: IdParams,
      responses: {
        200: { description: 'queues and agents' },
        404: { description: 'unknown contact, or not yours to see' },
      },
      async handler({ principal, params }) {
        const view = await loadContact(context, principal, params.id);
        const runtime = await context.tenants.get(principal.tenantId);
        const { directory, engine } = runtime;
        const clientId = directory.clientOfQueue(view.queueId);
        const queues = (clientId === undefined ? [] : directory.queuesOfClient(clientId))
          .filter((id) => id !== view.queueId)
          .map((id) => ({ id }));
        const self = principal.scope.agentId;
        const site =
          principal.role === 'agent'
            ? self === undefined
              ? undefined
              : directory.siteOfAgent(self)
            : view.agentId === undefined
              ? undefined
              : directory.siteOfAgent(view.agentId);
        const names = new Map(
          (
            await context.store.listConfig<{ name?: string }>(principal.tenantId, 'agent', {
              limit: 1000,
            })
          ).map((row) => [row.id, row.data.name]),
        );
        const agents = (site === undefined ? [] : directory.agentsOfSite(site))
          .filter((id) => id !== self && id !== view.agentId)
          .map((id) => {
            const name = names.get(id);
            return {
              id,
              state: engine.agentStatus(id).state,
              ...(name === undefined ? {} : { name }),
            };
          })
          .filter((agent) => agent.state !== 'loggedOut');
        const answer: TransferTargets = { queues, agents };
        return answer;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/agents/:id/today',
      summary:
        "An agent's day so far in its site's time zone: handled, AHT, occupancy, pauses (agents: their own only)",
      tag: 'agent desktop',
      roles: ['admin', 'supervisor', 'planner', 'agent'],
      params: IdParams,
      responses: {
        200: { description: 'the figures' },
        404: { description: 'unknown agent, or not yours' },
      },
      async handler({ principal, params }) {
        await agentInScope(context, principal, params.id);
        const runtime = await context.tenants.get(principal.tenantId);
        const siteId = runtime.directory.siteOfAgent(params.id);
        const site =
          siteId === undefined
            ? undefined
            : await context.store.getConfig<{ timeZone?: string }>(
                principal.tenantId,
                'site',
                siteId,
              );
        const zone = await zoneFor(context, principal.tenantId, site?.data.timeZone);
        const nowMs = context.clock();
        const day = zone.label(nowMs).slice(0, 10);
        const fromMs = zone.fromLocal(day);
        const toMs = zone.fromLocal(nextDay(day));
        const read = await projector.rows(principal.tenantId, {
          dimension: 'agent',
          fromMs,
          toMs,
          nowMs,
        });
        const report = buildReport(
          {
            dimension: 'agent',
            fromMs,
            toMs,
            intervalMinutes: 60,
            zone: zone.name,
            ids: [params.id],
          },
          read.rows,
          read.pauses,
          read.ruleOf,
        );
        const total = report.totals.find((t) => t.id === params.id);
        const counters = total?.counters;
        const pauseSeconds = total?.pauseSeconds ?? {};
        const answer: AgentToday = {
          agentId: params.id,
          day,
          zone: zone.name,
          handled: counters?.handled ?? 0,
          ahtSeconds: total?.kpis.ahtSeconds ?? null,
          talkSeconds: ((counters?.talkMs ?? 0) + (counters?.holdMs ?? 0)) / 1000,
          occupancy: total?.kpis.occupancy ?? null,
          loggedInSeconds: (counters?.loggedInMs ?? 0) / 1000,
          pausedSeconds: (counters?.pausedMs ?? 0) / 1000,
          pauseSeconds,
          missedOffers: runtime.engine.agentStatus(params.id).missedOffers,
        };
        return answer;
      },
    }),
  ];
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
