// Request bodies of contact and agent actions.
import { z } from 'zod';
import { Channel, Id } from './common.ts';

/** E.164-ish: digits with an optional leading +; masked in logs. */
export const PhoneNumber = z
  .string()
  .regex(/^\+?[0-9]{3,20}$/, 'a phone number: digits, optional leading +');

export const CreateContact = z.strictObject({
  /** Optional: the caller's own id (an IVR call id); generated when absent. */
  id: Id.optional(),
  queueId: Id,
  channel: Channel.optional(),
  priority: z.int().min(-1000).max(1000).optional(),
  attributes: z.record(z.string().max(64), z.string().max(1000)).optional(),
  preferredAgentId: Id.optional(),
  preferredWaitSeconds: z.number().min(0).max(3600).optional(),
  callbackNumber: PhoneNumber.optional(),
  siteId: Id.optional(),
});

export const CancelContact = z.strictObject({ reason: z.string().min(1).max(200).optional() });

export const TransferContact = z.union([
  z.strictObject({ queueId: Id }),
  z.strictObject({ agentId: Id }),
  z.strictObject({ destination: z.string().min(1).max(200) }),
]);

export const RequestCallback = z.strictObject({
  number: PhoneNumber,
  /** ISO time for a scheduled callback; absent keeps the contact's place in line. */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const SetDisposition = z.strictObject({ dispositionId: Id });

/** An agent's own state: available, or paused with a reason code. */
export const SetAgentState = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('available') }),
  z.strictObject({ state: z.literal('paused'), reason: Id }),
]);

export const OfferAnswer = z.strictObject({ contactId: Id });

export type CreateContact = z.infer<typeof CreateContact>;
export type TransferContact = z.infer<typeof TransferContact>;
export type RequestCallback = z.infer<typeof RequestCallback>;
export type SetAgentState = z.infer<typeof SetAgentState>;
