// What the administration endpoints answer: API keys and webhook deliveries as
// /api/v1/api-keys and /api/v1/webhooks/:id/deliveries show them (users: UserView, views.ts).
import { z } from 'zod';
import { Role, Scope } from './auth.ts';

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  scope: Scope,
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

/** The answer to creating a key: the only time `key` (the secret) is shown. */
export const NewApiKeyAnswer = ApiKeyView.extend({ key: z.string() });

export const WebhookDeliveryView = z.object({
  id: z.number(),
  webhookId: z.string(),
  eventSeq: z.number(),
  attempts: z.number(),
  status: z.enum(['pending', 'delivered', 'failed']),
  nextAttemptAt: z.string(),
  lastStatusCode: z.number().optional(),
  lastError: z.string().optional(),
  updatedAt: z.string(),
});

export type ApiKeyView = z.infer<typeof ApiKeyView>;
export type NewApiKeyAnswer = z.infer<typeof NewApiKeyAnswer>;
export type WebhookDeliveryView = z.infer<typeof WebhookDeliveryView>;
