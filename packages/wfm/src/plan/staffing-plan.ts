import { WfmError } from '../errors.ts';
import type { ErlangATargets } from '../erlang/staffing.ts';
import { ALL_QUEUES, type IntervalForecast } from '../forecast/forecast.ts';
import { requireIntervalMinutes } from '../forecast/interval-history.ts';
import { positionsFor, requireShrinkage } from '../staffing/positions.ts';
import type { StaffingModel } from '../staffing/queue-model.ts';
import { staffQueue, type StaffingResult } from '../staffing/staff-queue.ts';
import { warmStart } from '../staffing/warm-start.ts';
import { ONE_SITE, requireSiteShares, type SiteShare } from './sites.ts';

// A staffing plan: each queue's forecast interval staffed by the maths (agents, then positions
// with shrinkage); each site's required positions are its share of every queue's positions,
// Σ share × agents / (1 − shrinkage), rounded up once per site and interval; compared with the
// positions scheduled there when a schedule is given (gap = scheduled − required, < 0 is short).

export interface PlanSettings {
  readonly model: StaffingModel;
  readonly targets: ErlangATargets;
  /** Fraction of paid time not available for contacts, [0, 1). */
  readonly shrinkage: number;
  /** Mean patience in seconds, for Erlang A. */
  readonly patienceSeconds?: number;
  readonly fractional?: boolean;
}

/** Positions scheduled at a site for one interval. */
export interface ScheduledPositions {
  readonly site: string;
  readonly day: number;
  readonly startSeconds: number;
  readonly positions: number;
}

export interface QueuePlanInterval extends IntervalForecast {
  readonly staffing: StaffingResult;
}

export interface SitePlanInterval {
  readonly day: number;
  readonly startSeconds: number;
  readonly site: string;
  readonly requiredPositions: number;
  /** null when the schedule has no row for this site and interval (or no schedule was given). */
  readonly scheduledPositions: number | null;
  readonly gap: number | null;
}

export interface StaffingPlan {
  readonly intervalMinutes: number;
  readonly sites: readonly SiteShare[];
  readonly queues: readonly QueuePlanInterval[];
  readonly siteIntervals: readonly SitePlanInterval[];
  /** Site intervals with fewer positions scheduled than required. */
  readonly shortIntervals: number;
}

/** Staffs every queue interval of `demand` (the "all" total is skipped) and splits by site. */
export function planStaffing(
  demand: readonly IntervalForecast[],
  intervalMinutes: number,
  settings: PlanSettings,
  options: { sites?: readonly SiteShare[]; scheduled?: readonly ScheduledPositions[] } = {},
): StaffingPlan {
  requireIntervalMinutes(intervalMinutes);
  requireShrinkage(settings.shrinkage);
  const sites = options.sites ?? ONE_SITE;
  requireSiteShares(sites);
  const intervalSeconds = intervalMinutes * 60;
  const previous = new Map<string, StaffingResult>();
  const queues: QueuePlanInterval[] = [];
  for (const interval of demand) {
    if (interval.queue === ALL_QUEUES) continue;
    if (interval.offered > 0 && !(interval.ahtSeconds > 0)) {
      throw new WfmError(
        'InvalidArgument',
        `queue ${interval.queue}: contacts are forecast but no AHT is known (no answered contact with a handling time in the history)`,
        { queue: interval.queue },
      );
    }
    const trafficErlangs = (interval.offered / intervalSeconds) * interval.ahtSeconds;
    const hint = warmStart(previous.get(interval.queue), trafficErlangs);
    const staffing = staffQueue({
      model: settings.model,
      load: {
        trafficErlangs,
        ahtSeconds: interval.ahtSeconds > 0 ? interval.ahtSeconds : 1,
        ...(settings.patienceSeconds === undefined
          ? {}
          : { patienceSeconds: settings.patienceSeconds }),
      },
      targets: settings.targets,
      shrinkage: settings.shrinkage,
      ...(settings.fractional === true ? { fractional: true } : {}),
      ...(hint === undefined ? {} : { hint }),
    });
    previous.set(interval.queue, staffing);
    queues.push({ ...interval, staffing });
  }
  const siteIntervals = splitBySite(queues, sites, settings.shrinkage, options.scheduled ?? []);
  return {
    intervalMinutes,
    sites,
    queues,
    siteIntervals,
    shortIntervals: siteIntervals.filter((s) => s.gap !== null && s.gap < 0).length,
  };
}

function splitBySite(
  queues: readonly QueuePlanInterval[],
  sites: readonly SiteShare[],
  shrinkage: number,
  scheduled: readonly ScheduledPositions[],
): SitePlanInterval[] {
  const key = (site: string, day: number, start: number): string =>
    `${site}\u0000${day}\u0000${start}`;
  const schedule = new Map(scheduled.map((s) => [key(s.site, s.day, s.startSeconds), s.positions]));
  // Keyed by a number (seconds since day 0), not a string: a plan has many thousand intervals.
  const agentsAt = new Map<number, { day: number; startSeconds: number; agents: number }>();
  for (const q of queues) {
    const at = q.day * 86_400 + q.startSeconds;
    const entry = agentsAt.get(at);
    if (entry === undefined) {
      agentsAt.set(at, { day: q.day, startSeconds: q.startSeconds, agents: q.staffing.agents });
    } else {
      entry.agents += q.staffing.agents;
    }
  }
  const rows: SitePlanInterval[] = [];
  for (const { day, startSeconds, agents } of agentsAt.values()) {
    for (const { site, share } of sites) {
      const requiredPositions = positionsFor(share * agents, shrinkage);
      const scheduledPositions = schedule.get(key(site, day, startSeconds)) ?? null;
      rows.push({
        day,
        startSeconds,
        site,
        requiredPositions,
        scheduledPositions,
        gap: scheduledPositions === null ? null : scheduledPositions - requiredPositions,
      });
    }
  }
  return rows;
}
