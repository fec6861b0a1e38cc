// The engine's events that an agent desktop reads from /api/v1/stream, as the server sends them.
// The engine owns these shapes; the server's events.test.ts parses the engine's real events with
// these schemas, so a change there fails here instead of in a browser. Objects are loose: a
// field the engine adds later passes through.
import { z } from 'zod';
import { Channel, Id } from './common.ts';

export const AGENT_STATES = [
  'loggedOut',
  'available',
  'paused',
  'reserved',
  'busy',
  'wrapUp',
] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;

const stamped = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ seq: z.int(), atMs: z.number(), type: z.literal(type), ...shape });

export const AgentStateChanged = stamped('agentStateChanged', {
  agentId: Id,
  siteId: Id,
  from: AgentState,
  to: AgentState,
  /** The pause code when `to` is 'paused'. */
  reason: z.string().optional(),
});

/** A pause asked for while holding contacts: it starts when the last one ends. */
export const AgentPauseRequested = stamped('agentPauseRequested', {
  agentId: Id,
  reason: z.string(),
});

export const ContactOffered = stamped('contactOffered', {
  contactId: Id,
  queueId: Id,
  agentId: Id,
  channel: Channel,
  /** Server time (ms since 1970) at which an unanswered offer goes back to the queue. */
  expiresAtMs: z.number(),
});

export const OfferRevoked = stamped('offerRevoked', {
  contactId: Id,
  queueId: Id,
  agentId: Id,
  reason: z.enum(['declined', 'timeout', 'abandoned', 'cancelled', 'logout']),
  ringMs: z.number(),
});

export const ContactConnected = stamped('contactConnected', {
  contactId: Id,
  queueId: Id,
  agentId: Id,
  channel: Channel,
  waitMs: z.number(),
  ringMs: z.number(),
});

/** The agent put the conversation on hold (a call: the caller hears music). */
export const ContactHeld = stamped('contactHeld', {
  contactId: Id,
  agentId: Id,
});

/** The agent took the conversation off hold; `holdMs` is how long this hold lasted. */
export const ContactRetrieved = stamped('contactRetrieved', {
  contactId: Id,
  agentId: Id,
  holdMs: z.number(),
});

export const ContactEnded = stamped('contactEnded', {
  contactId: Id,
  queueId: Id,
  agentId: Id,
  talkMs: z.number(),
  holdMs: z.number(),
  /** Server time at which a timed wrap-up ends; absent when the agent ends it by hand. */
  wrapUpUntilMs: z.number().optional(),
});

export const DispositionSet = stamped('dispositionSet', {
  contactId: Id,
  agentId: Id,
  dispositionId: Id,
});

export const ContactCompleted = stamped('contactCompleted', {
  contactId: Id,
  queueId: Id,
  agentId: Id,
  wrapMs: z.number(),
  dispositionId: Id.optional(),
});

export const ContactAbandoned = stamped('contactAbandoned', {
  contactId: Id,
  queueId: Id,
  waitMs: z.number(),
  /** The agent whose offer was ringing when the caller hung up. */
  agentId: Id.optional(),
});

export const ContactTransferred = stamped('contactTransferred', {
  contactId: Id,
  fromQueueId: Id,
  toQueueId: Id,
  toAgentId: Id.optional(),
  byAgentId: Id.optional(),
});

export const ContactTransferredOut = stamped('contactTransferredOut', {
  contactId: Id,
  queueId: Id,
  agentId: Id.optional(),
  destination: z.string(),
});

/** The events about one agent that its desktop acts on; the stream sends others too. */
export const AgentEvent = z.discriminatedUnion('type', [
  AgentStateChanged,
  AgentPauseRequested,
  ContactOffered,
  OfferRevoked,
  ContactConnected,
  ContactHeld,
  ContactRetrieved,
  ContactEnded,
  DispositionSet,
  ContactCompleted,
  ContactAbandoned,
  ContactTransferred,
  ContactTransferredOut,
]);
export type AgentEvent = z.infer<typeof AgentEvent>;
export const AGENT_EVENT_TYPES = AgentEvent.options.map((option) => option.shape.type.value);
