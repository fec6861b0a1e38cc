import { planStaffing, type IntervalForecast, type PlanSettings } from '@relais/wfm';
import { describe, expect, it } from 'vitest';
import { runWhatIf, whatIfScenario } from './what-if.ts';

const DAY = 10_637; // 1999-02-15
const SETTINGS: PlanSettings = {
  model: 'erlang-a',
  targets: { serviceLevel: { fraction: 0.8, thresholdSeconds: 20 } },
  shrinkage: 0.3,
  patienceSeconds: 180,
};

/** A queue's forecast at 30-minute intervals from 08:00, one offered count per interval. */
function makeDay(queue: string, offered: number[], ahtSeconds = 180): IntervalForecast[] {
  return offered.map((count, i) => ({
    day: DAY,
    startSeconds: 8 * 3600 + i * 1800,
    queue,
    offered: count,
    ahtSeconds,
  }));
}

describe('what-if scenarios', () => {
  it('one scenario queue per busy interval; agents stacked so each interval has the plan’s count', () => {
    const plan = planStaffing(
      [...makeDay('fr', [20, 80, 0, 40]), ...makeDay('en', [10, 10, 10, 10])],
      30,
      SETTINGS,
    );
    const day = [...plan.queues];
    const { scenario, ids } = whatIfScenario(day, plan, SETTINGS, { seed: 1, replications: 2 });
    expect(scenario.queues.map((q) => q.id)).toEqual([
      'fr@08:00', 'fr@08:30', 'fr@09:30', 'en@08:00', 'en@08:30', 'en@09:00', 'en@09:30',
    ]); // prettier-ignore
    expect(ids.size).toBe(7);
    expect(scenario.day).toEqual({ start: '08:00', end: '10:00' });
    expect(scenario.queues[1]?.arrivals).toEqual([{ from: '08:30', to: '09:00', perHour: 160 }]);
    // Agents present in each interval, per queue, equal the plan's agents.
    for (const q of day) {
      const at = q.startSeconds;
      const present = scenario.agents
        .filter((g) => g.skills[q.queue] === 1)
        .reduce((n, g) => {
          const on = (g.shifts ?? []).some(
            (s) => toSeconds(s.start) <= at && at < toSeconds(s.end),
          );
          return n + (on ? g.count : 0);
        }, 0);
      expect(present, `${q.queue} at ${at}`).toBe(q.staffing.agents);
    }
  });

  it('runs the plan and reports predicted and simulated figures per interval', () => {
    const plan = planStaffing(makeDay('fr', [60, 60]), 30, SETTINGS);
    const progress: number[] = [];
    const result = runWhatIf(plan, SETTINGS, {
      seed: 3,
      replications: 4,
      onProgress: (f) => progress.push(f),
    });
    expect(result.map((r) => r.startSeconds)).toEqual([8 * 3600, 8.5 * 3600]);
    for (const r of result) {
      expect(r.offered.simulated).toBeGreaterThan(30);
      expect(r.serviceLevel.predicted).toBeGreaterThanOrEqual(0.8);
      expect(r.serviceLevel.simulated).toBeGreaterThan(0.5);
      expect(r.abandonRate.predicted).toBeLessThan(0.1);
    }
    expect(progress.at(-1)).toBe(1);
  });
});

function toSeconds(clock: string): number {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 3600 + m * 60;
}
