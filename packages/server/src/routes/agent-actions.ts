// The agent actions, defined once for their two doors: REST (/api/v1/agents/:id/<action>) and
// the stream socket an agent desktop already holds. Agents act for themselves only; supervisors
// for the agents of their sites; admins for anyone.
import { randomUUID } from 'node:crypto';
import type { Command, EngineEvent } from '@relais/engine';
import {
  AgentCallback,
  AgentTransfer,
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
import { customerKeyOf } from './customer-key.ts';
import { foldContact } from './contact-view.ts';

export const ACTORS = ['admin', 'supervisor', 'agent'] as const;

export interface AgentAction<B> {
  summary: string;
  body: z.ZodType<B>;
  toCommand: (agentId: string, body: B) => Command;
  /** The contact the agent must hold: an agent cannot finish someone else's call. */
  contactOf?: (body: B) => string;
  /**
   * The command, when it needs the server's data (the contact's queue and customer) and checks
   * beyond the engine's; used instead of toCommand.
   */
  prepare?: (action: PreparedAction, body: B) => Promise<Command>;
}

/** What `prepare` may use: who acts, for which agent, and the server. */
export interface PreparedAction {
  context: ServerContext;
  principal: Principal;
  agentId: string;
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
  hold: action({
    summary: 'Put the conversation on hold (a call: the caller hears music)',
    body: ContactBody,
    toCommand: (_agentId, body) => ({ type: 'hold', contactId: body.contactId }),
    contactOf: (body) => body.contactId,
  }),
  resume: action({
    summary: 'Take the conversation off hold',
    body: ContactBody,
    toCommand: (_agentId, body) => ({ type: 'retrieve', contactId: body.contactId }),
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
  transfer: action({
    summary:
      'Transfer the conversation to another queue of its client, or to an agent (of my site, for an agent)',
    body: AgentTransfer,
    toCommand: (_agentId, body) => transferCommand(body),
    contactOf: (body) => body.contactId,
    prepare: async ({ context, principal, agentId }, body) => {
      const { directory } = await context.tenants.get(principal.tenantId);
      const held = await heldContact(context, principal, body.contactId);
      if ('queueId' in body) {
        sameClient(directory, held.queueId, body.queueId, 'queueId');
      } else {
        const site = directory.siteOfAgent(body.agentId);
        if (site === undefined) throw notFound('agent', body.agentId);
        if (body.agentId === agentId) throw invalidField('agentId', 'another agent than yourself');
        if (principal.role === 'agent' && site !== directory.siteOfAgent(agentId))
          throw invalidField('agentId', 'an agent of your site');
        if (
          principal.role === 'supervisor' &&
          !canSeeAgent(principal, { id: body.agentId, siteId: site })
        )
          throw notFound('agent', body.agentId);
      }
      return transferCommand(body);
    },
  }),
  callback: action({
    summary:
      "Schedule a callback to this contact's customer at a time (in its queue or another of its client's)",
    body: AgentCallback,
    toCommand: () => {
      throw new Error('callback is prepared');
    },
    contactOf: (body) => body.contactId,
    prepare: async ({ context, principal, agentId }, body) => {
      const { directory } = await context.tenants.get(principal.tenantId);
      const held = await heldContact(context, principal, body.contactId);
      const queueId = body.queueId ?? held.queueId;
      const clientId = sameClient(directory, held.queueId, queueId, 'queueId');
      const atMs = Date.parse(body.at);
      if (!(atMs > context.clock())) throw invalidField('at', 'a time in the future');
      const contactId = randomUUID();
      const attributes = { ...held.attributes, callbackOf: body.contactId };
      // The customer's history must list the callback: recorded before the command (a failed
      // command leaves a link to nothing, which the history skips).
      const customerKey = customerKeyOf(held.attributes, body.number);
      if (customerKey !== undefined) {
        await context.store.addCustomerContact(principal.tenantId, {
          clientId,
          customerKey,
          contactId,
          atMs,
        });
      }
      return {
        type: 'arrive',
        contact: {
          contactId,
          queueId,
          channel: 'voice',
          attributes,
          callbackNumber: body.number,
          callbackAtMs: atMs,
          ...(body.mine === true ? { preferredAgentId: agentId } : {}),
        },
      };
    },
  }),
};

function transferCommand(body: AgentTransfer): Command {
  return {
    type: 'transfer',
    contactId: body.contactId,
    to: 'queueId' in body ? { queueId: body.queueId } : { agentId: body.agentId },
  };
}

const invalidField = (path: string, message: string): ApiError =>
  new ApiError(400, 'ValidationFailed', `${path}: ${message}`, [{ path, message }]);

/** The queue `to` when it serves the same client as `from`; its client id. */
function sameClient(
  directory: { clientOfQueue(queueId: string): string | undefined },
  from: string,
  to: string,
  field: string,
): string {
  const client = directory.clientOfQueue(from);
  if (client === undefined || directory.clientOfQueue(to) !== client)
    throw invalidField(field, `a queue of the same client as queue "${from}"`);
  return client;
}

async function heldContact(
  context: ServerContext,
  principal: Principal,
  contactId: string,
): Promise<{ queueId: string; attributes: Record<string, string> }> {
  const events = await context.store.readEvents(principal.tenantId, { contactId, limit: 1000 });
  const view = foldContact(contactId, events);
  if (view === undefined) throw notFound('contact', contactId);
  return { queueId: view.queueId, attributes: view.attributes ?? {} };
}

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
  const command =
    spec.prepare === undefined
      ? spec.toCommand(agentId, body)
      : await spec.prepare({ context, principal, agentId }, body);
  return runtime.execute(command);
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
