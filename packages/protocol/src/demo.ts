// The demo's control (`relais serve --demo` only): the simulated day's clock and its speed.
import { z } from 'zod';

export const DEMO_MIN_SPEED = 1;
export const DEMO_MAX_SPEED = 60;
/** The speeds the web app offers (any number from 1 to 60 is accepted). */
export const DEMO_SPEEDS = [1, 5, 10, 30, 60] as const;

/** Simulated seconds played per real second. */
export const DemoSpeed = z
  .number()
  .min(DEMO_MIN_SPEED, `at least ${DEMO_MIN_SPEED} (real time)`)
  .max(DEMO_MAX_SPEED, `at most ${DEMO_MAX_SPEED} (60 simulated seconds per real second)`);

const ClockTime = z.string().regex(/^\d{2}:\d{2}$/);

export const DemoStatus = z.object({
  speed: DemoSpeed,
  paused: z.boolean(),
  /** 1 for the first simulated day; the next starts when one reaches its end. */
  day: z.int().min(1),
  /** The simulated time of day, hh:mm. */
  simulatedTime: ClockTime,
  dayStart: ClockTime,
  dayEnd: ClockTime,
  agentsSimulated: z.int().min(0),
  agentsOnShift: z.int().min(0),
  /** Arrivals per simulated hour at this time of the day. */
  arrivalsPerHour: z.number().min(0),
  /** Contacts that arrived during this simulated day. */
  arrivalsToday: z.int().min(0),
});
export type DemoStatus = z.infer<typeof DemoStatus>;

export const DemoUpdate = z
  .strictObject({ speed: DemoSpeed.optional(), paused: z.boolean().optional() })
  .refine((update) => update.speed !== undefined || update.paused !== undefined, {
    message: 'give speed, paused or both',
  });
export type DemoUpdate = z.infer<typeof DemoUpdate>;
