// `relais serve --demo`: the simulated day, as pure functions of a seed. A French client's day
// runs from 8:00 to 20:00; arrivals follow an intraday profile, agents work shifts laid over that
// profile, with coded pauses (breaks, lunch, training) during their shift.
import { Random } from '../workload/random.ts';

export const HOUR_S = 3600;
export const HALF_HOUR_S = 1800;
/** The simulated day: 8:00 to 20:00, in seconds since midnight. */
export const DAY_START_S = 8 * HOUR_S;
export const DAY_END_S = 20 * HOUR_S;
export const DAY_S = 24 * HOUR_S;
export const SLOTS = (DAY_END_S - DAY_START_S) / HALF_HOUR_S;

/**
 * Mean offered calls per half-hour from 8:00 to 20:00, over the 15 weekdays (Sunday to Thursday)
 * of the real records in data/anonymous-bank-1999-02-days01-21.tsv (counted by `vru_exit`, the
 * convention of data/README.md: calls that waited or were served, no PHANTOM). Only the shape is
 * used: a rise at 8:00, a dip over lunch, an afternoon peak and a tail to the evening.
 */
export const ARRIVAL_PROFILE: readonly number[] = [
  37.0, 60.9, 49.4, 58.9, 61.8, 61.9, 57.1, 54.6, 45.0, 45.8, 48.4, 56.9, 57.2, 56.3, 54.5, 56.5,
  60.5, 59.7, 47.1, 40.7, 41.5, 36.6, 34.1, 33.8,
];
const PROFILE_MAX = Math.max(...ARRIVAL_PROFILE);

/** Mean talk time of served calls in the same records (171.5 s), and the simulated wrap-up. */
export const MEAN_TALK_S = 171.5;
export const MEAN_WRAP_S = 15;
export const MEAN_HANDLE_S = MEAN_TALK_S + MEAN_WRAP_S;
export const MEAN_PATIENCE_S = 150;
/** The occupancy the arrival rate aims at, over the day, for the agents on shift and not paused. */
export const TARGET_OCCUPANCY = 0.85;

/** The profile at a second of the day, relative to its busiest half-hour (0 outside 8:00–20:00). */
export function profileAt(secondOfDay: number): number {
  if (secondOfDay < DAY_START_S || secondOfDay >= DAY_END_S) return 0;
  const slot = Math.floor((secondOfDay - DAY_START_S) / HALF_HOUR_S);
  return (ARRIVAL_PROFILE[slot] ?? 0) / PROFILE_MAX;
}

/** A shift: the half-hour slot it starts at and how many slots it lasts. */
export interface Shift {
  startSlot: number;
  slots: number;
}

/** The shifts worked: 7 h and 6 h (lunch included), and part-time 4 h, with their shares. */
export const SHIFT_MIX: readonly { slots: number; share: number }[] = [
  { slots: 14, share: 0.4 },
  { slots: 12, share: 0.3 },
  { slots: 8, share: 0.3 },
];
/** Shifts this long or longer include a lunch break. */
export const FULL_TIME_SLOTS = 12;

/**
 * One shift per agent, laid so that the agents on shift follow the arrival profile: the slots
 * worked in all (expected from the mix of full- and part-time) are shared out in proportion to
 * the profile, and each agent in turn takes the start where the shortfall against that share,
 * summed over the shift, is largest. Deterministic for a seed.
 */
export function planShifts(agentCount: number, seed: number): Shift[] {
  const random = new Random(seed);
  const lengths = Array.from(
    { length: agentCount },
    () => SHIFT_MIX[random.weightedIndex(SHIFT_MIX.map((m) => m.share))]?.slots as number,
  );
  const worked = lengths.reduce((a, b) => a + b, 0);
  const profileTotal = ARRIVAL_PROFILE.reduce((a, b) => a + b, 0);
  const target = ARRIVAL_PROFILE.map((value) => (value / profileTotal) * worked);
  const covered = new Array<number>(SLOTS).fill(0);
  // Long shifts first: the short ones then fill what is left.
  const order = lengths
    .map((_, i) => i)
    .sort((a, b) => (lengths[b] as number) - (lengths[a] as number));
  const shifts: Shift[] = new Array<Shift>(agentCount);
  for (const a of order) {
    const slots = lengths[a] as number;
    let best = 0;
    let bestScore = -Infinity;
    for (let start = 0; start + slots <= SLOTS; start++) {
      let score = 0;
      for (let s = start; s < start + slots; s++)
        score += (target[s] as number) - (covered[s] as number);
      if (score > bestScore + 1e-9) {
        best = start;
        bestScore = score;
      }
    }
    for (let s = best; s < best + slots; s++) covered[s] = (covered[s] as number) + 1;
    shifts[a] = { startSlot: best, slots };
  }
  return shifts;
}

