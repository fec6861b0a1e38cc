// GET /api/v1/reports: interval KPIs per queue, client, site or agent, in JSON or CSV, exact to
// the last durable event; POST /api/v1/reports/rebuild: the projection built again from the log.
import {
  buildReport,
  DAY_MINUTES,
  type IntervalMinutes,
  PeriodError,
  reportCsv,
  reportPeriod,
  Zone,
  ZoneError,
} from '@relais/reports';
import { z } from 'zod';
import { audit } from '../audit.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import type { ReportProjector } from './report-projector.ts';
import { visibleIds } from './report-scope.ts';

const ReportQuery = z.object({
  dimension: z.enum(['queue', 'client', 'site', 'agent']).default('queue'),
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
  interval: z
    .string()
    .default('30')
    .transform((text) => (text === 'day' ? DAY_MINUTES : Number(text)))
    .refine(
      (n): n is IntervalMinutes => n === 15 || n === 30 || n === 60 || n === DAY_MINUTES,
      'expected 15, 30 or 60 (minutes) or day',
    ),
  zone: z.string().min(1).max(64).optional(),
  ids: z.string().max(20_000).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  separator: z.enum([',', ';']).default(','),
});

export function reportRoutes(context: ServerContext, projector: ReportProjector): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/reports',
      summary:
        'Interval KPIs (KPI.md formulas) per queue, client, site or agent, in local 15/30/60-minute or day intervals of a time zone; JSON or CSV',
      tag: 'reports',
      roles: ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'],
      query: ReportQuery,
      responses: {
        200: { description: 'the report: lines per entity and interval, totals, formulas used' },
        400: { description: 'a bad range, interval, zone or format' },
        403: { description: 'a dimension, or ids, outside your scope' },
      },
      async handler({ principal, query, reply }) {
        const zone = await zoneFor(context, principal.tenantId, query.zone);
        const { fromMs, toMs } = period(zone, query.from, query.to);
        const dimension = query.dimension;
        const visible = await visibleIds(context.store, principal, dimension);
        const asked =
          query.ids === undefined
            ? undefined
            : query.ids
                .split(',')
                .map((id) => id.trim())
                .filter((id) => id !== '');
        // Asking by name for what is outside one's scope is refused, whether it exists or not.
        const outside =
          visible === 'all' || asked === undefined ? [] : asked.filter((id) => !visible.has(id));
        if (outside.length > 0) {
          throw new ApiError(
            403,
            'Forbidden',
            `ids: outside your scope: ${outside.slice(0, 10).join(', ')}`,
            [{ path: 'ids', message: `outside your scope: ${outside.slice(0, 10).join(', ')}` }],
          );
        }
        const ids = visible === 'all' ? asked : (asked ?? [...visible]);
        // The tenant's runtime opens (with its projection) on first use.
        await context.tenants.get(principal.tenantId);
        // Buckets of intervals that start in [from, to): a local interval may begin before `from`'s bucket.
        const read = await projector.rows(principal.tenantId, {
          dimension,
          fromMs: fromMs - 60 * 60_000,
          toMs: toMs + 60 * 60_000,
          nowMs: context.clock(),
        });
        const report = buildReport(
          {
            dimension,
            fromMs,
            toMs,
            intervalMinutes: query.interval,
            zone: zone.name,
            ...(ids === undefined ? {} : { ids }),
            // The charts' series: JSON only (the CSV has no use for it).
            mergeIntervals: query.format === 'json',
          },
          read.rows,
          read.pauses,
          read.ruleOf,
        );
        if (query.format === 'csv') {
          await audit(context, principal, 'report.export', `${dimension} report`, {
            from: report.from,
            to: report.to,
            zone: zone.name,
            lines: report.lines.length,
          });
          void reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="relais-${dimension}-report.csv"`);
          return reportCsv(report, { separator: query.separator });
        }
        return { ...report, lastSeq: read.lastSeq };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/reports/rebuild',
      summary: 'Rebuild the report projection from the whole event log (admin)',
      tag: 'reports',
      roles: ['admin'],
      responses: { 200: { description: 'rebuilt up to this event' } },
      async handler({ principal }) {
        await context.tenants.get(principal.tenantId);
        const done = await projector.rebuild(principal.tenantId);
        await audit(context, principal, 'report.rebuild', 'reports', done);
        return done;
      },
    }),
  ];
}

/** The zone asked for, else the tenant's first site's, else UTC. */
export async function zoneFor(
  context: ServerContext,
  tenantId: string,
  name: string | undefined,
): Promise<Zone> {
  try {
    if (name !== undefined) return new Zone(name);
    const [site] = await context.store.listConfig<{ timeZone?: string }>(tenantId, 'site', {
      limit: 1,
    });
    return new Zone(site?.data.timeZone ?? 'UTC');
  } catch (error) {
    if (error instanceof ZoneError) throw invalid('zone', error.message);
    throw error;
  }
}

/** The request's period, or a 400 naming the field. */
export function period(zone: Zone, from: string, to: string): { fromMs: number; toMs: number } {
  try {
    return reportPeriod(zone, from, to);
  } catch (error) {
    if (error instanceof PeriodError) {
      throw new ApiError(400, 'ValidationFailed', error.message, [
        { path: error.field, message: error.message },
      ]);
    }
    throw error;
  }
}

const invalid = (path: string, message: string): ApiError =>
  new ApiError(400, 'ValidationFailed', `${path}: ${message}`, [{ path, message }]);
