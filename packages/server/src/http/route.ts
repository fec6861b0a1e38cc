// Routes are declared once with zod schemas: the same declaration validates requests, checks
// who may call it and writes the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role } from '@relais/store';
import { authenticate, type Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { forbidden } from './errors.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  /** Roles that may call it; 'public' needs no credentials. */
  roles: readonly Role[] | 'public';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Status → description (and body schema) for the OpenAPI document. */
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** A tighter request limit than the server's, per caller per minute (sign-in). */
  limitPerMinute?: number;
  /** A body limit of its own, in bytes (the server's is 1 MiB). */
  bodyLimit?: number;
  /** The body's media type when not JSON (the route then takes the raw text), for the document. */
  bodyType?: string;
  /** Headers the route reads, for the document. */
  headers?: Record<string, string>;
  handler(input: HandlerInput<P, Q, B>): Promise<unknown>;
}

export type AnyRoute = RouteSpec<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const route = <P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> => spec;

const PUBLIC: Principal = {
  tenantId: '',
  actor: 'anonymous',
  role: 'agent',
  scope: {},
  via: 'none',
};

export function register(
  app: FastifyInstance,
  context: ServerContext,
  routes: readonly AnyRoute[],
): void {
  for (const spec of routes) {
    context.routes.push(spec);
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.limitPerMinute === undefined
        ? {}
        : { config: { rateLimit: { max: spec.limitPerMinute, timeWindow: 60_000 } } }),
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
      handler: async (request, reply) => {
        const principal = spec.roles === 'public' ? PUBLIC : await authenticate(context, request);
        if (spec.roles !== 'public' && !spec.roles.includes(principal.role)) {
          throw forbidden(`role ${principal.role} may not ${spec.method} ${spec.url}`);
        }
        const params: unknown =
          spec.params === undefined ? request.params : spec.params.parse(request.params);
        const query: unknown =
          spec.query === undefined ? request.query : spec.query.parse(request.query);
        const body: unknown =
          spec.body === undefined ? undefined : spec.body.parse(request.body ?? {});
        return spec.handler({ params, query, body, principal, request, reply });
      },
    });
  }
}
