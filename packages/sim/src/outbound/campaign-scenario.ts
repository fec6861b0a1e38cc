// Campaigns in a scenario file (SIMO3): each is an outbound campaign day run on its own engine,
// with its own agents, generated leads and simulated called party.
import { z } from 'zod';
import { distributionSchema } from '../distributions/distribution-schema.ts';
import type { DistributionSpec } from '../distributions/distribution-spec.ts';
import { clockTimeSchema, type ClockTime } from '../scenario/clock-time.ts';
import { integer, numberBetween } from '../validation/number-schemas.ts';

export interface ScenarioCampaign {
  id: string;
  mode: 'preview' | 'progressive' | 'predictive';
  /** The rule pack: FR (default), US or UK; the leads are generated in its country. */
  pack: 'FR' | 'US' | 'UK';
  /** The local date simulated, YYYY-MM-DD. */
  date: string;
  /** The zone of the shifts, the windows and the leads' country (Europe/Paris for FR). */
  timeZone: string;
  leads: number;
  agents: number;
  /** Local spans during which every agent is logged in. */
  shifts: { start: ClockTime; end: ClockTime }[];
  /** Tightens the pack: dialing windows each open day of the pack, inside its own. */
  windows?: { from: ClockTime; to: ClockTime }[];
  calledParty: {
    answerRate: number;
    machineShare: number;
    busyRate: number;
    wrongNumberRate: number;
    failedRate: number;
    ringSeconds: DistributionSpec;
    talkSeconds: DistributionSpec;
    wrapUpSeconds: DistributionSpec;
    dispositions: { success: number; refusal: number; callback: number; doNotCall: number };
  };
  pacing: {
    abandonTarget: number;
    abandonWindowHours?: number;
    maxLinesPerAgent: number;
    ringTimeoutSeconds: number;
  };
}

const fraction = numberBetween(0, 1);
const shift = z.strictObject({ start: clockTimeSchema, end: clockTimeSchema });
const window = z.strictObject({ from: clockTimeSchema, to: clockTimeSchema });

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false; // RangeError: not an IANA zone; the issue reports it
  }
}

export const campaignSchema = z.strictObject({
  id: z.string().min(1),
  mode: z.enum(['preview', 'progressive', 'predictive']),
  pack: z.enum(['FR', 'US', 'UK']).default('FR'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date "YYYY-MM-DD"' })
    .refine((text) => !Number.isNaN(Date.parse(text)), { error: 'a calendar date' }),
  timeZone: z.string().refine(isTimeZone, { error: 'an IANA time zone such as Europe/Paris' }),
  leads: integer(1, 10_000_000),
  agents: integer(1, 10_000),
  shifts: shift.array().min(1),
  windows: window.array().min(1).exactOptional(),
  calledParty: z.strictObject({
    answerRate: fraction,
    machineShare: fraction,
    busyRate: fraction.default(0),
    wrongNumberRate: fraction.default(0),
    failedRate: fraction.default(0),
    ringSeconds: distributionSchema,
    talkSeconds: distributionSchema,
    wrapUpSeconds: distributionSchema,
    dispositions: z
      .strictObject({
        success: fraction.default(0),
        refusal: fraction.default(0),
        callback: fraction.default(0),
        doNotCall: fraction.default(0),
      })
      .default({ success: 0, refusal: 0, callback: 0, doNotCall: 0 }),
  }),
  pacing: z
    .strictObject({
      abandonTarget: numberBetween(0, 0.2).default(0.03),
      abandonWindowHours: integer(1, 720).exactOptional(),
      maxLinesPerAgent: numberBetween(1, 10).default(3),
      ringTimeoutSeconds: integer(15, 120).default(25),
    })
    .default({ abandonTarget: 0.03, maxLinesPerAgent: 3, ringTimeoutSeconds: 25 }),
}) satisfies z.ZodType<ScenarioCampaign>;
