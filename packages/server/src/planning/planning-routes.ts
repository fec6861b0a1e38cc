// /api/v1/planning: the Erlang calculator, a queue's forecast with required and scheduled
// positions per interval, the schedules planners enter, and what-if runs on the simulator.
// Planners and admins plan; supervisors may read (calculator, forecast, schedules) for the
// queues they see; agents and client viewers have no access.
import {
  ErlangRequest,
  ErlangResult,
  ForecastQuery,
  ForecastResult,
  Schedule,
  ScheduleParams,
  WhatIfRequest,
  WhatIfRun,
  type Queue,
} from '@relais/protocol';
import { positionsFor, staffQueue, WfmError } from '@relais/wfm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { canSeeQueue } from '../auth/scope.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import type { ReportProjector } from '../reports/report-projector.ts';
import { measuresFor, queueForecast } from './queue-forecast.ts';
import { enteredSchedule } from './schedules.ts';
import { predicted, whatIfScenario } from './what-if-scenario.ts';
import { WhatIfRuns } from './what-if-runs.ts';

const PLANNERS = ['admin', 'planner'] as const;
const READERS = ['admin', 'planner', 'supervisor'] as const;
const RunParams = z.object({ id: z.string().min(1).max(100) });

/** The queue, or 404; a supervisor outside its scope is told there is no such queue. */
async function visibleQueue(
  context: ServerContext,
  principal: Principal,
  queueId: string,
): Promise<Queue> {
  const record = await context.store.getConfig<Queue>(principal.tenantId, 'queue', queueId);
  if (record === undefined || !canSeeQueue(principal, record.data))
    throw notFound('queue', queueId);
  return record.data;
}

