import { z } from 'zod';
import { Id } from './common.ts';

export const ROLES = ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'] as const;
export const Role = z.enum(ROLES);

export const Scope = z.strictObject({
  siteIds: z.array(Id).max(1000).optional(),
  agentId: Id.optional(),
  clientId: Id.optional(),
});

export const Login = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

const Password = z.string().min(12, 'at least 12 characters').max(1000);

export const NewUser = z.strictObject({
  username: z.string().min(3).max(200),
  password: Password,
  role: Role,
  scope: Scope.default({}),
});

/** PUT /api/v1/users/:id: what a user may do (an admin changes it; the password stays). */
export const UserAccess = z.strictObject({
  role: Role,
  scope: Scope.default({}),
});
export type UserAccess = z.infer<typeof UserAccess>;

export const NewApiKey = z.strictObject({
  name: z.string().min(1).max(200),
  role: Role,
  scope: Scope.default({}),
});

export type Role = z.infer<typeof Role>;
export type Scope = z.infer<typeof Scope>;

export const NewPassword = z.strictObject({ password: Password });
export const OwnPassword = z.strictObject({
  current: z.string().min(1).max(1000),
  password: Password,
});
