// The what-if's simulation: one day of a queue's forecast played on the real engine through
// @relais/sim. As `relais plan --what-if` does, each interval becomes its own scenario queue
// (the queue's skills, routing strategy and priority as configured; arrivals only in that
// interval) so the simulator's per-queue figures are per-interval figures; agents with the
// queue's skills work the intervals that need them, stacked in layers so that an agent stays on
// through consecutive intervals.
import type { Queue } from '@relais/protocol';
import { scenarioSchema, type Scenario, type ScenarioInput } from '@relais/sim';
import { erlangA } from '@relais/wfm';
import { measuresFor, type StaffingSettings } from './queue-forecast.ts';

/** KPI.md: abandons within 5 s are "short", left out of the `offered` SL and the abandon rate. */
const SHORT_ABANDON_SECONDS = 5;

export interface PlannedInterval {
  /** "HH:mm" local. */
  start: string;
  offered: number;
  ahtSeconds: number;
  /** Agents on the phones during the interval. */
  agents: number;
}

export interface Prediction {
  serviceLevel: number;
  abandonRate: number;
}

const minutesOf = (hhmm: string): number => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The scenario, and the scenario queue id of each interval that has contacts. */
export function whatIfScenario(
  queue: Queue,
  intervals: readonly PlannedInterval[],
  intervalMinutes: number,
  settings: StaffingSettings,
  options: { seed: number; replications: number; name: string },
): { scenario: Scenario; ids: Map<string, string> } {
  const busy = intervals.filter((i) => i.offered > 0);
  const ids = new Map<string, string>();
  const queues: ScenarioInput['queues'] = busy.map((i) => {
    const id = `${queue.id}@${i.start}`;
    ids.set(i.start, id);
    const from = minutesOf(i.start);
    return {
      id,
      skills: { ...queue.skills },
      ...(queue.priority === undefined ? {} : { priority: queue.priority }),
      ...(queue.strategy === undefined ? {} : { strategy: queue.strategy }),
      arrivals: [
        {
          from: hhmm(from),
          to: hhmm(from + intervalMinutes),
          perHour: (i.offered * 60) / intervalMinutes,
        },
      ],
      handleSeconds: { dist: 'exponential', mean: i.ahtSeconds > 0 ? i.ahtSeconds : 1 },
      ...(settings.model === 'erlang-a' && settings.patienceSeconds !== undefined
        ? { patienceSeconds: { dist: 'exponential', mean: settings.patienceSeconds } }
        : {}),
      serviceLevel: {
        thresholdSeconds: settings.thresholdSeconds,
        target: settings.serviceLevelTarget,
        formula: 'offered',
      },
    };
  });
  const first = Math.min(...busy.map((i) => minutesOf(i.start)));
  const last = Math.max(...busy.map((i) => minutesOf(i.start) + intervalMinutes));
  // Agents are at least as good as the queue asks on each of its skills.
  const skills = Object.fromEntries(Object.keys(queue.skills).map((skill) => [skill, 10]));
  const input: ScenarioInput = {
    name: options.name,
    seed: options.seed,
    replications: options.replications,
    day: { start: hhmm(first), end: hhmm(last) },
    routing: { strategy: queue.strategy ?? 'longest-idle' },
    queues,
    agents: agentLayers(intervals, intervalMinutes, skills),
  };
  return { scenario: scenarioSchema.parse(input), ids };
}

/** The k-th agent works every run of consecutive intervals needing at least k agents. */
function agentLayers(
  intervals: readonly PlannedInterval[],
  intervalMinutes: number,
  skills: Record<string, number>,
): ScenarioInput['agents'] {
  const sorted = [...intervals].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  const most = Math.max(0, ...sorted.map((i) => i.agents));
  const groups = new Map<
    string,
    {
      name: string;
      count: number;
      skills: Record<string, number>;
      shifts: { start: string; end: string }[];
    }
  >();
  for (let k = 1; k <= most; k++) {
    const shifts: { start: string; end: string }[] = [];
    let run: { start: number; end: number } | undefined;
    for (const i of sorted) {
      if (i.agents < k) continue;
      const start = minutesOf(i.start);
      if (run !== undefined && run.end === start) {
        run.end += intervalMinutes;
        continue;
      }
      if (run !== undefined) shifts.push({ start: hhmm(run.start), end: hhmm(run.end) });
      run = { start, end: start + intervalMinutes };
    }
    if (run !== undefined) shifts.push({ start: hhmm(run.start), end: hhmm(run.end) });
    const key = JSON.stringify(shifts);
    const group = groups.get(key) ?? { name: `layer-${groups.size + 1}`, count: 0, skills, shifts };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The Erlang prediction in the simulator's KPI.md terms: under Erlang A the `offered` service
 * level and the abandon rate leave out short abandons (≤ 5 s), as the simulator counts them.
 */
export function predicted(
  interval: PlannedInterval,
  intervalMinutes: number,
  settings: StaffingSettings,
): Prediction {
  const aht = interval.ahtSeconds > 0 ? interval.ahtSeconds : 1;
  const m = measuresFor(interval.agents, interval.offered, aht, intervalMinutes, settings);
  if (
    settings.model === 'erlang-c' ||
    settings.patienceSeconds === undefined ||
    interval.agents < 1 ||
    interval.offered === 0
  ) {
    return { serviceLevel: m.serviceLevel, abandonRate: m.pAbandon };
  }
  const trafficErlangs = (interval.offered / (intervalMinutes * 60)) * aht;
  const short = erlangA(
    {
      agents: interval.agents,
      trafficErlangs,
      ahtSeconds: aht,
      patienceSeconds: settings.patienceSeconds,
    },
    SHORT_ABANDON_SECONDS,
  ).pAbandonWithinThreshold;
  return {
    serviceLevel: Math.min(1, m.serviceLevel / (1 - short)),
    abandonRate: (m.pAbandon - short) / (1 - short),
  };
}