export function planningRoutes(
  app: FastifyInstance,
  context: ServerContext,
  projector: ReportProjector,
): AnyRoute[] {
  const runs = new WhatIfRuns(context.clock);
  app.addHook('onClose', () => runs.stop());
  return [
    route({
      method: 'POST',
      url: '/api/v1/planning/erlang',
      summary:
        'Erlang C or A: the least agents (and positions with shrinkage) meeting a service-level target, or the measures of the agents given',
      tag: 'planning',
      roles: READERS,
      body: ErlangRequest,
      responses: {
        200: {
          description: 'agents, positions, service level, ASA, occupancy',
          schema: ErlangResult,
        },
        400: { description: 'a field out of range, named in the error' },
        422: { description: 'no staffing reaches the target' },
      },
      handler({ body }) {
        const minutes = body.intervalMinutes;
        const trafficErlangs = (body.callsPerInterval / (minutes * 60)) * body.ahtSeconds;
        const settings = {
          model: body.model,
          serviceLevelTarget: body.serviceLevelTarget,
          thresholdSeconds: body.thresholdSeconds,
          patienceSeconds: body.patienceSeconds,
          shrinkage: body.shrinkage,
        };
        let agents = body.agents;
        if (agents === undefined) {
          try {
            agents = staffQueue({
              model: body.model,
              load: {
                trafficErlangs,
                ahtSeconds: body.ahtSeconds,
                ...(body.patienceSeconds === undefined
                  ? {}
                  : { patienceSeconds: body.patienceSeconds }),
              },
              targets: {
                serviceLevel: {
                  fraction: body.serviceLevelTarget,
                  thresholdSeconds: body.thresholdSeconds,
                },
              },
            }).agents;
          } catch (error) {
            if (error instanceof WfmError)
              throw new ApiError(422, error.code, error.message, error.details);
            throw error;
          }
        }
        const m = measuresFor(agents, body.callsPerInterval, body.ahtSeconds, minutes, settings);
        const result: ErlangResult = {
          model: body.model,
          trafficErlangs,
          agents,
          positions: positionsFor(agents, body.shrinkage),
          serviceLevel: m.serviceLevel,
          asaSeconds: Number.isFinite(m.asaSeconds) ? m.asaSeconds : null,
          occupancy: m.occupancy,
          pWait: m.pWait,
          pAbandon: m.pAbandon,
          meetsTarget: m.serviceLevel >= body.serviceLevelTarget,
        };
        return Promise.resolve(result);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/planning/forecast',
      summary:
        "A queue's forecast for one local day from its stored interval reports, with the required and scheduled positions per interval",
      tag: 'planning',
      roles: READERS,
      query: ForecastQuery,
      responses: {
        200: { description: 'the forecast per interval', schema: ForecastResult },
        400: { description: 'a field out of range, named in the error' },
        404: { description: 'no such queue (or not yours)' },
        422: { description: 'no stored history for the queue before that day' },
      },
      async handler({ principal, query }) {
        await visibleQueue(context, principal, query.queueId);
        return (await queueForecast(context, projector, principal.tenantId, query)).result;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/planning/schedules/:queueId/:date',
      summary: 'The positions per interval a planner entered for a queue and local day',
      tag: 'planning',
      roles: READERS,
      params: ScheduleParams,
      responses: {
        200: { description: 'the schedule', schema: Schedule },
        404: { description: 'none entered' },
      },
      async handler({ principal, params }) {
        await visibleQueue(context, principal, params.queueId);
        const schedule = await enteredSchedule(
          context,
          principal.tenantId,
          params.queueId,
          params.date,
        );
        if (schedule === undefined) {
          throw new ApiError(
            404,
            'NotFound',
            `no schedule entered for queue ${params.queueId} on ${params.date}`,
          );
        }
        return schedule;
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/planning/schedules/:queueId/:date',
      summary:
        'Enter the positions scheduled per interval for a queue and local day (stored; replaces an earlier one)',
      tag: 'planning',
      roles: PLANNERS,
      params: ScheduleParams,
      body: Schedule,
      responses: {
        200: { description: 'stored', schema: Schedule },
        400: { description: 'a field out of range, named in the error' },
        404: { description: 'no such queue' },
      },
      async handler({ principal, params, body }) {
        await visibleQueue(context, principal, params.queueId);
        await context.store.putSchedule(principal.tenantId, {
          queueId: params.queueId,
          date: params.date,
          intervalMinutes: body.intervalMinutes,
          intervals: body.intervals,
          enteredBy: principal.actor,
        });
        await audit(context, principal, 'planning.schedule', `queue ${params.queueId}`, {
          date: params.date,
          intervals: body.intervals.length,
        });
        return body;
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/planning/schedules/:queueId/:date',
      summary: 'Forget the schedule entered for a queue and local day',
      tag: 'planning',
      roles: PLANNERS,
      params: ScheduleParams,
      responses: { 204: { description: 'forgotten' }, 404: { description: 'none entered' } },
      async handler({ principal, params, reply }) {
        await visibleQueue(context, principal, params.queueId);
        if (
          !(await context.store.deleteSchedule(principal.tenantId, params.queueId, params.date))
        ) {
          throw new ApiError(404, 'NotFound', `no schedule entered for queue ${params.queueId}`);
        }
        void reply.code(204);
        return null;
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/planning/what-if',
      summary:
        "Start a what-if run: the queue's forecast day played on the simulator (the real engine) with the required or scheduled agents",
      tag: 'planning',
      roles: PLANNERS,
      body: WhatIfRequest,
      responses: {
        202: { description: 'started; poll GET /api/v1/planning/what-if/{id}', schema: WhatIfRun },
        400: { description: 'a field out of range, named in the error' },
        404: { description: 'no such queue' },
        422: { description: 'no stored history, or nothing to simulate' },
        429: { description: 'too many runs already running for the tenant' },
      },
      async handler({ principal, body, reply }) {
        await visibleQueue(context, principal, body.queueId);
        const { result, queue, settings } = await queueForecast(
          context,
          projector,
          principal.tenantId,
          body,
        );
        const planned = result.intervals.map((i) => ({
          start: i.start,
          offered: i.offered,
          ahtSeconds: i.ahtSeconds,
          agents:
            body.staffing === 'required'
              ? i.agents
              : Math.floor((i.scheduledPositions ?? 0) * (1 - settings.shrinkage)),
        }));
        if (!planned.some((i) => i.offered > 0)) {
          throw new ApiError(422, 'NothingToSimulate', 'the forecast has no contact that day');
        }
        const { scenario, ids } = whatIfScenario(queue, planned, result.intervalMinutes, settings, {
          seed: body.seed,
          replications: body.replications,
          name: `what-if ${queue.id} ${body.date}`,
        });
        const run = runs.start({
          tenantId: principal.tenantId,
          queueId: queue.id,
          date: body.date,
          staffing: body.staffing,
          replications: body.replications,
          scenario,
          intervals: planned.map((p) => {
            const queueId = ids.get(p.start);
            return {
              planned: p,
              prediction: predicted(p, result.intervalMinutes, settings),
              ...(queueId === undefined ? {} : { queueId }),
            };
          }),
        });
        void reply.code(202);
        return run;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/planning/what-if/:id',
      summary:
        'A what-if run: its progress (0–100), and when done the achieved service level per interval beside the Erlang prediction',
      tag: 'planning',
      roles: PLANNERS,
      params: RunParams,
      responses: {
        200: { description: 'the run', schema: WhatIfRun },
        404: { description: 'no such run (runs live in memory)' },
      },
      handler({ principal, params }) {
        const run = runs.get(principal.tenantId, params.id);
        if (run === undefined) throw notFound('what-if run', params.id);
        return Promise.resolve(run);
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/planning/what-if/:id',
      summary: 'Cancel a what-if run (a finished one is left as it is)',
      tag: 'planning',
      roles: PLANNERS,
      params: RunParams,
      responses: {
        200: { description: 'the run, cancelled', schema: WhatIfRun },
        404: { description: 'no such run' },
      },
      handler({ principal, params }) {
        const run = runs.cancel(principal.tenantId, params.id);
        if (run === undefined) throw notFound('what-if run', params.id);
        return Promise.resolve(run);
      },
    }),
  ];
}
