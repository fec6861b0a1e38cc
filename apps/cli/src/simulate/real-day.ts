import {
  exponentialPatienceMean,
  fitArrivals,
  handleTimeSamples,
  historyKpis,
  parseCallHistory,
  selectCalls,
  simulate,
  type AgentGroup,
  type CallRecord,
  type HistoryFilter,
  type HistoryKpis,
  type Scenario,
  type SimulationResult,
} from '@relais/sim';

/** The bank's working week (Sunday to Thursday) and day, as the comparison uses them. */
const WEEK = [0, 1, 2, 3, 4];
const DAY = { start: '07:00', end: '24:00' } as const;
const INTERVAL_MINUTES = 30;

export interface RealDayComparison {
  real: HistoryKpis;
  simulated: SimulationResult;
  /** Agents present per interval, estimated from the servers who served in it. */
  staffing: number[];
  patienceMeanSeconds: number;
}

/**
 * Replays the bank's average weekday on the simulator: arrivals per 30 minutes, handle times
 * as drawn from the real ones, exponential patience with the censoring-aware mean, and the
 * staffing seen in the file (servers who served in each interval, averaged over days — the
 * file does not say who was logged in and idle, so this undercounts a little).
 */
export function compareRealDay(text: string, file: string, replications = 20): RealDayComparison {
  const records = parseCallHistory(text, file);
  const filter: HistoryFilter = { weekdays: WEEK, from: DAY.start, to: DAY.end };
  const arrivals = fitArrivals(records, INTERVAL_MINUTES, filter);
  const staffing = staffingByInterval(selectCalls(records, filter), arrivals.days.length);
  const patienceMeanSeconds = exponentialPatienceMean(records, filter);
  const scenario: Scenario = {
    name: 'bank-weekday',
    seed: 1999,
    replications,
    days: 1,
    day: { ...DAY },
    routing: { strategy: 'longest-idle' },
    queues: [
      {
        id: 'bank',
        skills: { bank: 1 },
        priority: 0,
        arrivals: arrivals.windows,
        handleSeconds: { dist: 'empirical', values: handleTimeSamples(records, filter) },
        patienceSeconds: { dist: 'exponential', mean: patienceMeanSeconds },
        serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'offered' },
      },
    ],
    agents: staffGroups(staffing),
    sites: [],
  };
  return {
    real: historyKpis(records, filter),
    simulated: simulate(scenario),
    staffing,
    patienceMeanSeconds,
  };
}

const startSeconds = 7 * 3600;
const intervals = ((24 - 7) * 60) / INTERVAL_MINUTES;

/** Mean number of distinct servers busy in each interval, rounded. */
function staffingByInterval(calls: readonly CallRecord[], days: number): number[] {
  const seen = Array.from({ length: intervals }, () => new Set<string>());
  for (const call of calls) {
    if (call.server === 'NO_SERVER' || call.serTime <= 0) continue;
    const first = Math.max(0, Math.floor((call.serStart - startSeconds) / (INTERVAL_MINUTES * 60)));
    const last = Math.min(
      intervals - 1,
      Math.floor((call.serExit - startSeconds) / (INTERVAL_MINUTES * 60)),
    );
    for (let k = first; k <= last; k++) seen[k]?.add(`${call.date}|${call.server}`);
  }
  return seen.map((servers) => (days > 0 ? Math.round(servers.size / days) : 0));
}

/** Agent k works every interval where at least k agents are present: one group per k. */
function staffGroups(staffing: readonly number[]): AgentGroup[] {
  const clock = (k: number): string => {
    const minutes = 7 * 60 + k * INTERVAL_MINUTES;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const groups: AgentGroup[] = [];
  const most = Math.max(0, ...staffing);
  for (let level = 1; level <= most; level++) {
    const shifts: { start: string; end: string }[] = [];
    let from = -1;
    for (let k = 0; k <= staffing.length; k++) {
      const present = k < staffing.length && (staffing[k] ?? 0) >= level;
      if (present && from < 0) from = k;
      if (!present && from >= 0) {
        shifts.push({ start: clock(from), end: clock(k) });
        from = -1;
      }
    }
    groups.push({ name: `level-${level}`, count: 1, skills: { bank: 1 }, shifts });
  }
  return groups;
}
