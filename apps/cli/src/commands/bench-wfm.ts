import { parseArgs } from 'node:util';
import {
  erlangA,
  leastAgentsErlangA,
  planStaffing,
  warmStart,
  type ErlangATargets,
} from '@relais/wfm';
import {
  ahtOf,
  INTERVALS_PER_DAY,
  patienceOf,
  trafficAt,
  weekOfDemand,
} from '../wfm/bench-loads.ts';
import { settingsOrExit } from '../workload/flags.ts';
import { progressBar } from '../workload/progress-bar.ts';
import { wholeNumber } from '../wfm/wfm-flags.ts';

export const name = 'bench-wfm';
export const summary =
  'Benchmark the WFM maths: 192,000 Erlang A staffing solves, Erlang A at 10,000 agents, a 7-day plan';

const USAGE = `Usage: relais bench-wfm [--runs N]

Times, as the median of N runs:
  staffing   2,000 queues × 96 intervals of 15 minutes (192,000 solves), Erlang A, 80/20 and
             at most 5% abandons, each queue's search warm-started from its previous interval
  erlang A   one Erlang A evaluation at 10,000 agents (9,800 Erlangs, AHT 300 s, patience 180 s)
  plan       a 7-day plan for 200 queues (134,400 intervals): Erlang A staffing, 30% shrinkage,
             3 sites; the forecast is given, not computed
A summary goes to stderr; the last line on stdout is one JSON object
{"staffingSolvesPerSec", "erlangA10000Ms", "planMs"}. Targets: the 192,000 solves under 2 s,
the Erlang A evaluation under 5 ms.

Options:
  --runs N     runs of each measure, 1 to 50 (default 5)
  -h, --help   show this help`;

const QUEUES = 2000;
const PLAN_QUEUES = 200;
const TARGETS: ErlangATargets = {
  serviceLevel: { fraction: 0.8, thresholdSeconds: 20 },
  maxAbandonRate: 0.05,
};

function readSettings(argv: string[]): { runs: number } | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: { runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) return 'help';
  return { runs: wholeNumber('runs', values.runs, 1, 50, 5) };
}

/** 192,000 Erlang A staffing solves; returns the agents summed, so the work cannot be skipped. */
function staffAllQueues(): number {
  let total = 0;
  for (let q = 0; q < QUEUES; q++) {
    const ahtSeconds = ahtOf(q);
    const patienceSeconds = patienceOf(q);
    let previous: { trafficErlangs: number; agents: number } | undefined;
    for (let i = 0; i < INTERVALS_PER_DAY; i++) {
      const trafficErlangs = trafficAt(q, i);
      const agents = leastAgentsErlangA(
        { trafficErlangs, ahtSeconds, patienceSeconds },
        TARGETS,
        warmStart(previous, trafficErlangs),
      );
      previous = { trafficErlangs, agents };
      total += agents;
    }
  }
  return total;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function timed(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

export function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return Promise.resolve(settings);
  const { runs } = settings;
  const bar = progressBar('plan');
  const staffingMs: number[] = [];
  const erlangMs: number[] = [];
  const planMs: number[] = [];
  const big = { agents: 10_000, trafficErlangs: 9_800, ahtSeconds: 300, patienceSeconds: 180 };
  const demand = weekOfDemand(PLAN_QUEUES, 10_637);
  const sites = [
    { site: 'casablanca', share: 0.5 },
    { site: 'rabat', share: 0.3 },
    { site: 'oujda', share: 0.2 },
  ];
  let agents = 0;
  erlangA(big, 20); // compile the hot paths once before timing
  for (let r = 0; r < runs; r++) {
    bar?.('staffing', r / runs);
    staffingMs.push(timed(() => (agents = staffAllQueues())));
    bar?.('erlang A', (r + 0.5) / runs);
    erlangMs.push(timed(() => erlangA(big, 20)));
    bar?.('plan', (r + 0.7) / runs);
    planMs.push(
      timed(() =>
        planStaffing(
          demand,
          15,
          { model: 'erlang-a', targets: TARGETS, shrinkage: 0.3, patienceSeconds: 180 },
          { sites },
        ),
      ),
    );
  }
  bar?.('plan', 1);
  const solves = QUEUES * INTERVALS_PER_DAY;
  const staffing = median(staffingMs);
  const result = {
    staffingSolvesPerSec: Math.round((solves / staffing) * 1000),
    erlangA10000Ms: Number(median(erlangMs).toFixed(3)),
    planMs: Math.round(median(planMs)),
  };
  console.error(
    [
      `relais bench-wfm: medians of ${runs} run${runs === 1 ? '' : 's'}`,
      `  staffing: ${solves.toLocaleString('en-US')} Erlang A solves in ${(staffing / 1000).toFixed(2)} s (target < 2 s; ${agents.toLocaleString('en-US')} agents in all)`,
      `  Erlang A at 10,000 agents: ${result.erlangA10000Ms} ms (target < 5 ms)`,
      `  7-day plan, ${PLAN_QUEUES} queues × 96 intervals, 3 sites: ${result.planMs} ms`,
    ].join('\n'),
  );
  console.log(JSON.stringify(result));
  return Promise.resolve(0);
}
