// What-if: a staffing plan played on the simulator (the real engine), one scenario per day.
// Each queue interval becomes its own scenario queue (same skill, arrivals only in that
// interval), so the simulator's per-queue figures are per-interval figures, counted in the
// interval in which contacts arrived (KPI.md); agents work the intervals the plan gives them,
// stacked in layers so that an agent stays on through consecutive intervals that need them.
import {
  clockTime,
  erlangA,
  isoDate,
  type PlanSettings,
  type QueuePlanInterval,
  type StaffingPlan,
} from '@relais/wfm';
import { scenarioSchema, simulate, type Scenario, type ScenarioInput } from '@relais/sim';

/** KPI.md: abandons within 5 s are "short", left out of the `offered` SL and of the abandon rate. */
const SHORT_ABANDON_SECONDS = 5;

export interface WhatIfInterval {
  readonly day: number;
  readonly startSeconds: number;
  readonly queue: string;
  readonly agents: number;
  readonly offered: { readonly predicted: number; readonly simulated: number };
  readonly serviceLevel: {
    readonly predicted: number;
    readonly simulated: number;
    readonly ci95: number;
  };
  readonly abandonRate: {
    readonly predicted: number;
    readonly simulated: number;
    readonly ci95: number;
  };
}

/** "HH:MM"; 86,400 s is "24:00", the end of the day. */
const hhmm = (seconds: number): string => clockTime(seconds).slice(0, 5);

/** The scenario of one day of the plan, and the id of each queue interval in it. */
export function whatIfScenario(
  day: QueuePlanInterval[],
  plan: StaffingPlan,
  settings: PlanSettings,
  options: { seed: number; replications: number },
): { scenario: Scenario; ids: Map<QueuePlanInterval, string> } {
  const intervalSeconds = plan.intervalMinutes * 60;
  const busy = day.filter((q) => q.offered > 0);
  const ids = new Map<QueuePlanInterval, string>();
  const target = settings.targets.serviceLevel;
  const queues: ScenarioInput['queues'] = busy.map((q) => {
    const id = `${q.queue}@${hhmm(q.startSeconds)}`;
    ids.set(q, id);
    return {
      id,
      skills: { [q.queue]: 1 },
      arrivals: [
        {
          from: hhmm(q.startSeconds),
          to: hhmm(q.startSeconds + intervalSeconds),
          perHour: (q.offered * 3600) / intervalSeconds,
        },
      ],
      handleSeconds: { dist: 'exponential', mean: q.ahtSeconds },
      ...(settings.model === 'erlang-a' && settings.patienceSeconds !== undefined
        ? { patienceSeconds: { dist: 'exponential', mean: settings.patienceSeconds } }
        : {}),
      serviceLevel: {
        thresholdSeconds: target?.thresholdSeconds ?? 20,
        target: target?.fraction ?? 0.8,
        formula: settings.targets.convention ?? 'offered',
      },
    };
  });
  const first = Math.min(...busy.map((q) => q.startSeconds));
  const last = Math.max(...busy.map((q) => q.startSeconds + intervalSeconds));
  const input: ScenarioInput = {
    name: `plan ${isoDate(day[0]?.day ?? 0)}`,
    seed: options.seed,
    replications: options.replications,
    day: { start: hhmm(first), end: hhmm(last) },
    routing: { strategy: 'longest-idle' },
    queues,
    agents: agentLayers(day, intervalSeconds),
  };
  return { scenario: scenarioSchema.parse(input), ids };
}

/** Agents in layers: the k-th agent of a queue works every run of intervals needing ≥ k. */
function agentLayers(day: QueuePlanInterval[], intervalSeconds: number): ScenarioInput['agents'] {
  type Group = { name: string; count: number; skills: Record<string, number>; shifts: Shift[] };
  const groups = new Map<string, Group>();
  for (const [queue, intervals] of groupBy(day, (q) => q.queue)) {
    const sorted = [...intervals].sort((a, b) => a.startSeconds - b.startSeconds);
    const most = Math.max(0, ...sorted.map((q) => q.staffing.agents));
    for (let k = 1; k <= most; k++) {
      const shifts = layerShifts(sorted, k, intervalSeconds);
      const key = `${queue}\u0000${JSON.stringify(shifts)}`;
      const group = groups.get(key) ?? {
        name: `${queue}-${groups.size + 1}`,
        count: 0,
        skills: { [queue]: 1 },
        shifts,
      };
      group.count++;
      groups.set(key, group);
    }
  }
  return [...groups.values()];
}

