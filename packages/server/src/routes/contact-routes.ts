// Contacts: created by an IVR or another system (idempotent), then cancelled, abandoned,
// transferred or turned into callbacks; read back with their state and why they wait.
import { createHash, randomUUID } from 'node:crypto';
import type { Command, EngineEvent } from '@relais/engine';
import {
  CancelContact,
  CreateContact,
  IdParams,
  RequestCallback,
  TransferContact,
} from '@relais/protocol';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { canSeeQueue } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { foldContact, type ContactView } from './contact-view.ts';
import { customerKeyOf } from './customer-key.ts';

const WRITERS = ['admin', 'supervisor'] as const;
const READERS = ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'] as const;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

async function queueVisible(
  context: ServerContext,
  p: Principal,
  queueId: string,
): Promise<boolean> {
  // The engine's configuration of the queue: the same as the stored row, and in memory.
  const queue = (await context.tenants.get(p.tenantId)).directory.queue(queueId);
  return queue !== undefined && canSeeQueue(p, queue);
}

async function visibleQueue(context: ServerContext, p: Principal, queueId: string): Promise<void> {
  if (!(await queueVisible(context, p, queueId))) throw notFound('queue', queueId);
}

/**
 * The contact's view, or 404 when it does not exist or the caller may not see it: agents see the
 * contacts offered to them, others the contacts of queues they see.
 */
export async function loadContact(
  context: ServerContext,
  p: Principal,
  id: string,
): Promise<ContactView> {
  const events = await context.store.readEvents(p.tenantId, { contactId: id, limit: 1000 });
  const view = foldContact(id, events);
  const visible =
    view !== undefined &&
    (p.role === 'agent'
      ? events.some((event) => event.refs.agentId === p.scope.agentId)
      : await queueVisible(context, p, view.queueId));
  if (!visible) throw notFound('contact', id);
  return view;
}

/**
 * Records a created contact under its customer (customer-key.ts) and client, for the customer's
 * history beside the next offer. Once per contact: a replay changes nothing.
 */
async function linkCustomer(
  context: ServerContext,
  p: Principal,
  contactId: string,
  body: {
    queueId: string;
    attributes?: Record<string, string> | undefined;
    callbackNumber?: string | undefined;
  },
): Promise<void> {
  const customerKey = customerKeyOf(body.attributes, body.callbackNumber);
  const clientId = (await context.tenants.get(p.tenantId)).directory.clientOfQueue(body.queueId);
  if (customerKey === undefined || clientId === undefined) return;
  await context.store.addCustomerContact(p.tenantId, {
    clientId,
    customerKey,
    contactId,
    atMs: context.clock(),
  });
}

function created(id: string, events: EngineEvent[]): { status: number; body: unknown } {
  const arrived = events.find((e) => e.type === 'contactArrived' && e.contactId === id);
  const offered = events.find((e) => e.type === 'contactOffered' && e.contactId === id);
  const queued = events.find((e) => e.type === 'contactQueued' && e.contactId === id);
  return {
    status: 201,
    body: {
      id,
      queueId: arrived?.type === 'contactArrived' ? arrived.queueId : undefined,
      state: offered === undefined ? (queued === undefined ? 'arrived' : 'queued') : 'offered',
      ...(queued?.type === 'contactQueued' ? { position: queued.position } : {}),
      ...(offered?.type === 'contactOffered' ? { agentId: offered.agentId } : {}),
      seq: events.at(-1)?.seq,
    },
  };
}

