import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import type { IntervalForecast } from '../forecast/forecast.ts';
import { staffQueue } from '../staffing/staff-queue.ts';
import { parseSiteShares } from './sites.ts';
import { planStaffing, type PlanSettings } from './staffing-plan.ts';

const DAY = 10_637; // 1999-02-15

/** A forecast interval at 08:00 of DAY for queue "fr": 100 contacts, AHT 180 s; overrides. */
function makeDemand(fields: Partial<IntervalForecast> = {}): IntervalForecast {
  return {
    day: DAY,
    startSeconds: 8 * 3600,
    queue: 'fr',
    offered: 100,
    ahtSeconds: 180,
    ...fields,
  };
}

const SETTINGS: PlanSettings = {
  model: 'erlang-c',
  targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 } },
  shrinkage: 0.3,
};

describe('planStaffing', () => {
  it('staffs each queue interval: issue #5 example → 14 agents, 20 positions', () => {
    const plan = planStaffing([makeDemand(), makeDemand({ queue: 'all' })], 30, SETTINGS);
    expect(plan.queues).toHaveLength(1); // the "all" total is not staffed twice
    expect(plan.queues[0]?.staffing).toMatchObject({
      agents: 14,
      positions: 20,
      trafficErlangs: 10,
    });
    expect(plan.siteIntervals).toEqual([
      {
        day: DAY,
        startSeconds: 8 * 3600,
        site: 'all',
        requiredPositions: 20,
        scheduledPositions: null,
        gap: null,
      },
    ]);
  });

  it('splits positions by site share, pooled over queues, rounded up once per site', () => {
    const plan = planStaffing(
      [makeDemand(), makeDemand({ queue: 'en', offered: 50 })],
      30,
      SETTINGS,
      { sites: parseSiteShares('rabat=0.6,fes=0.4') },
    );
    const agents = plan.queues.reduce((n, q) => n + q.staffing.agents, 0);
    const [rabat, fes] = plan.siteIntervals;
    expect(rabat?.requiredPositions).toBe(Math.ceil((0.6 * agents) / 0.7));
    expect(fes?.requiredPositions).toBe(Math.ceil((0.4 * agents) / 0.7));
    expect((rabat?.requiredPositions ?? 0) + (fes?.requiredPositions ?? 0)).toBeGreaterThanOrEqual(
      Math.ceil(agents / 0.7),
    );
  });

  it('compares with the schedule: gap = scheduled − required, short intervals counted', () => {
    const nine = makeDemand({ startSeconds: 9 * 3600, offered: 40 });
    const plan = planStaffing([makeDemand(), nine], 30, SETTINGS, {
      scheduled: [
        { site: 'all', day: DAY, startSeconds: 8 * 3600, positions: 18 },
        { site: 'all', day: DAY, startSeconds: 9 * 3600, positions: 30 },
      ],
    });
    expect(plan.siteIntervals.map((s) => s.gap)).toEqual([
      18 - 20,
      30 - (plan.siteIntervals[1]?.requiredPositions ?? 0),
    ]);
    expect(plan.shortIntervals).toBe(1);
  });

  it('Erlang A with fractional staffing, warm-started interval to interval, same answers', () => {
    const settings: PlanSettings = {
      ...SETTINGS,
      model: 'erlang-a',
      patienceSeconds: 300,
      targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 }, maxAbandonRate: 0.03 },
      fractional: true,
    };
    const demand = [10, 80, 200, 500, 60, 0].map((offered, i) =>
      makeDemand({ startSeconds: (8 + i) * 3600, offered }),
    );
    const plan = planStaffing(demand, 60, settings);
    plan.queues.forEach((q) => {
      const cold = staffQueue({
        model: 'erlang-a',
        load: { trafficErlangs: (q.offered / 3600) * 180, ahtSeconds: 180, patienceSeconds: 300 },
        targets: settings.targets,
        shrinkage: 0.3,
        fractional: true,
      });
      expect(q.staffing).toEqual(cold);
    });
    expect(plan.queues.at(-1)?.staffing.agents).toBe(0);
  });

  it('refuses bad settings and demand it cannot staff, with typed errors', () => {
    const bad: [() => unknown, RegExp][] = [
      [
        () => planStaffing([makeDemand({ ahtSeconds: 0 })], 30, SETTINGS),
        /queue fr: contacts are forecast but no AHT is known/,
      ],
      [() => planStaffing([makeDemand()], 30, { ...SETTINGS, shrinkage: 1 }), /^shrinkage:/],
      [() => planStaffing([makeDemand()], 45, SETTINGS), /^intervalMinutes:/],
      [() => parseSiteShares('rabat=0.6,fes=0.3'), /the shares add up to 0.9/],
      [() => parseSiteShares('rabat'), /^sites: expected site=share pairs/],
    ];
    for (const [call, message] of bad) {
      expect(call).toThrowError(message);
      expect(call).toThrowError(WfmError);
    }
  });
});
