// WebSocket messages of /api/v1/stream.
import { z } from 'zod';
import type { SetAgentState } from './actions.ts';
import type { AgentCallback, AgentTransfer } from './desk.ts';
import { Id } from './common.ts';
import { WallboardWatch, type WallboardMessage } from './wallboard.ts';

/** Client → server. `afterSeq`: the last event seq the client has; it gets what it missed first. */
export const StreamSubscribe = z.strictObject({
  type: z.literal('subscribe'),
  afterSeq: z.int().min(0).default(0),
});

/** The agent actions of /api/v1/agents/:id/<action>, by the last part of their path. */
export const AGENT_ACTIONS = [
  'login',
  'logout',
  'state',
  'accept',
  'reject',
  'complete',
  'hold',
  'resume',
  'end-wrap-up',
  'disposition',
  'transfer',
  'callback',
] as const;
export type AgentActionName = (typeof AGENT_ACTIONS)[number];

/** The body of each agent action (on the stream and over REST). */
export interface AgentActionBodies {
  login: Record<string, never>;
  logout: Record<string, never>;
  state: SetAgentState;
  accept: { contactId: string };
  reject: { contactId: string };
  complete: { contactId: string };
  hold: { contactId: string };
  resume: { contactId: string };
  'end-wrap-up': { contactId: string };
  disposition: { contactId: string; dispositionId: string };
  transfer: AgentTransfer;
  callback: AgentCallback;
}

/**
 * Client → server: an agent action on the socket the agent desktop already holds, with the same
 * body, rules and errors as its REST twin; `ref` comes back in the result.
 */
export const StreamAction = z.strictObject({
  type: z.literal('action'),
  ref: z.string().min(1).max(64),
  agentId: Id,
  action: z.enum(AGENT_ACTIONS),
  body: z.record(z.string(), z.unknown()).default({}),
});
export type StreamAction = z.infer<typeof StreamAction>;

export const StreamClientMessage = z.discriminatedUnion('type', [
  StreamSubscribe,
  StreamAction,
  WallboardWatch,
]);

export const StreamEvent = z.object({
  type: z.literal('event'),
  event: z.looseObject({ seq: z.int(), atMs: z.number(), type: z.string() }),
});

/** Sent once the replay of missed events is done; live events follow. */
export const StreamCaughtUp = z.object({ type: z.literal('caughtUp'), seq: z.int() });

const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const StreamError = z.object({ type: z.literal('error'), error: ErrorBody });

/** The outcome of an action: its events once durable, or the error its REST twin would give. */
export const StreamActionResult = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('actionResult'),
    ref: z.string(),
    ok: z.literal(true),
    events: z.array(z.looseObject({ type: z.string() })),
  }),
  z.object({
    type: z.literal('actionResult'),
    ref: z.string(),
    ok: z.literal(false),
    status: z.int(),
    error: ErrorBody,
  }),
]);

export type StreamServerMessage =
  | z.infer<typeof StreamEvent>
  | z.infer<typeof StreamCaughtUp>
  | z.infer<typeof StreamError>
  | z.infer<typeof StreamActionResult>
  | WallboardMessage;
