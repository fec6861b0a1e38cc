// A queue's forecast for one local day, from the interval reports the server keeps (the live
// projection and any imported history, as GET /api/v1/reports reads them), staffed per interval
// by the Erlang maths of @relais/wfm and set beside the scheduled positions.
import { buildReport, type IntervalMinutes, type Zone } from '@relais/reports';
import type { ForecastResult, Queue, StaffingModel } from '@relais/protocol';
import {
  erlangA,
  erlangCMetrics,
  forecastIntervalHistory,
  isoDate,
  parseIsoDate,
  staffQueue,
  WfmError,
  type IntervalHistory,
} from '@relais/wfm';
import type { ServerContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import type { ReportProjector } from '../reports/report-projector.ts';
import { zoneFor } from '../reports/report-routes.ts';
import { enteredSchedule } from './schedules.ts';

/** Planning works in 15-, 30- or 60-minute intervals (the reports also know whole days). */
type PlanningMinutes = Exclude<IntervalMinutes, 1440>;
const DAY_MS = 86_400_000;

export interface StaffingSettings {
  model: StaffingModel;
  serviceLevelTarget: number;
  thresholdSeconds: number;
  patienceSeconds?: number | undefined;
  shrinkage: number;
}

export interface ForecastAsk {
  queueId: string;
  date: string;
  intervalMinutes: number;
  weeks: number;
  model: StaffingModel;
  serviceLevelTarget?: number | undefined;
  thresholdSeconds?: number | undefined;
  patienceSeconds?: number | undefined;
  shrinkage: number;
}

/** A 400 naming the field, in the API's one validation shape. */
export const invalidField = (path: string, message: string): ApiError =>
  new ApiError(400, 'ValidationFailed', `${path}: ${message}`, [{ path, message }]);

/** The measures of `agents` for one interval's load under the settings' model. */
export function measuresFor(
  agents: number,
  offered: number,
  ahtSeconds: number,
  intervalMinutes: number,
  settings: StaffingSettings,
): {
  serviceLevel: number;
  pAbandon: number;
  asaSeconds: number;
  occupancy: number;
  pWait: number;
} {
  const trafficErlangs = (offered / (intervalMinutes * 60)) * ahtSeconds;
  if (trafficErlangs === 0) {
    return { serviceLevel: 1, pAbandon: 0, asaSeconds: 0, occupancy: 0, pWait: 0 };
  }
  if (agents < 1)
    return { serviceLevel: 0, pAbandon: 1, asaSeconds: Infinity, occupancy: 1, pWait: 1 };
  if (settings.model === 'erlang-a' && settings.patienceSeconds !== undefined) {
    const m = erlangA(
      { agents, trafficErlangs, ahtSeconds, patienceSeconds: settings.patienceSeconds },
      settings.thresholdSeconds,
    );
    return { ...m, serviceLevel: m.serviceLevel.offered };
  }
  const m = erlangCMetrics({ agents, trafficErlangs, ahtSeconds }, settings.thresholdSeconds);
  return { ...m, pAbandon: 0 };
}

export interface QueueForecast {
  result: ForecastResult;
  queue: Queue;
  settings: StaffingSettings;
}

export async function queueForecast(
  context: ServerContext,
  projector: ReportProjector,
  tenantId: string,
  ask: ForecastAsk,
): Promise<QueueForecast> {
  const record = await context.store.getConfig<Queue>(tenantId, 'queue', ask.queueId);
  if (record === undefined) throw notFound('queue', ask.queueId);
  const queue = record.data;
  const settings: StaffingSettings = {
    model: ask.model,
    serviceLevelTarget: ask.serviceLevelTarget ?? queue.serviceLevel?.target ?? 0.8,
    thresholdSeconds: ask.thresholdSeconds ?? queue.serviceLevel?.thresholdSeconds ?? 20,
    ...(ask.patienceSeconds === undefined ? {} : { patienceSeconds: ask.patienceSeconds }),
    shrinkage: ask.shrinkage,
  };
  if (!(settings.serviceLevelTarget > 0 && settings.serviceLevelTarget < 1)) {
    throw invalidField('serviceLevelTarget', 'the queue has no target in (0, 1); give one');
  }
  const zone = await zoneFor(context, tenantId, undefined);
  const fromDay = parseIsoDate(ask.date) as number; // the schema checked the date
  const firstDay = fromDay - ask.weeks * 7;
  const minutes = ask.intervalMinutes as PlanningMinutes;
  const history = await storedHistory(context, projector, tenantId, zone, {
    queueId: queue.id,
    firstDay,
    days: fromDay - firstDay,
    intervalMinutes: minutes,
  });
  const series = history.queues[0];
  const offeredTotal = series === undefined ? 0 : series.offered.reduce((a, b) => a + b, 0);
  if (offeredTotal === 0) {
    throw new ApiError(
      422,
      'NoHistory',
      `queue ${queue.id} has no contact in the ${ask.weeks} weeks before ${ask.date}: the forecast learns from the stored interval reports (traffic, or a history loaded with relais import-history)`,
      { queueId: queue.id, from: isoDate(firstDay), to: isoDate(fromDay - 1) },
    );
  }
  let forecast;
  try {
    forecast = forecastIntervalHistory(history, { intervalMinutes: minutes, fromDay, days: 1 });
  } catch (error) {
    if (error instanceof WfmError)
      throw new ApiError(422, error.code, error.message, error.details);
    throw error;
  }
  const entered = await enteredSchedule(context, tenantId, queue.id, ask.date);
  const scheduledAt = entered === undefined ? undefined : scheduleMap(entered, minutes);
  const configured = entered === undefined ? await agentsFor(context, tenantId, queue) : 0;
  let hint: number | undefined;
  const intervals: ForecastResult['intervals'] = [];
  for (const interval of forecast.intervals) {
    if (interval.queue !== queue.id) continue;
    const aht = interval.ahtSeconds > 0 ? interval.ahtSeconds : 1;
    const trafficErlangs = (interval.offered / (minutes * 60)) * aht;
    let staffing;
    try {
      staffing = staffQueue({
        model: settings.model,
        load: {
          trafficErlangs,
          ahtSeconds: aht,
          ...(settings.patienceSeconds === undefined
            ? {}
            : { patienceSeconds: settings.patienceSeconds }),
        },
        targets: {
          serviceLevel: {
            fraction: settings.serviceLevelTarget,
            thresholdSeconds: settings.thresholdSeconds,
          },
        },
        shrinkage: settings.shrinkage,
        ...(hint === undefined ? {} : { hint }),
      });
    } catch (error) {
      if (error instanceof WfmError)
        throw new ApiError(422, error.code, error.message, error.details);
      throw error;
    }
    hint = staffing.agents;
    const start = clock(interval.startSeconds);
    const scheduledPositions =
      scheduledAt === undefined ? configured : (scheduledAt.get(start) ?? null);
    const scheduledAgents =
      scheduledPositions === null
        ? null
        : Math.floor(scheduledPositions * (1 - settings.shrinkage));
    intervals.push({
      start,
      startUtc: new Date(
        zone.utcOfWall(fromDay * DAY_MS + interval.startSeconds * 1000),
      ).toISOString(),
      offered: interval.offered,
      ahtSeconds: interval.ahtSeconds,
      agents: staffing.agents,
      requiredPositions: staffing.positions,
      scheduledPositions,
      predictedServiceLevel: staffing.serviceLevel,
      scheduledServiceLevel:
        scheduledAgents === null
          ? null
          : measuresFor(scheduledAgents, interval.offered, aht, minutes, settings).serviceLevel,
    });
  }
  return {
    queue,
    settings,
    result: {
      queueId: queue.id,
      date: ask.date,
      zone: zone.name,
      intervalMinutes: minutes,
      method: forecast.queues[0]?.method ?? 'poisson-regression',
      history: {
        from: isoDate(history.firstDay),
        to: isoDate(fromDay - 1),
        days: history.days,
        offered: offeredTotal,
      },
      settings: {
        model: settings.model,
        serviceLevelTarget: settings.serviceLevelTarget,
        thresholdSeconds: settings.thresholdSeconds,
        ...(settings.patienceSeconds === undefined
          ? {}
          : { patienceSeconds: settings.patienceSeconds }),
        shrinkage: settings.shrinkage,
      },
      scheduleSource: entered === undefined ? 'configured-agents' : 'entered',
      intervals,
    },
  };
}

/** "HH:mm" of seconds after midnight. */
export function clock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The entered schedule's positions per interval start, re-cut to the asked interval length. */
function scheduleMap(
  schedule: { intervalMinutes: number; intervals: { start: string; positions: number }[] },
  minutes: number,
): Map<string, number> {
  const byMinute = new Map<number, number>();
  for (const { start, positions } of schedule.intervals) {
    const [h = 0, m = 0] = start.split(':').map(Number);
    for (let k = 0; k < schedule.intervalMinutes; k += 15) byMinute.set(h * 60 + m + k, positions);
  }
  // An interval longer than the schedule's: the fewest positions over it (what is sure).
  const out = new Map<string, number>();
  for (let start = 0; start < 1440; start += minutes) {
    let least: number | undefined;
    for (let k = 0; k < minutes; k += 15) {
      const value = byMinute.get(start + k);
      if (value === undefined) {
        least = undefined;
        break;
      }
      least = least === undefined ? value : Math.min(least, value);
    }
    if (least !== undefined) out.set(clock(start * 60), least);
  }
  return out;
}

/** Configured agents having every skill of the queue at its minimum proficiency. */
async function agentsFor(context: ServerContext, tenantId: string, queue: Queue): Promise<number> {
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const page = await context.store.listConfig<{ skills: Record<string, number> }>(
      tenantId,
      'agent',
      { limit: 1000, ...(after === undefined ? {} : { after }) },
    );
    for (const agent of page) {
      const skills = agent.data.skills;
      if (Object.entries(queue.skills).every(([skill, min]) => (skills[skill] ?? 0) >= min))
        count++;
    }
    if (page.length < 1000) return count;
    after = page[page.length - 1]?.id;
  }
}

