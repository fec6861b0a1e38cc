// Answers of the API that the web app reads, shared so that the server's handlers and the app
// agree at compile time (the server annotates its answers with these types).
import { z } from 'zod';
import { Role, Scope } from './auth.ts';
import { Channel, Id } from './common.ts';
import { Disposition, PauseCode } from './config.ts';
import { Locale } from './desk.ts';
import { AgentState } from './events.ts';

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  role: Role,
  scope: Scope,
  /** The language the user chose; absent until they choose. */
  locale: Locale.optional(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

/** POST /api/v1/auth/login. */
export const LoginResult = z.object({
  user: UserView,
  csrfToken: z.string(),
  csrfHeader: z.string(),
  expiresAt: z.string(),
  /** True when the server plays the demo on this tenant (GET /api/v1/demo then exists). */
  demo: z.literal(true).optional(),
  /** True when the server takes SIP calls: the agent desktop then shows its phone (softphone.ts). */
  telephony: z.literal(true).optional(),
});
export type LoginResult = z.infer<typeof LoginResult>;

/** GET /api/v1/auth/me; a session also gets back its CSRF token, so a reloaded page can write. */
export const MeView = z.object({
  actor: z.string(),
  tenantId: z.string(),
  role: Role,
  scope: Scope,
  via: z.enum(['session', 'apiKey', 'none']),
  username: z.string().optional(),
  csrfToken: z.string().optional(),
  /** A session's user's chosen language, applied after sign-in on any browser. */
  locale: Locale.optional(),
  /** True when the server plays the demo on this tenant (GET /api/v1/demo then exists). */
  demo: z.literal(true).optional(),
  /** True when the server takes SIP calls: the agent desktop then shows its phone (softphone.ts). */
  telephony: z.literal(true).optional(),
});
export type MeView = z.infer<typeof MeView>;

/** GET /api/v1/agents/:id/status: the engine's view, and the event seq and server time it is at. */
export const AgentStatusView = z.object({
  agentId: Id,
  siteId: Id,
  state: AgentState,
  pauseReason: z.string().optional(),
  pendingPause: z.string().optional(),
  contacts: z.array(z.object({ contactId: Id, state: z.string(), channel: Channel })),
  canTake: z.array(Channel),
  missedOffers: z.int(),
  handledMs: z.number(),
  /** The last event the status includes: subscribe to the stream after it. */
  seq: z.int(),
  /** The server's clock when it answered (ms since 1970), for countdowns. */
  nowMs: z.number(),
});
export type AgentStatusView = z.infer<typeof AgentStatusView>;

/** GET /api/v1/contacts/:id: a contact folded from its events. */
export const ContactView = z.object({
  id: Id,
  queueId: Id,
  channel: z.string().optional(),
  state: z.string(),
  agentId: z.string().optional(),
  arrivedAtMs: z.number(),
  updatedAtMs: z.number(),
  lastEvent: z.string(),
  events: z.int(),
  priority: z.number().optional(),
  /** What the caller's system said about the contact (IVR choices, customer id…). */
  attributes: z.record(z.string(), z.string()).optional(),
  /** While offered: when the offer goes back to the queue (server time). */
  offerExpiresAtMs: z.number().optional(),
  /** After the conversation: when a timed wrap-up ends (server time). */
  wrapUpUntilMs: z.number().optional(),
  dispositionId: z.string().optional(),
});
export type ContactView = z.infer<typeof ContactView>;

const Stored = { version: z.int(), createdAt: z.string(), updatedAt: z.string() };
export const PauseCodeList = z.object({
  items: z.array(z.looseObject({ ...PauseCode.shape, ...Stored })),
});
export const DispositionList = z.object({
  items: z.array(z.looseObject({ ...Disposition.shape, ...Stored })),
});

/** GET /api/v1/realtime/queues: one entry per visible queue, live and today so far. */
export const RealtimeQueue = z.object({
  queueId: Id,
  waiting: z.int(),
  longestWaitingMs: z.number(),
  eligibleAgents: z.int(),
  availableAgents: z.int(),
  estimatedWaitMs: z.number().optional(),
  serviceLevel: z.number().optional(),
  serviceLevelSample: z.int(),
  formula: z.string(),
  thresholdSeconds: z.number(),
  today: z.object({
    offered: z.number(),
    answered: z.number(),
    abandoned: z.number(),
    serviceLevel: z.number().nullable(),
    asaSeconds: z.number().nullable(),
    abandonRate: z.number().nullable(),
    maxWaitSeconds: z.number(),
  }),
});
export type RealtimeQueue = z.infer<typeof RealtimeQueue>;
export const RealtimeQueues = z.object({
  at: z.string(),
  day: z.string(),
  zone: z.string(),
  lastSeq: z.int(),
  queues: z.array(RealtimeQueue),
});
export type RealtimeQueues = z.infer<typeof RealtimeQueues>;
