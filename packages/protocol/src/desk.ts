// The agent desktop's own reads and writes: the user's language, the customer's context beside
// an offer (the queue's script, this customer's previous contacts, the contact's note), where a
// contact can be transferred, today's figures of one agent, and the transfer and callback
// actions an agent takes from a conversation.
import { z } from 'zod';
import { PhoneNumber } from './actions.ts';
import { Id } from './common.ts';

export const LOCALES = ['fr', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

/** PUT /api/v1/auth/me/preferences: the signed-in user's own choices (null forgets one). */
export const UserPreferences = z.strictObject({ locale: Locale.nullable() });
export type UserPreferences = z.infer<typeof UserPreferences>;

/** PUT /api/v1/contacts/:id/note. */
export const ContactNoteBody = z.strictObject({ text: z.string().max(10_000) });
export const ContactNoteView = z.object({
  contactId: Id,
  text: z.string(),
  /** The username of who last wrote it. */
  author: z.string(),
  updatedAt: z.string(),
});
export type ContactNoteView = z.infer<typeof ContactNoteView>;

/** One earlier contact of the same customer with the same client. */
export const CustomerContactView = z.object({
  contactId: Id,
  arrivedAtMs: z.number(),
  queueId: Id,
  channel: z.string().optional(),
  /** Its state now: completed, abandoned, scheduled… */
  state: z.string(),
  /** The last agent it reached, if any. */
  agentId: z.string().optional(),
  dispositionId: z.string().optional(),
  /** Talk and hold time with agents, then wrap-up (ms), once it has had them. */
  talkMs: z.number().optional(),
  wrapUpMs: z.number().optional(),
});
export type CustomerContactView = z.infer<typeof CustomerContactView>;

/** GET /api/v1/contacts/:id/context: what an agent reads beside the offer and the conversation. */
export const ContactContext = z.object({
  contactId: Id,
  queueId: Id,
  /** The queue's script for its agents, if it has one. */
  script: z.string().optional(),
  /** Whose contacts `history` lists: the customerId attribute, else the callback number. */
  customerKey: z.string().optional(),
  /** Newest first, without this contact; at most 20. */
  history: z.array(CustomerContactView),
  note: ContactNoteView.optional(),
});
export type ContactContext = z.infer<typeof ContactContext>;

/** GET /api/v1/contacts/:id/transfer-targets: the queues of its client, the agents of the site. */
export const TransferTargets = z.object({
  queues: z.array(z.object({ id: Id })),
  agents: z.array(z.object({ id: Id, name: z.string().optional(), state: z.string() })),
});
export type TransferTargets = z.infer<typeof TransferTargets>;

/** GET /api/v1/agents/:id/today: the agent's own day so far, in its site's time zone. */
export const AgentToday = z.object({
  agentId: Id,
  day: z.string(),
  zone: z.string(),
  handled: z.number(),
  ahtSeconds: z.number().nullable(),
  talkSeconds: z.number(),
  /** Handling time over working time (KPI.md); null before any. */
  occupancy: z.number().nullable(),
  loggedInSeconds: z.number(),
  pausedSeconds: z.number(),
  /** Pause time by pause code. */
  pauseSeconds: z.record(z.string(), z.number()),
  /** Offers that rang out since the agent's last login (the engine's count). */
  missedOffers: z.int(),
});
export type AgentToday = z.infer<typeof AgentToday>;

/** Agent action `transfer`: the conversation to a queue, or to an agent (as preferred agent). */
export const AgentTransfer = z.union([
  z.strictObject({ contactId: Id, queueId: Id }),
  z.strictObject({ contactId: Id, agentId: Id }),
]);
export type AgentTransfer = z.infer<typeof AgentTransfer>;

/**
 * Agent action `callback`: a callback to this contact's customer at a time, in its queue or
 * another of its client's, with the contact's attributes; `mine` asks for it to come back to me.
 */
export const AgentCallback = z.strictObject({
  contactId: Id,
  number: PhoneNumber,
  at: z.iso.datetime({ offset: true }),
  queueId: Id.optional(),
  mine: z.boolean().optional(),
});
export type AgentCallback = z.infer<typeof AgentCallback>;
