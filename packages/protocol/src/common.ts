import { z } from 'zod';

/** Ids in paths and bodies: what the engine accepts, and nothing that needs escaping in a URL. */
export const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'letters, digits and . _ : @ - (not first)');

export const Proficiency = z.int().min(1).max(10);
export const SkillMap = z.record(Id, Proficiency);

export const CHANNELS = ['voice', 'callback', 'chat', 'email', 'task'] as const;
export const Channel = z.enum(CHANNELS);
export const SlotCapacity = z
  .object({
    voice: z.int().min(0).max(100),
    chat: z.int().min(0).max(100),
    email: z.int().min(0).max(100),
    task: z.int().min(0).max(100),
  })
  .partial()
  .strict();

export const IdParams = z.object({ id: Id });

export const Page = z.object({
  after: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The one error shape of the API. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
