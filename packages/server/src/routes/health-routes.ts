import type { ServerContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { metricsText } from '../metrics.ts';

export function healthRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/healthz',
      summary: 'The process is up',
      tag: 'operations',
      roles: 'public',
      responses: { 200: { description: 'ok' } },
      handler: () => Promise.resolve({ status: 'ok' }),
    }),
    route({
      method: 'GET',
      url: '/readyz',
      summary: 'The database answers and the server takes requests',
      tag: 'operations',
      roles: 'public',
      responses: { 200: { description: 'ready' }, 503: { description: 'not ready' } },
      async handler() {
        try {
          await context.store.ping();
        } catch {
          throw new ApiError(503, 'NotReady', 'the database does not answer');
        }
        return { status: 'ready', database: context.store.dialect };
      },
    }),
    route({
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics (text exposition format)',
      tag: 'operations',
      roles: 'public',
      responses: { 200: { description: 'metrics' } },
      async handler({ reply }) {
        void reply.type('text/plain; version=0.0.4');
        return metricsText(context);
      },
    }),
  ];
}
