// The agent desktop on a campaign's call (packages/protocol/src/outbound-desk.ts): the lead, the
// campaign's script and dispositions, and coding the call. The agent holding the contact may, and
// supervisors and admins of the tenant; other callers get 403, an unknown contact 404.
import { DialerInputError } from '@relais/dialer';
import {
  IdParams,
  OutboundContext,
  OutboundDispositionBody,
  type Campaign,
  type OutboundCallPhase,
} from '@relais/protocol';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { attemptView, leadView } from './campaign-views.ts';

/** Agents, and the supervisors and admins who look over their shoulder. */
const DESK = ['admin', 'supervisor', 'agent'] as const;
const HISTORY = 20;

interface OutboundCall {
  campaignId: string;
  leadId: string;
  phase: OutboundCallPhase;
  preview: boolean;
  dispositionId?: string;
}

/** A contact as a campaign call: live from the dialer, or (over) from the event log. */
async function findCall(
  context: ServerContext,
  p: Principal,
  contactId: string,
): Promise<OutboundCall> {
  const found = context.dialer.call(p.tenantId, contactId);
  if (found !== undefined) {
    if (p.role === 'agent') {
      const runtime = await context.tenants.get(p.tenantId);
      const self = p.scope.agentId;
      const holds =
        self !== undefined &&
        runtime.directory.siteOfAgent(self) !== undefined &&
        runtime.engine.agentStatus(self).contacts.some((c) => c.contactId === contactId);
      if (!holds) throw forbidden(`contact ${contactId} is not yours`);
    }
    return {
      campaignId: found.live.id,
      leadId: found.view.leadId,
      phase: found.view.phase,
      preview: found.view.agentFirst,
      ...(found.view.dispositionId === undefined
        ? {}
        : { dispositionId: found.view.dispositionId }),
    };
  }
  const events = await context.store.readEvents(p.tenantId, { contactId, limit: 1000 });
  if (events.length === 0) throw notFound('contact', contactId);
  const arrived = events.find((event) => event.type === 'contactArrived');
  const attributes = (arrived?.body as { attributes?: Record<string, string> } | undefined)
    ?.attributes;
  const campaignId = attributes?.['campaignId'];
  const leadId = attributes?.['leadId'];
  if (campaignId === undefined || leadId === undefined) {
    throw new ApiError(404, 'NotFound', `contact ${contactId} is not a campaign's call`, {
      id: contactId,
    });
  }
  if (p.role === 'agent' && !events.some((event) => event.refs.agentId === p.scope.agentId)) {
    throw forbidden(`contact ${contactId} is not yours`);
  }
  const attempt = await context.store.attemptOfCall(p.tenantId, contactId);
  return {
    campaignId,
    leadId,
    phase: 'ended',
    preview: attributes?.['preview'] === 'true',
    ...(attempt?.dispositionId === undefined ? {} : { dispositionId: attempt.dispositionId }),
  };
}

async function outboundContext(
  context: ServerContext,
  p: Principal,
  contactId: string,
): Promise<OutboundContext> {
  const call = await findCall(context, p, contactId);
  const campaign = await context.store.getCampaign<Campaign>(p.tenantId, call.campaignId);
  const lead = await context.store.getLead(p.tenantId, call.leadId);
  if (campaign === undefined || lead === undefined) {
    throw new ApiError(404, 'NotFound', `the campaign or lead of contact ${contactId} is gone`, {
      id: contactId,
    });
  }
  const attempts = await context.store.leadAttempts(p.tenantId, call.leadId);
  const earlier = attempts
    .filter((attempt) => attempt.callId !== contactId)
    .reverse()
    .slice(0, HISTORY);
  const { config } = campaign;
  return {
    contactId,
    campaignId: config.id,
    campaignName: config.name,
    mode: config.mode,
    preview: call.preview,
    phase: call.phase,
    callerId: config.callerId,
    simulatedCalls: context.dialer.simulated,
    ...(config.script === undefined ? {} : { script: config.script }),
    dispositions: config.dispositions,
    lead: leadView(lead),
    history: earlier.map(attemptView),
    ...(call.dispositionId === undefined ? {} : { dispositionId: call.dispositionId }),
  };
}

/** A refusal of the dialer as the API's error: a bad field 400, a call in the wrong phase 409. */
function refused(error: DialerInputError): ApiError {
  if (error.field === 'callId' || error.field === 'contactId') {
    return new ApiError(409, 'CallNotCodable', error.reason, { field: error.field });
  }
  const path = error.field === 'callbackAtMs' ? 'callbackAt' : error.field;
  return new ApiError(400, 'ValidationFailed', `${path}: ${error.reason}`, [
    { path, message: error.reason },
  ]);
}

export function outboundDeskRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/contacts/:id/outbound',
      summary:
        'A campaign call as the agent works it: the lead and its earlier attempts, the ' +
        "campaign's script, caller ID and dispositions, where the call stands (calls are " +
        'simulated until telephony is connected)',
      tag: 'agent desktop',
      roles: DESK,
      params: IdParams,
      responses: {
        200: { description: 'the outbound context', schema: OutboundContext },
        403: { description: 'an agent who does not hold the contact' },
        404: { description: "unknown contact, or not a campaign's call" },
      },
      async handler({ principal, params }) {
        return outboundContext(context, principal, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/contacts/:id/outbound/disposition',
      summary:
        "Code a campaign call with one of the campaign's dispositions (its flag drives the " +
        'recycling and the French rules); a callback flag needs callbackAt. Ends the agent’s ' +
        'wrap-up when the agent is in it.',
      tag: 'agent desktop',
      roles: DESK,
      params: IdParams,
      body: OutboundDispositionBody,
      responses: {
        200: { description: 'the outbound context after coding', schema: OutboundContext },
        400: { description: 'a bad body: error.details names the field' },
        403: { description: 'an agent who does not hold the contact' },
        404: { description: "unknown contact, or not a campaign's call" },
        409: { description: 'the call is over, not answered yet, or already coded' },
      },
      async handler({ principal, params, body }) {
        const call = await findCall(context, principal, params.id);
        const campaign = await context.store.getCampaign<Campaign>(
          principal.tenantId,
          call.campaignId,
        );
        const disposition = campaign?.config.dispositions.find((d) => d.id === body.dispositionId);
        if (disposition === undefined) {
          const known = campaign?.config.dispositions.map((d) => d.id).join(', ') ?? '';
          const message = `"${body.dispositionId}" is not one of the campaign's: ${known}`;
          throw new ApiError(400, 'ValidationFailed', `dispositionId: ${message}`, [
            { path: 'dispositionId', message },
          ]);
        }
        if (disposition.flag === 'callback' && body.callbackAt === undefined) {
          const message = 'a callback disposition needs callbackAt (when to call back)';
          throw new ApiError(400, 'ValidationFailed', `callbackAt: ${message}`, [
            { path: 'callbackAt', message },
          ]);
        }
        if (call.phase === 'ended') {
          throw new ApiError(409, 'CallNotCodable', `the call ${params.id} is over`, {
            phase: call.phase,
          });
        }
        try {
          context.dialer.dispose(principal.tenantId, params.id, body.dispositionId, {
            ...(body.callbackAt === undefined ? {} : { callbackAtMs: Date.parse(body.callbackAt) }),
            ...(body.ownCallback === undefined ? {} : { agentOwnsCallback: body.ownCallback }),
          });
        } catch (error) {
          if (error instanceof DialerInputError) throw refused(error);
          throw error;
        }
        await context.dialer.idle();
        return outboundContext(context, principal, params.id);
      },
    }),
  ];
}
