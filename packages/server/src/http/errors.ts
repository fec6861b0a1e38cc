// Every failure leaves the API in one shape, { error: { code, message, details } }, with the
// status decided here and nowhere else.
import { EngineError, type EngineErrorCode } from '@relais/engine';
import { StoreError, type StoreErrorCode } from '@relais/store';
import { ZodError, type z } from 'zod';
import { RuntimeUnavailable } from '../runtime/tenant-runtime.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, 'NotFound', `no ${what} with id "${id}"`, { id });
export const forbidden = (message: string): ApiError => new ApiError(403, 'Forbidden', message);
export const unauthorized = (message = 'sign in or send an API key'): ApiError =>
  new ApiError(401, 'Unauthorized', message);

const ENGINE_STATUS: Record<EngineErrorCode, number> = {
  UnknownSite: 404,
  UnknownSkill: 404,
  UnknownQueue: 404,
  UnknownAgent: 404,
  UnknownContact: 404,
  UnknownPauseCode: 404,
  UnknownDisposition: 404,
  DuplicateContact: 409,
  InvalidConfig: 400,
  InvalidCommand: 400,
  IllegalTransition: 409,
  ClockWentBackwards: 500,
};

/** Zod issues as `{ path: "skills.fr", message }`, the path written as a reader would. */
export function validationDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/** HTTP status of each store refusal: a conflict, a bad value the caller sent, or the server's fault. */
const STORE_STATUS: Record<StoreErrorCode, number> = {
  VersionConflict: 409,
  Duplicate: 409,
  InvalidValue: 422,
  LogGap: 500,
  UnknownTenant: 500,
  UnknownUser: 500,
  MigrationOrder: 500,
};

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    const details = validationDetails(error);
    const first = details[0];
    const message = first === undefined ? 'invalid request' : `${first.path}: ${first.message}`;
    return new ApiError(400, 'ValidationFailed', message, details);
  }
  if (error instanceof EngineError) {
    // An unknown id named inside a body is the caller's mistake in that body, still a 404 per the API contract.
    return new ApiError(ENGINE_STATUS[error.code], error.code, error.message, error.details);
  }
  if (error instanceof StoreError) {
    return new ApiError(STORE_STATUS[error.code], error.code, error.message, error.details);
  }
  if (error instanceof RuntimeUnavailable) return new ApiError(503, 'Unavailable', error.message);
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ApiError(413, 'TooLarge', 'the request body is larger than this route takes');
  }
  if (
    typeof fastify.statusCode === 'number' &&
    fastify.statusCode >= 400 &&
    fastify.statusCode < 500
  ) {
    return new ApiError(
      fastify.statusCode,
      fastify.code ?? 'BadRequest',
      fastify.message ?? 'bad request',
    );
  }
  return new ApiError(500, 'Internal', 'internal error; the server log has the details');
}
