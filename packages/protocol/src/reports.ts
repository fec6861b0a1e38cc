// GET /api/v1/reports: interval KPIs (KPI.md) per queue, client, site or agent, as the server
// sends them (JSON); the same query with format=csv gives the file.
import { z } from 'zod';

export const REPORT_DIMENSIONS = ['queue', 'client', 'site', 'agent'] as const;
export const ReportDimension = z.enum(REPORT_DIMENSIONS);
export type ReportDimension = z.infer<typeof ReportDimension>;

/** Interval sizes: minutes, or 'day' (local midnight to midnight). */
export const REPORT_INTERVALS = ['15', '30', '60', 'day'] as const;
export type ReportIntervalSize = (typeof REPORT_INTERVALS)[number];

export const SERVICE_LEVEL_FORMULAS = [
  'answered',
  'offered',
  'abandon-neutral',
  'abandon-positive',
] as const;
export const ServiceLevelFormulaId = z.enum(SERVICE_LEVEL_FORMULAS);
export type ServiceLevelFormulaId = z.infer<typeof ServiceLevelFormulaId>;

/** Counts and milliseconds; every KPI is computed from them. */
export const ReportCounters = z.looseObject({
  offered: z.number(),
  answered: z.number(),
  answeredWithin: z.number(),
  abandoned: z.number(),
  abandonedShort: z.number(),
  abandonedWithin: z.number(),
  waitAnsweredMs: z.number(),
  waitAbandonedMs: z.number(),
  maxWaitMs: z.number(),
  transferred: z.number(),
  overflowed: z.number(),
  handled: z.number(),
  talkMs: z.number(),
  holdMs: z.number(),
  wrapMs: z.number(),
  loggedInMs: z.number(),
  availableMs: z.number(),
  busyMs: z.number(),
  wrapUpMs: z.number(),
  pausedMs: z.number(),
});
export type ReportCounters = z.infer<typeof ReportCounters>;

/** A ratio with nothing to divide is null ("no data"). */
export const ReportKpis = z.looseObject({
  serviceLevel: z.number().nullable(),
  asaSeconds: z.number().nullable(),
  ahtSeconds: z.number().nullable(),
  abandonRate: z.number().nullable(),
  averageAbandonWaitSeconds: z.number().nullable(),
  occupancy: z.number().nullable(),
  utilisation: z.number().nullable(),
});
export type ReportKpis = z.infer<typeof ReportKpis>;

/** Every entity of a report merged over one interval. */
export const ReportIntervalLine = z.object({
  /** Local start "YYYY-MM-DDTHH:mm" in the report's zone. */
  start: z.string(),
  startUtc: z.string(),
  counters: ReportCounters,
  kpis: ReportKpis,
});

export type ReportIntervalLine = z.infer<typeof ReportIntervalLine>;

export const ReportLine = ReportIntervalLine.extend({
  id: z.string(),
  pauseSeconds: z.record(z.string(), z.number()).optional(),
});
export type ReportLine = z.infer<typeof ReportLine>;

export const ReportTotal = z.object({
  id: z.string(),
  counters: ReportCounters,
  kpis: ReportKpis,
  pauseSeconds: z.record(z.string(), z.number()).optional(),
});
export type ReportTotal = z.infer<typeof ReportTotal>;

export const ReportView = z.object({
  dimension: ReportDimension,
  zone: z.string(),
  intervalMinutes: z.number(),
  from: z.string(),
  to: z.string(),
  serviceLevel: z.record(
    z.string(),
    z.object({ formula: ServiceLevelFormulaId, text: z.string(), thresholdSeconds: z.number() }),
  ),
  lines: z.array(ReportLine),
  totals: z.array(ReportTotal),
  total: ReportTotal.omit({ id: true }),
  /** Every entity merged per interval: the charts' series. */
  intervals: z.array(ReportIntervalLine),
  intervalFormula: ServiceLevelFormulaId,
  lastSeq: z.int(),
});
export type ReportView = z.infer<typeof ReportView>;
