// An agent on an outbound contact (issue 8): the campaign's calls reach the agent desktop as engine
// contacts of the campaign's queue with the attributes `campaignId`, `leadId` and, for preview and
// agent-owned callbacks, `preview: "true"`. The desktop reads the lead, the campaign's script and
// dispositions here, and codes the call here (not with the engine's tenant dispositions: a
// campaign's dispositions drive its recycling and the French rules, COMPLIANCE.md).
//
// Routes (under /api/v1; the agent holding the contact, or a supervisor/admin of its tenant):
//   GET  /contacts/:id/outbound              → OutboundContext (404 when not a campaign's contact)
//   POST /contacts/:id/outbound/disposition  ← OutboundDispositionBody → OutboundContext
//
// Preview: accepting the offer is the agent's "call" action; the dialer then places the call with
// the agent already on the line (no drop possible). Declining gives the lead back to the campaign.
import { z } from 'zod';
import { Id } from './common.ts';
import { CampaignDisposition, DialMode, LeadAttempt, LeadView } from './campaigns.ts';

/** Where the dialer's call behind the contact stands. */
export const OUTBOUND_CALL_PHASES = [
  'offered',
  'ringing',
  'waiting',
  'connected',
  'wrapUp',
  'ended',
] as const;
export const OutboundCallPhase = z.enum(OUTBOUND_CALL_PHASES);
export type OutboundCallPhase = z.infer<typeof OutboundCallPhase>;

export const OutboundContext = z.object({
  contactId: Id,
  campaignId: Id,
  campaignName: z.string(),
  mode: DialMode,
  /** The agent got the lead before the call (preview, or a callback the agent owns). */
  preview: z.boolean(),
  phase: OutboundCallPhase,
  /** The number presented to the callee. */
  callerId: z.string(),
  /** The dialer's called party is simulated: no real call is placed, nobody hears the agent. */
  simulatedCalls: z.boolean(),
  script: z.string().optional(),
  dispositions: z.array(CampaignDisposition),
  lead: LeadView,
  /** The lead's earlier attempts, newest first (at most 20). */
  history: z.array(LeadAttempt),
  /** The disposition already given to this call, if any. */
  dispositionId: Id.optional(),
});
export type OutboundContext = z.infer<typeof OutboundContext>;

export const OutboundDispositionBody = z.strictObject({
  dispositionId: Id,
  /** Required when the disposition's flag is `callback`: when to call back (after now). */
  callbackAt: z.iso.datetime({ offset: true }).optional(),
  /** The callback is the agent's own (only this agent gets it); default: the campaign's. */
  ownCallback: z.boolean().optional(),
});
export type OutboundDispositionBody = z.infer<typeof OutboundDispositionBody>;