export function contactRoutes(context: ServerContext): AnyRoute[] {
  const act = (
    url: string,
    summary: string,
    body: z.ZodType,
    toCommand: (id: string, body: never) => Command,
  ): AnyRoute =>
    route({
      method: 'POST',
      url: `/api/v1/contacts/:id/${url}`,
      summary,
      tag: 'contacts',
      roles: WRITERS,
      params: IdParams,
      body,
      responses: {
        200: { description: 'done; the events it caused' },
        404: { description: 'unknown contact' },
        409: { description: 'not allowed in its state' },
      },
      async handler({ principal, params, body: input }) {
        const view = await loadContact(context, principal, params.id);
        await visibleQueue(context, principal, view.queueId);
        const runtime = await context.tenants.get(principal.tenantId);
        const events = await runtime.execute(toCommand(params.id, input as never));
        return { events };
      },
    });

  return [
    route({
      method: 'POST',
      url: '/api/v1/contacts',
      summary: 'Create an inbound contact (send Idempotency-Key so a retry never creates two)',
      tag: 'contacts',
      roles: WRITERS,
      body: CreateContact,
      headers: {
        'Idempotency-Key':
          'any unique string up to 200 characters; a retry with the same key and body gets the first answer',
      },
      responses: {
        201: { description: 'accepted and durable' },
        400: { description: 'invalid body' },
        404: { description: 'unknown queue, agent or site' },
        409: { description: 'a contact with this id exists' },
      },
      async handler({ principal, body, request, reply }) {
        await visibleQueue(context, principal, body.queueId);
        const keyHeader = request.headers['idempotency-key'];
        const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
        if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
          throw new ApiError(
            400,
            'ValidationFailed',
            'Idempotency-Key: 1 to 200 letters, digits or . _ : -',
          );
        }
        const { id: given, ...rest } = body;
        const id = given ?? randomUUID();
        const command: Command = {
          type: 'arrive',
          contact: { contactId: id, ...rest } as Extract<Command, { type: 'arrive' }>['contact'],
        };
        const runtime = await context.tenants.get(principal.tenantId);
        let answer: { status: number; body: unknown };
        if (key === undefined) {
          answer = created(id, await runtime.execute(command));
        } else {
          const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
          answer = await runtime.idempotent(key, requestHash, command, (events) =>
            created(id, events),
          );
        }
        // A created contact (or the replay of its creation) is recorded under its customer.
        const createdId = (answer.body as { id?: unknown }).id;
        if (answer.status === 201 && typeof createdId === 'string')
          await linkCustomer(context, principal, createdId, body);
        void reply.code(answer.status);
        return answer.body;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/contacts/:id',
      summary: "A contact's state, from its events",
      tag: 'contacts',
      roles: READERS,
      params: IdParams,
      responses: {
        200: { description: 'the contact' },
        404: { description: 'unknown contact, or not yours to see' },
      },
      async handler({ principal, params }) {
        return loadContact(context, principal, params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/contacts/:id/why-waiting',
      summary: 'Why this contact is still waiting, in plain words and numbers',
      tag: 'real-time',
      roles: ['admin', 'supervisor', 'planner'],
      params: IdParams,
      responses: {
        200: { description: 'the explanation' },
        404: { description: 'unknown contact' },
        409: { description: 'the contact is not waiting' },
      },
      async handler({ principal, params }) {
        const view = await loadContact(context, principal, params.id);
        await visibleQueue(context, principal, view.queueId);
        return (await context.tenants.get(principal.tenantId)).engine.whyWaiting(params.id);
      },
    }),
    act(
      'cancel',
      'Cancel a contact (the system withdraws it)',
      CancelContact,
      (contactId, body: z.infer<typeof CancelContact>) => ({
        type: 'cancel',
        contactId,
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      }),
    ),
    act('abandon', 'The caller hung up while waiting', z.strictObject({}), (contactId) => ({
      type: 'abandon',
      contactId,
    })),
    act(
      'transfer',
      'Transfer to a queue, an agent, or out of the system',
      TransferContact,
      (contactId, body: z.infer<typeof TransferContact>) =>
        'destination' in body
          ? { type: 'transferOut', contactId, destination: body.destination }
          : {
              type: 'transfer',
              contactId,
              to: 'queueId' in body ? { queueId: body.queueId } : { agentId: body.agentId },
            },
    ),
    act(
      'callback',
      'Turn a waiting contact into a callback (keeps its place, or at a time)',
      RequestCallback,
      (contactId, body: z.infer<typeof RequestCallback>) => ({
        type: 'requestCallback',
        contactId,
        number: body.number,
        ...(body.at === undefined ? {} : { atMs: Date.parse(body.at) }),
      }),
    ),
  ];
}
