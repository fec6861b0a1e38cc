// Security headers (helmet's defaults and our content security policy). @fastify/helmet builds
// helmet's middleware again on every request, which showed up in the server's profile; the
// headers never change, so they are worked out once at start and copied onto every reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet would set with these options, by lower-case name. */
export function securityHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let error: unknown;
  helmet(options)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (failure?: unknown) => (error = failure),
  );
  if (error instanceof Error) throw error;
  if (error !== undefined) throw new Error(`helmet refused its options: ${JSON.stringify(error)}`);
  return headers;
}

/** Sets the headers on every reply, errors and 404s included. */
export function useSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
