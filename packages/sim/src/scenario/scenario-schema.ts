/** Zod schema of a scenario document: shapes, ranges and defaults, field by field. */
import { DEFAULTS, type AgentSelection, type ServiceLevelFormula } from '@relais/engine';
import { z } from 'zod';
import { distributionSchema } from '../distributions/distribution-schema.ts';
import { campaignSchema } from '../outbound/campaign-scenario.ts';
import { integer, numberBetween } from '../validation/number-schemas.ts';
import { clockTimeSchema } from './clock-time.ts';
import type { Scenario } from './scenario.ts';

// Records keyed by the engine's unions, so a new strategy or formula fails to compile here.
const STRATEGY_NAMES: Record<AgentSelection, true> = {
  'longest-idle': true,
  'most-skilled': true,
  'least-occupied': true,
  'round-robin': true,
};
const FORMULA_NAMES: Record<ServiceLevelFormula, true> = {
  answered: true,
  offered: true,
  'abandon-neutral': true,
  'abandon-positive': true,
};
const strategy = z.enum(Object.keys(STRATEGY_NAMES) as [AgentSelection, ...AgentSelection[]]);
const formula = z.enum(
  Object.keys(FORMULA_NAMES) as [ServiceLevelFormula, ...ServiceLevelFormula[]],
);

const id = z.string().min(1);
const fraction = numberBetween(0, 1);
/** skill → proficiency (agents) or minimum proficiency (queues), as the engine grades them. */
const skills = z.record(id, integer(1, 10));

const arrivalWindow = z.strictObject({
  from: clockTimeSchema,
  to: clockTimeSchema,
  perHour: z.number().min(0),
});
const historyArrivals = z.looseObject({ history: id });
const arrivals = z.union([arrivalWindow.array().min(1), historyArrivals], {
  error: 'a list of arrival windows { from, to, perHour }, or { history: "file" }',
});

const serviceLevel = z.strictObject({
  thresholdSeconds: z.number().min(0),
  target: fraction,
  formula: formula.default('offered'),
});

const queue = z.strictObject({
  id,
  skills,
  priority: integer().default(0),
  strategy: strategy.exactOptional(),
  arrivals,
  handleSeconds: distributionSchema,
  patienceSeconds: distributionSchema.exactOptional(),
  wrapUpSeconds: distributionSchema.exactOptional(),
  retrial: z
    .strictObject({ probability: fraction, delaySeconds: distributionSchema })
    .exactOptional(),
  serviceLevel: serviceLevel.default({
    thresholdSeconds: DEFAULTS.thresholdSeconds,
    target: DEFAULTS.slTarget,
    formula: 'offered',
  }),
});

const shift = z.strictObject({ start: clockTimeSchema, end: clockTimeSchema });

const agentGroup = z.strictObject({
  name: id,
  count: integer(0),
  site: id.exactOptional(),
  skills,
  shifts: shift.array().exactOptional(),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false; // RangeError: not an IANA zone; the issue reports it
  }
}

const site = z.strictObject({
  id,
  city: z.string().min(1),
  timeZone: z.string().refine(isTimeZone, {
    error: 'an IANA time zone such as Africa/Casablanca',
  }),
  positions: integer(0),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  seed: integer(),
  replications: integer(1),
  days: integer(1).default(1),
  day: z.strictObject({ start: clockTimeSchema, end: clockTimeSchema }),
  lines: integer(1).exactOptional(),
  routing: z.strictObject({ strategy }),
  // At least one queue (or one campaign) and one agent group: checked in scenario-checks.ts.
  queues: queue.array(),
  agents: agentGroup.array(),
  sites: site.array().default([]),
  campaigns: campaignSchema.array().exactOptional(),
}) satisfies z.ZodType<Scenario>;

/** A scenario document before defaults are applied, e.g. for builders in tests. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
