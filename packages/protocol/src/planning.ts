// Planning (workforce management) over the API: the Erlang calculator, a queue's forecast with its
// required and scheduled positions per interval, the schedule a planner enters, and what-if runs
// on the simulator. The web app validates its forms with these same schemas.
import { z } from 'zod';
import { Id } from './common.ts';

export const PLANNING_INTERVAL_MINUTES = [15, 30, 60] as const;
export const STAFFING_MODELS = ['erlang-c', 'erlang-a'] as const;
export const StaffingModel = z.enum(STAFFING_MODELS);
export type StaffingModel = z.infer<typeof StaffingModel>;

const intervalMessage = 'expected 15, 30 or 60 (minutes)';
const isInterval = (n: number): boolean =>
  (PLANNING_INTERVAL_MINUTES as readonly number[]).includes(n);

/** "YYYY-MM-DD", a local date of the site's time zone. */
export const PlanningDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'no such date');

/** "HH:mm", the local start of an interval. */
export const IntervalStart = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:mm');

/** The targets and model of a staffing calculation (fractions are 0–1, durations seconds). */
const targetFields = {
  model: StaffingModel.default('erlang-c'),
  /** Fraction of contacts answered within the threshold, e.g. 0.8 for 80/20. */
  serviceLevelTarget: z
    .number()
    .gt(0, 'expected more than 0')
    .lt(1, 'expected less than 1 (a fraction, e.g. 0.8)'),
  thresholdSeconds: z.number().min(0).max(3600),
  /** Mean caller patience, required by Erlang A (callers who abandon). */
  patienceSeconds: z.number().gt(0).max(86_400).optional(),
  /** Fraction of paid time off the phones: positions = ceil(agents / (1 − shrinkage)). */
  shrinkage: z.number().min(0).lt(1, 'expected less than 1 (a fraction, e.g. 0.3)').default(0),
};

type WithModel = { model: StaffingModel; patienceSeconds?: number | undefined };
const patienceForErlangA = (value: WithModel, ctx: z.RefinementCtx): void => {
  if (value.model === 'erlang-a' && value.patienceSeconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['patienceSeconds'],
      message: 'Erlang A needs the mean patience in seconds',
    });
  }
};

export const ErlangRequest = z
  .strictObject({
    ...targetFields,
    /** Contacts offered in one interval. */
    callsPerInterval: z.number().min(0).max(1_000_000),
    ahtSeconds: z.number().gt(0, 'expected more than 0 seconds').max(86_400),
    intervalMinutes: z.number().refine(isInterval, intervalMessage).default(30),
    /** Given: the measures of this many agents; omitted: the least agents meeting the target. */
    agents: z.int().min(1).max(100_000).optional(),
  })
  .superRefine(patienceForErlangA);
export type ErlangRequest = z.input<typeof ErlangRequest>;

export const ErlangResult = z.object({
  model: StaffingModel,
  trafficErlangs: z.number(),
  /** Agents on the phones (computed, or the ones given). */
  agents: z.number(),
  /** ceil(agents / (1 − shrinkage)). */
  positions: z.number(),
  serviceLevel: z.number(),
  /** null when the queue grows without bound (Erlang C with agents ≤ traffic). */
  asaSeconds: z.number().nullable(),
  occupancy: z.number(),
  pWait: z.number(),
  pAbandon: z.number(),
  meetsTarget: z.boolean(),
});
export type ErlangResult = z.infer<typeof ErlangResult>;

/** Query of GET /api/v1/planning/forecast (numbers as query strings). */
export const ForecastQuery = z
  .object({
    queueId: Id,
    date: PlanningDate,
    intervalMinutes: z.coerce.number().refine(isInterval, intervalMessage).default(30),
    /** Weeks of stored history before `date` to learn from. */
    weeks: z.coerce.number().int().min(1).max(13).default(8),
    model: StaffingModel.default('erlang-c'),
    /** Default: the queue's configured target, else 80/20. */
    serviceLevelTarget: z.coerce.number().gt(0).lt(1).optional(),
    thresholdSeconds: z.coerce.number().min(0).max(3600).optional(),
    patienceSeconds: z.coerce.number().gt(0).max(86_400).optional(),
    shrinkage: z.coerce.number().min(0).lt(1).default(0),
  })
  .superRefine(patienceForErlangA);
export type ForecastQuery = z.input<typeof ForecastQuery>;

