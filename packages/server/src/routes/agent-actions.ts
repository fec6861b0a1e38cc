// The agent actions, defined once for their two doors: REST (/api/v1/agents/:id/<action>) and
// the stream socket an agent desktop already holds. Agents act for themselves only; supervisors
// for the agents of their sites; admins for anyone.
import type { Command, EngineEvent } from '@relais/engine';
import {
  Id,
  OfferAnswer,
  SetAgentState,
  SetDisposition,
  type AgentActionName,
} from '@relais/protocol';
import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { canSeeAgent } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';

export const ACTORS = ['admin', 'supervisor', 'agent'] as const;

export interface AgentAction<B> {
  summary: string;
  body: z.ZodType<B>;
  toCommand: (agentId: string, body: B) => Command;
  /** The contact the agent must hold: an agent cannot finish someone else's call. */
  contactOf?: (body: B) => string;
}

// The table holds actions of different bodies; each is checked against its own schema first.
export type AnyAgentAction = AgentAction<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const action = <B>(spec: AgentAction<B>): AgentAction<B> => spec;
const Empty = z.strictObject({});
const ContactBody = z.strictObject({ contactId: Id });

export const AGENT_ACTION_SPECS: Record<AgentActionName, AnyAgentAction> = {
  login: action({
    summary: 'Log in',
    body: Empty,
    toCommand: (agentId) => ({ type: 'login', agentId }),
  }),
  logout: action({
    summary: 'Log out (refused while holding contacts)',
    body: Empty,
    toCommand: (agentId) => ({ type: 'logout', agentId }),
  }),
  state: action({
    summary: 'Become available, or pause with a reason code',
    body: SetAgentState,
    toCommand: (agentId, body) =>
      body.state === 'available'
        ? { type: 'makeAvailable', agentId }
        : { type: 'pause', agentId, reason: body.reason },
  }),
  accept: action({
    summary: 'Accept the offer of a contact',
    body: OfferAnswer,
    toCommand: (agentId, body) => ({ type: 'accept', agentId, contactId: body.contactId }),
  }),
  reject: action({
    summary: 'Reject the offer of a contact (it goes back to its place)',
    body: OfferAnswer,
    toCommand: (agentId, body) => ({ type: 'decline', agentId, contactId: body.contactId }),
  }),
  complete: action({
    summary: 'End the conversation (wrap-up follows)',
    body: ContactBody,
    toCommand: (_agentId, body) => ({ type: 'end', contactId: body.contactId }),
    contactOf: (body) => body.contactId,
  }),
  'end-wrap-up': action({
    summary: 'End wrap-up',
    body: ContactBody,
    toCommand: (_agentId, body) => ({ type: 'endWrapUp', contactId: body.contactId }),
    contactOf: (body) => body.contactId,
  }),
  disposition: action({
    summary: 'Set the outcome of a contact',
    body: SetDisposition.extend({ contactId: Id }),
    toCommand: (_agentId, body) => ({
      type: 'setDisposition',
      contactId: body.contactId,
      dispositionId: body.dispositionId,
    }),
    contactOf: (body) => body.contactId,
  }),
};

/** Scope check from the engine's own configuration (the same rows as the store's, kept in memory). */
export async function agentInScope(
  context: ServerContext,
  p: Principal,
  agentId: string,
): Promise<void> {
  const siteId = (await context.tenants.get(p.tenantId)).directory.siteOfAgent(agentId);
  if (siteId === undefined || !canSeeAgent(p, { id: agentId, siteId }))
    throw notFound('agent', agentId);
}

/**
 * Runs an action whose body is already valid; resolves with its events once durable. Throws
 * the API's errors: 404 unknown agent or not yours, 409 not allowed now.
 */
export async function performAgentAction<B>(
  context: ServerContext,
  principal: Principal,
  agentId: string,
  spec: AgentAction<B>,
  body: B,
): Promise<EngineEvent[]> {
  if (!(ACTORS as readonly string[]).includes(principal.role))
    throw forbidden(`role ${principal.role} may not act for agents`);
  await agentInScope(context, principal, agentId);
  const runtime = await context.tenants.get(principal.tenantId);
  const contactId = spec.contactOf?.(body);
  if (
    contactId !== undefined &&
    !runtime.engine.agentStatus(agentId).contacts.some((c) => c.contactId === contactId)
  ) {
    throw new ApiError(
      409,
      'IllegalTransition',
      `agent "${agentId}" does not hold contact "${contactId}"`,
      { agentId, contactId },
    );
  }
  return runtime.execute(spec.toCommand(agentId, body));
}

/** The same from an unchecked body (the stream): a bad body is a 400 naming the field. */
export async function runAgentAction(
  context: ServerContext,
  principal: Principal,
  agentId: string,
  name: AgentActionName,
  body: unknown,
): Promise<EngineEvent[]> {
  const spec = AGENT_ACTION_SPECS[name];
  return performAgentAction(context, principal, agentId, spec, spec.body.parse(body));
}