type Shift = { start: string; end: string };

/** The runs of consecutive intervals needing at least `k` agents, as shifts. */
function layerShifts(sorted: QueuePlanInterval[], k: number, intervalSeconds: number): Shift[] {
  const shifts: Shift[] = [];
  let run: { start: number; end: number } | undefined;
  for (const q of sorted) {
    if (q.staffing.agents < k) continue;
    if (run !== undefined && run.end === q.startSeconds) {
      run.end += intervalSeconds;
      continue;
    }
    if (run !== undefined) shifts.push({ start: hhmm(run.start), end: hhmm(run.end) });
    run = { start: q.startSeconds, end: q.startSeconds + intervalSeconds };
  }
  if (run !== undefined) shifts.push({ start: hhmm(run.start), end: hhmm(run.end) });
  return shifts;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** Plays every day of the plan on the simulator and sets the achieved figures beside the predicted. */
export function runWhatIf(
  plan: StaffingPlan,
  settings: PlanSettings,
  options: { seed: number; replications: number; onProgress?: (fraction: number) => void },
): WhatIfInterval[] {
  const days = groupBy(plan.queues, (q) => q.day);
  const results: WhatIfInterval[] = [];
  let done = 0;
  for (const day of days.values()) {
    if (!day.some((q) => q.offered > 0)) {
      done++;
      continue;
    }
    const { scenario, ids } = whatIfScenario(day, plan, settings, options);
    const result = simulate(scenario, {
      ...(options.onProgress === undefined
        ? {}
        : {
            onProgress: (d: number, total: number) =>
              options.onProgress?.((done + d / total) / days.size),
          }),
    });
    for (const [q, id] of ids) {
      const figures = result.queues[id];
      const ci = result.ci95.queues[id];
      if (figures === undefined || ci === undefined) continue;
      const predicted = predictedKpis(q, settings);
      results.push({
        day: q.day,
        startSeconds: q.startSeconds,
        queue: q.queue,
        agents: q.staffing.agents,
        offered: { predicted: q.offered, simulated: figures.offered },
        serviceLevel: {
          predicted: predicted.serviceLevel,
          simulated: figures.serviceLevel,
          ci95: ci.serviceLevel,
        },
        abandonRate: {
          predicted: predicted.abandonRate,
          simulated: figures.abandonRate,
          ci95: ci.abandonRate,
        },
      });
    }
    done++;
  }
  options.onProgress?.(1);
  return results;
}

/**
 * The plan's prediction in the simulator's KPI.md terms: under Erlang A the `offered` service
 * level and the abandon rate leave out short abandons (≤ 5 s), as the simulator counts them.
 */
function predictedKpis(
  q: QueuePlanInterval,
  settings: PlanSettings,
): { serviceLevel: number; abandonRate: number } {
  const s = q.staffing;
  if (settings.model === 'erlang-c' || settings.patienceSeconds === undefined || s.agents === 0) {
    return { serviceLevel: s.serviceLevel, abandonRate: s.pAbandon };
  }
  const queue = {
    agents: s.agents,
    trafficErlangs: s.trafficErlangs,
    ahtSeconds: q.ahtSeconds,
    patienceSeconds: settings.patienceSeconds,
  };
  const short = erlangA(queue, SHORT_ABANDON_SECONDS).pAbandonWithinThreshold;
  const convention = settings.targets.convention ?? 'offered';
  return {
    serviceLevel: convention === 'offered' ? s.serviceLevel / (1 - short) : s.serviceLevel,
    abandonRate: (s.pAbandon - short) / (1 - short),
  };
}