/** How many agents are on shift in each half-hour slot. */
export function coverage(shifts: readonly Shift[]): number[] {
  const covered = new Array<number>(SLOTS).fill(0);
  for (const shift of shifts) {
    for (let s = shift.startSlot; s < shift.startSlot + shift.slots; s++) {
      covered[s] = (covered[s] as number) + 1;
    }
  }
  return covered;
}

/** The pause codes the simulated agents use. */
export const PAUSE_CODES = [
  { id: 'break', label: 'Pause' },
  { id: 'lunch', label: 'Déjeuner' },
  { id: 'training', label: 'Formation', productive: true },
] as const;
export type DemoPause = (typeof PAUSE_CODES)[number]['id'];

/** What a simulated agent does at a second of the day. */
export type AgentStep =
  | { atS: number; kind: 'login' }
  | { atS: number; kind: 'logout' }
  | { atS: number; kind: 'pause'; code: DemoPause }
  | { atS: number; kind: 'available' };

/** Share of full-time agents who spend an hour in training on a given day. */
export const TRAINING_SHARE = 0.15;

/**
 * One agent's day: login at the shift's start (give or take a few minutes), a 15-minute break
 * in each half of the shift, 45 minutes of lunch in the middle of a full-time shift, for some an
 * hour of training, and logout at the end. Steps are in order; times in seconds of the day.
 */
export function agentDay(shift: Shift, random: Random): AgentStep[] {
  const start = DAY_START_S + shift.startSlot * HALF_HOUR_S + random.int(-5, 5) * 60;
  const end = Math.min(
    DAY_END_S - 60,
    DAY_START_S + (shift.startSlot + shift.slots) * HALF_HOUR_S + random.int(-5, 5) * 60,
  );
  const length = end - start;
  const steps: AgentStep[] = [{ atS: Math.max(DAY_START_S, start), kind: 'login' }];
  const pause = (atS: number, code: DemoPause, minutes: number): void => {
    steps.push({ atS: Math.round(atS), kind: 'pause', code });
    steps.push({ atS: Math.round(atS + minutes * 60), kind: 'available' });
  };
  const full = shift.slots >= FULL_TIME_SLOTS;
  pause(start + length * random.between(0.18, 0.3), 'break', 15);
  if (full) {
    const lunch = start + length * random.between(0.45, 0.52);
    pause(lunch, 'lunch', 45);
    if (random.chance(TRAINING_SHARE)) pause(lunch + 75 * 60, 'training', 60);
  }
  pause(start + length * random.between(full ? 0.78 : 0.6, full ? 0.86 : 0.75), 'break', 15);
  steps.push({ atS: end, kind: 'logout' });
  return steps.sort((a, b) => a.atS - b.atS);
}

/** Share of a shift spent paused, on average (for the arrival rate). */
export function pausedShare(shift: Shift): number {
  const full = shift.slots >= FULL_TIME_SLOTS;
  const minutes = full ? 15 + 45 + 15 + TRAINING_SHARE * 60 : 15 + 15;
  return (minutes * 60) / (shift.slots * HALF_HOUR_S);
}

/**
 * Arrivals per simulated second for the whole network at its busiest half-hour: over the day,
 * the contacts' handle time fills TARGET_OCCUPANCY of the time the agents are on shift and not
 * paused. Each half-hour then gets this × profileAt.
 */
export function peakArrivalRate(shifts: readonly Shift[]): number {
  let productiveSeconds = 0;
  for (const shift of shifts) {
    productiveSeconds += shift.slots * HALF_HOUR_S * (1 - pausedShare(shift));
  }
  let profileSeconds = 0;
  for (const value of ARRIVAL_PROFILE) profileSeconds += (value / PROFILE_MAX) * HALF_HOUR_S;
  return (TARGET_OCCUPANCY * productiveSeconds) / (MEAN_HANDLE_S * profileSeconds);
}

/**
 * The expected arrivals for the whole network between two simulated times of the same day (ms),
 * at the rate of the half-hour their midpoint falls in.
 */
export function expectedArrivals(peakRate: number, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const midSecond = Math.floor(((fromMs + toMs) / 2 / 1000) % DAY_S);
  return (peakRate * profileAt(midSecond) * (toMs - fromMs)) / 1000;
}

/** A Poisson draw with the given mean (Knuth's method below 30, a rounded normal above). */
export function poisson(mean: number, random: Random): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = 1 - random.next();
    const v = random.next();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

/** hh:mm of a second of the day. */
export function clockText(secondOfDay: number): string {
  const minutes = Math.floor(secondOfDay / 60);
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