export const ForecastInterval = z.object({
  /** Local start, "HH:mm". */
  start: IntervalStart,
  startUtc: z.string(),
  offered: z.number(),
  ahtSeconds: z.number(),
  /** Agents on the phones meeting the target (Erlang). */
  agents: z.number(),
  requiredPositions: z.number(),
  /** null when no schedule covers the interval. */
  scheduledPositions: z.number().nullable(),
  /** Erlang service level with the required agents. */
  predictedServiceLevel: z.number(),
  /** Erlang service level with the scheduled positions (less shrinkage); null without schedule. */
  scheduledServiceLevel: z.number().nullable(),
});
export type ForecastInterval = z.infer<typeof ForecastInterval>;

export const SCHEDULE_SOURCES = ['entered', 'configured-agents'] as const;

export const ForecastResult = z.object({
  queueId: Id,
  date: PlanningDate,
  zone: z.string(),
  intervalMinutes: z.number(),
  method: z.string(),
  history: z.object({
    from: PlanningDate,
    to: PlanningDate,
    days: z.number(),
    offered: z.number(),
  }),
  settings: z.object({
    model: StaffingModel,
    serviceLevelTarget: z.number(),
    thresholdSeconds: z.number(),
    patienceSeconds: z.number().optional(),
    shrinkage: z.number(),
  }),
  /**
   * `entered`: the schedule a planner entered for this queue and day; `configured-agents`: none
   * entered, the agents configured with the queue's skills, counted all day (no shifts are kept).
   */
  scheduleSource: z.enum(SCHEDULE_SOURCES),
  intervals: z.array(ForecastInterval),
});
export type ForecastResult = z.infer<typeof ForecastResult>;

export const ScheduleParams = z.object({ queueId: Id, date: PlanningDate });

export const Schedule = z
  .strictObject({
    intervalMinutes: z.number().refine(isInterval, intervalMessage),
    intervals: z
      .array(z.strictObject({ start: IntervalStart, positions: z.int().min(0).max(100_000) }))
      .min(1)
      .max(96),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.intervals.forEach((interval, index) => {
      const [h = 0, m = 0] = interval.start.split(':').map(Number);
      if ((h * 60 + m) % value.intervalMinutes !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['intervals', index, 'start'],
          message: `expected the start of a ${value.intervalMinutes}-minute interval`,
        });
      }
      if (seen.has(interval.start)) {
        ctx.addIssue({
          code: 'custom',
          path: ['intervals', index, 'start'],
          message: 'given twice',
        });
      }
      seen.add(interval.start);
    });
  });
export type Schedule = z.infer<typeof Schedule>;

export const WhatIfRequest = z
  .strictObject({
    ...targetFields,
    queueId: Id,
    date: PlanningDate,
    intervalMinutes: z.number().refine(isInterval, intervalMessage).default(30),
    weeks: z.int().min(1).max(13).default(8),
    /** `required`: the Erlang agents; `scheduled`: the scheduled positions less shrinkage. */
    staffing: z.enum(['required', 'scheduled']).default('required'),
    replications: z.int().min(1).max(20).default(5),
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .superRefine(patienceForErlangA);
export type WhatIfRequest = z.input<typeof WhatIfRequest>;

export const WhatIfInterval = z.object({
  start: IntervalStart,
  offered: z.number(),
  agents: z.number(),
  predictedServiceLevel: z.number(),
  achievedServiceLevel: z.number(),
  /** Half-width of the 95% confidence interval of the achieved level, across replications. */
  achievedCi95: z.number(),
  predictedAbandonRate: z.number(),
  achievedAbandonRate: z.number(),
});
export type WhatIfInterval = z.infer<typeof WhatIfInterval>;

export const WHAT_IF_STATUSES = ['running', 'done', 'failed', 'cancelled'] as const;

export const WhatIfRun = z.object({
  id: z.string(),
  queueId: Id,
  date: PlanningDate,
  status: z.enum(WHAT_IF_STATUSES),
  /** 0–100. */
  progress: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  staffing: z.enum(['required', 'scheduled']),
  replications: z.number(),
  intervals: z.array(WhatIfInterval).optional(),
  /** Offered-weighted over the intervals. */
  totals: z
    .object({ predictedServiceLevel: z.number(), achievedServiceLevel: z.number() })
    .optional(),
});
export type WhatIfRun = z.infer<typeof WhatIfRun>;

/** What the planning page reads of GET /api/v1/queues and /api/v1/sites. */
export const PlanningQueueList = z.object({
  items: z.array(
    z.looseObject({
      id: Id,
      serviceLevel: z.looseObject({ thresholdSeconds: z.number(), target: z.number() }).optional(),
    }),
  ),
});
export const PlanningSiteList = z.object({
  items: z.array(z.looseObject({ id: Id, city: z.string(), timeZone: z.string() })),
});
export type PlanningQueueList = z.infer<typeof PlanningQueueList>;
export type PlanningSiteList = z.infer<typeof PlanningSiteList>;
