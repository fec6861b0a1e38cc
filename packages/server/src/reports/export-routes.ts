// GET /api/v1/exports/queue-log: a period of the event log as Asterisk queue_log lines, so the
// tools that read Asterisk's file read Relais too. Streamed: a month is millions of lines.
import { Readable } from 'node:stream';
import { QueueLogWriter, type EngineEvent } from '@relais/engine';
import { Zone, ZoneError } from '@relais/reports';
import type { Store } from '@relais/store';
import { z } from 'zod';
import { audit } from '../audit.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { period } from './report-routes.ts';

const PAGE = 5000;

const ExportQuery = z.object({
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
  zone: z.string().min(1).max(64).default('UTC'),
});

export function exportRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/exports/queue-log',
      summary:
        'The events of a period as Asterisk queue_log lines (epoch|callid|queue|agent|EVENT|data…)',
      tag: 'reports',
      roles: ['admin', 'planner'],
      query: ExportQuery,
      responses: {
        200: { description: 'text/plain, one queue_log line per line' },
        400: { description: 'a bad range or zone' },
      },
      async handler({ principal, query, reply }) {
        let zone: Zone;
        try {
          zone = new Zone(query.zone);
        } catch (error) {
          if (error instanceof ZoneError) {
            throw new ApiError(400, 'ValidationFailed', `zone: ${error.message}`, [
              { path: 'zone', message: error.message },
            ]);
          }
          throw error;
        }
        const { fromMs, toMs } = period(zone, query.from, query.to);
        await audit(context, principal, 'export.queue-log', 'events', {
          from: new Date(fromMs).toISOString(),
          to: new Date(toMs).toISOString(),
        });
        void reply
          .header('content-type', 'text/plain; charset=utf-8')
          .header('content-disposition', 'attachment; filename="queue_log"');
        return Readable.from(queueLogLines(context.store, principal.tenantId, fromMs, toMs));
      },
    }),
  ];
}

/** Lines of the events whose time is in [fromMs, toMs), a page of the log at a time. */
async function* queueLogLines(
  store: Store,
  tenantId: string,
  fromMs: number,
  toMs: number,
): AsyncGenerator<string> {
  const writer = new QueueLogWriter();
  let after = (await firstSeqAt(store, tenantId, fromMs)) - 1;
  for (;;) {
    const page = await store.readEvents(tenantId, { afterSeq: after, limit: PAGE });
    if (page.length === 0) return;
    let text = '';
    for (const event of page) {
      if (event.atMs >= toMs) {
        if (text !== '') yield text;
        return;
      }
      for (const line of writer.write(event.body as EngineEvent)) text += `${line}\n`;
      after = event.seq;
    }
    if (text !== '') yield text;
  }
}

/**
 * The first event at or after `atMs`. Event times never go back as seqs grow (the engine's clock
 * is monotonic), so a binary search over seqs finds it in a few point reads.
 */
async function firstSeqAt(store: Store, tenantId: string, atMs: number): Promise<number> {
  let lo = 1;
  let hi = (await store.lastSeqs(tenantId)).event + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [event] = await store.readEvents(tenantId, { afterSeq: mid - 1, limit: 1 });
    if (event === undefined || event.atMs >= atMs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
