// WebSocket messages of /api/v1/stream.
import { z } from 'zod';

/** Client → server. `afterSeq`: the last event seq the client has; it gets what it missed first. */
export const StreamSubscribe = z.strictObject({
  type: z.literal('subscribe'),
  afterSeq: z.int().min(0).default(0),
});

export const StreamEvent = z.object({
  type: z.literal('event'),
  event: z.looseObject({ seq: z.int(), atMs: z.number(), type: z.string() }),
});

/** Sent once the replay of missed events is done; live events follow. */
export const StreamCaughtUp = z.object({ type: z.literal('caughtUp'), seq: z.int() });

export const StreamError = z.object({
  type: z.literal('error'),
  error: z.object({ code: z.string(), message: z.string() }),
});

export type StreamServerMessage =
  z.infer<typeof StreamEvent> | z.infer<typeof StreamCaughtUp> | z.infer<typeof StreamError>;