/** The queue's stored interval counts over [firstDay, firstDay + days), local days of `zone`. */
async function storedHistory(
  context: ServerContext,
  projector: ReportProjector,
  tenantId: string,
  zone: Zone,
  ask: { queueId: string; firstDay: number; days: number; intervalMinutes: PlanningMinutes },
): Promise<IntervalHistory> {
  const { queueId, firstDay, days, intervalMinutes } = ask;
  const fromMs = zone.fromLocal(isoDate(firstDay));
  const toMs = zone.fromLocal(isoDate(firstDay + days));
  await context.tenants.get(tenantId);
  const read = await projector.rows(tenantId, {
    dimension: 'queue',
    fromMs: fromMs - 60 * 60_000,
    toMs: toMs + 60 * 60_000,
    nowMs: context.clock(),
  });
  const report = buildReport(
    { dimension: 'queue', fromMs, toMs, intervalMinutes, zone: zone.name, ids: [queueId] },
    read.rows,
    [],
    read.ruleOf,
  );
  const perDay = 1440 / intervalMinutes;
  const size = days * perDay;
  const offered = new Float64Array(size);
  const answered = new Float64Array(size);
  const handleSeconds = new Float64Array(size);
  for (const line of report.lines) {
    if (line.id !== queueId) continue;
    const day = parseIsoDate(line.start.slice(0, 10));
    if (day === undefined) continue;
    const minute = Number(line.start.slice(11, 13)) * 60 + Number(line.start.slice(14, 16));
    const index = (day - firstDay) * perDay + Math.floor(minute / intervalMinutes);
    if (index < 0 || index >= size) continue;
    const c = line.counters;
    offered[index] = (offered[index] ?? 0) + c.offered;
    answered[index] = (answered[index] ?? 0) + c.handled;
    handleSeconds[index] = (handleSeconds[index] ?? 0) + (c.talkMs + c.holdMs + c.wrapMs) / 1000;
  }
  // As forecastHistory does with contact records, the history starts on its first day with a
  // contact: days before it are not "closed days" but days Relais has no figures for.
  const firstIndex = offered.findIndex((count) => count > 0);
  const skip = firstIndex < 0 ? 0 : Math.floor(firstIndex / perDay);
  const from = skip * perDay;
  return {
    intervalMinutes,
    intervalsPerDay: perDay,
    firstDay: firstDay + skip,
    days: days - skip,
    queues: [
      {
        queue: queueId,
        offered: offered.subarray(from),
        answered: answered.subarray(from),
        handleSeconds: handleSeconds.subarray(from),
      },
    ],
  };
}
