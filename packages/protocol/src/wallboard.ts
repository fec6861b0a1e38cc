// The supervisor wallboard's feed on /api/v1/stream: `{"type":"watch"}` answers with a snapshot
// of everything the caller may see (sites, queues, agents), then, at most once a second, the rows
// that changed. A client that reconnects sends `watch` again and gets a fresh snapshot.
import { z } from 'zod';
import { SkillMap } from './common.ts';
import type { AgentState } from './events.ts';

/** Client → server: start (or restart) the wallboard feed on this socket. */
export const WallboardWatch = z.strictObject({ type: z.literal('watch') });
export type WallboardWatch = z.infer<typeof WallboardWatch>;

export interface WallboardSite {
  id: string;
  city: string;
  timeZone: string;
  positions: number;
  agentsByState: Record<AgentState, number>;
}

export interface WallboardQueue {
  id: string;
  clientId: string;
  channel: string;
  waiting: number;
  /** When the longest-waiting contact started waiting (server time), null when none waits. */
  oldestSinceMs: number | null;
  eligibleAgents: number;
  availableAgents: number;
  estimatedWaitMs: number | null;
  /** Live service level over the last outcomes (0..1), null before any. */
  serviceLevel: number | null;
  /** The queue's target (0..1) and threshold. */
  target: number;
  thresholdSeconds: number;
  /** Sites whose agents may serve it (none: the whole network), and its home site. */
  sites?: string[];
  homeSiteId?: string;
}

export interface WallboardAgent {
  id: string;
  name: string;
  siteId: string;
  state: AgentState;
  /** When the agent entered this state, if known (events seen since the server started). */
  sinceMs: number | null;
  pauseCode?: string;
  /** The contact it holds (the latest, when several), and that contact's queue. */
  contactId?: string;
  contactQueueId?: string;
  skills: Record<string, number>;
}

/**
 * Server → client. `full`: replace everything (the first message, and after configuration
 * changes); else replace these rows.
 */
export interface WallboardMessage {
  type: 'wallboard';
  full: boolean;
  /** The last event seq the rows include. */
  seq: number;
  /** The server's time the rows are taken at. */
  atMs: number;
  sites: WallboardSite[];
  queues: WallboardQueue[];
  agents: WallboardAgent[];
}

/** PUT /api/v1/agents/:id/skills: the agent's whole skill set (skill id → proficiency 1..10). */
export const SetAgentSkills = z.strictObject({ skills: SkillMap });
export type SetAgentSkills = z.infer<typeof SetAgentSkills>;

/** POST /api/v1/contacts/:id/raise-priority: raise (negative: lower) a waiting contact's priority. */
export const RaisePriority = z.strictObject({
  by: z
    .int()
    .min(-1000)
    .max(1000)
    .refine((n) => n !== 0, 'a raise of 0 changes nothing'),
});
export type RaisePriority = z.infer<typeof RaisePriority>;

/** GET /api/v1/queues/:id/contacts: the contacts waiting in a queue, first in line first. */
export const QueueContacts = z.object({
  queueId: z.string(),
  /** The engine's time the list is taken at. */
  atMs: z.number(),
  contacts: z.array(
    z.object({
      id: z.string(),
      position: z.int(),
      state: z.string(),
      channel: z.string(),
      priority: z.number(),
      /** When it joined this queue's line (engine time). */
      waitingSinceMs: z.number(),
    }),
  ),
});
export type QueueContacts = z.infer<typeof QueueContacts>;

/** GET /api/v1/contacts/:id/why-waiting. */
export const WaitExplanationView = z.looseObject({
  contactId: z.string(),
  state: z.string(),
  queueId: z.string(),
  reason: z.enum([
    'not-waiting',
    'waiting-for-preferred-agent',
    'no-eligible-agent-logged-in',
    'step-not-reached',
    'all-eligible-agents-occupied',
    'being-routed',
  ]),
  message: z.string(),
  waitedMs: z.number(),
  step: z.int(),
  nextStep: z.object({ step: z.int(), atMs: z.number() }).optional(),
  stepWithAgents: z.object({ step: z.int(), atMs: z.number(), loggedIn: z.int() }).optional(),
  preferredAgentId: z.string().optional(),
  eligible: z.object({
    byState: z.record(z.string(), z.int()),
    loggedIn: z.int(),
    free: z.int(),
  }),
});
export type WaitExplanationView = z.infer<typeof WaitExplanationView>;
