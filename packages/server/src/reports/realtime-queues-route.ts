// GET /api/v1/realtime/queues: the wallboard's view of every queue the caller may see, in one
// call: the live engine figures (waiting, longest wait, agents, estimated wait, live service
// level) beside today's figures from the report projection (service level so far, with the
// queue's formula), exact to the last event.
import { buildReport } from '@relais/reports';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { route, type AnyRoute } from '../http/route.ts';
import type { ReportProjector } from './report-projector.ts';
import { zoneFor } from './report-routes.ts';
import { visibleIds } from './report-scope.ts';

const Query = z.object({ zone: z.string().min(1).max(64).optional() });

export function realtimeQueuesRoute(context: ServerContext, projector: ReportProjector): AnyRoute {
  return route({
    method: 'GET',
    url: '/api/v1/realtime/queues',
    summary:
      'Every queue you may see: live figures and today so far (service level, ASA, abandons)',
    tag: 'real-time',
    roles: ['admin', 'supervisor', 'planner', 'clientViewer'],
    query: Query,
    responses: { 200: { description: 'one entry per queue, and the day and zone "today" means' } },
    async handler({ principal, query }) {
      const runtime = await context.tenants.get(principal.tenantId);
      const zone = await zoneFor(context, principal.tenantId, query.zone);
      const nowMs = context.clock();
      const day = zone.label(nowMs).slice(0, 10);
      const fromMs = zone.fromLocal(day);
      const toMs = zone.fromLocal(nextDay(day));
      const visible = await visibleIds(context.store, principal, 'queue');
      const queues = runtime.engine
        .inspect()
        .queues.map((q) => q.id)
        .filter((id) => visible === 'all' || visible.has(id));
      const read = await projector.rows(principal.tenantId, {
        dimension: 'queue',
        fromMs,
        toMs,
        nowMs,
      });
      const today = buildReport(
        { dimension: 'queue', fromMs, toMs, intervalMinutes: 60, zone: zone.name, ids: queues },
        read.rows,
        read.pauses,
        read.ruleOf,
      );
      const totals = new Map(today.totals.map((t) => [t.id, t]));
      return {
        at: new Date(nowMs).toISOString(),
        day,
        zone: zone.name,
        lastSeq: read.lastSeq,
        queues: queues.map((id) => {
          const live = runtime.engine.queueStatus(id);
          const total = totals.get(id);
          return {
            ...live,
            today: {
              offered: total?.counters.offered ?? 0,
              answered: total?.counters.answered ?? 0,
              abandoned: total?.counters.abandoned ?? 0,
              serviceLevel: total?.kpis.serviceLevel ?? null,
              asaSeconds: total?.kpis.asaSeconds ?? null,
              abandonRate: total?.kpis.abandonRate ?? null,
              maxWaitSeconds: (total?.counters.maxWaitMs ?? 0) / 1000,
              // How far the waits announced today were from the waits that followed (SPEC RT5).
              ewtMaeSeconds: total?.kpis.ewtMaeSeconds ?? null,
              ewtBiasSeconds: total?.kpis.ewtBiasSeconds ?? null,
            },
          };
        }),
      };
    },
  });
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
