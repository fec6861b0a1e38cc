// Agent actions: log in and out, available or paused with a code, answer or refuse an offer,
// finish a contact, end wrap-up, set a disposition. Agents act for themselves only; supervisors
// for the agents of their sites; admins for anyone.
import type { Command } from '@relais/engine';
import { Id, IdParams, OfferAnswer, SetAgentState, SetDisposition } from '@relais/protocol';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { canSeeAgent } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';

const ACTORS = ['admin', 'supervisor', 'agent'] as const;

/** Scope check from the engine's own configuration (the same rows as the store's, kept in memory). */
async function agentInScope(context: ServerContext, p: Principal, agentId: string): Promise<void> {
  const siteId = (await context.tenants.get(p.tenantId)).directory.siteOfAgent(agentId);
  if (siteId === undefined || !canSeeAgent(p, { id: agentId, siteId }))
    throw notFound('agent', agentId);
}

/** The agent must hold the contact: an agent cannot finish someone else's call. */
function assertHolds(
  context: ServerContext,
  status: { contacts: { contactId: string }[] },
  agentId: string,
  contactId: string,
): void {
  if (!status.contacts.some((c) => c.contactId === contactId)) {
    throw new ApiError(
      409,
      'IllegalTransition',
      `agent "${agentId}" does not hold contact "${contactId}"`,
      { agentId, contactId },
    );
  }
  void context;
}

const ContactBody = z.strictObject({ contactId: Id });

export function agentRoutes(context: ServerContext): AnyRoute[] {
  const act = <B>(
    url: string,
    summary: string,
    body: z.ZodType<B>,
    toCommand: (agentId: string, body: B) => Command,
    contactOf?: (body: B) => string,
  ): AnyRoute =>
    route({
      method: url === 'state' ? 'PUT' : 'POST',
      url: `/api/v1/agents/:id/${url}`,
      summary,
      tag: 'agents',
      roles: ACTORS,
      params: IdParams,
      body,
      responses: {
        200: { description: 'done; the events it caused' },
        404: { description: 'unknown agent, or not yours' },
        409: { description: 'not allowed in the current state' },
      },
      async handler({ principal, params, body: input }) {
        await agentInScope(context, principal, params.id);
        const runtime = await context.tenants.get(principal.tenantId);
        if (contactOf !== undefined)
          assertHolds(context, runtime.engine.agentStatus(params.id), params.id, contactOf(input));
        return { events: await runtime.execute(toCommand(params.id, input)) };
      },
    });
  const empty = z.strictObject({});
  return [
    act('login', 'Log in', empty, (agentId) => ({ type: 'login', agentId })),
    act('logout', 'Log out (refused while holding contacts)', empty, (agentId) => ({
      type: 'logout',
      agentId,
    })),
    act('state', 'Become available, or pause with a reason code', SetAgentState, (agentId, body) =>
      body.state === 'available'
        ? { type: 'makeAvailable', agentId }
        : { type: 'pause', agentId, reason: body.reason },
    ),
    act('accept', 'Accept the offer of a contact', OfferAnswer, (agentId, body) => ({
      type: 'accept',
      agentId,
      contactId: body.contactId,
    })),
    act(
      'reject',
      'Reject the offer of a contact (it goes back to its place)',
      OfferAnswer,
      (agentId, body) => ({
        type: 'decline',
        agentId,
        contactId: body.contactId,
      }),
    ),
    act(
      'complete',
      'End the conversation (wrap-up follows)',
      ContactBody,
      (_agentId, body) => ({ type: 'end', contactId: body.contactId }),
      (b) => b.contactId,
    ),
    act(
      'end-wrap-up',
      'End wrap-up',
      ContactBody,
      (_agentId, body) => ({ type: 'endWrapUp', contactId: body.contactId }),
      (b) => b.contactId,
    ),
    act(
      'disposition',
      'Set the outcome of a contact',
      SetDisposition.extend({ contactId: Id }),
      (_agentId, body) => ({
        type: 'setDisposition',
        contactId: body.contactId,
        dispositionId: body.dispositionId,
      }),
      (b) => b.contactId,
    ),
    route({
      method: 'GET',
      url: '/api/v1/agents/:id/status',
      summary: "An agent's live state and the contacts it holds",
      tag: 'real-time',
      roles: ['admin', 'supervisor', 'planner', 'agent'],
      params: IdParams,
      responses: {
        200: { description: 'the status' },
        404: { description: 'unknown agent, or not yours' },
      },
      async handler({ principal, params }) {
        await agentInScope(context, principal, params.id);
        return (await context.tenants.get(principal.tenantId)).engine.agentStatus(params.id);
      },
    }),
  ];
}
