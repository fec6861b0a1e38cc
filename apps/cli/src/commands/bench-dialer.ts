import { parseArgs } from 'node:util';
import type { DialMode } from '@relais/dialer';
import { simulateCampaign, type OutboundResult } from '@relais/sim';
import { benchCampaignDay } from '../dialer-bench/campaign-day.ts';
import { gateThroughput } from '../dialer-bench/gate-throughput.ts';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';
import { progressBar } from '../workload/progress-bar.ts';

export const name = 'bench-dialer';
export const summary = 'Benchmark the outbound dialer: a simulated campaign day, and gate checks/s';

const USAGE = `Usage: relais bench-dialer [--agents N] [--small N] [--checks N] [--seed N]

Simulates an 8-hour French campaign day (Tuesday 1 December 2026, agents logged in 10:00–13:00
and 14:00–19:00 Paris time; answer rate 25%, answering machines 15% of answers, talk 180 s on
average, wrap-up 20 s) on the real engine and dialer runtime, in progressive and in predictive
mode, for a team and a small team; then times the compliance gate over generated leads. A
summary goes to stderr; the last line on stdout is one JSON object.

Options:
  --agents N   agents of the main run, 2 to 500 (default 50)
  --small N    agents of the small-team run, 1 to 100 (default 10)
  --checks N   leads the gate checks, 1000 to 2000000 (default 200000)
  --seed N     seed, 0 to 4294967295 (default 1)
  -h, --help   show this help`;

interface Settings {
  agents: number;
  small: number;
  checks: number;
  seed: number;
}

function readSettings(argv: string[]): Settings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      agents: { type: 'string' },
      small: { type: 'string' },
      checks: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const int = (key: keyof Settings, min: number, max: number, fallback: number): number =>
    numberFlag(key, values[key], { min, max, fallback, integer: true });
  return {
    agents: int('agents', 2, 500, 50),
    small: int('small', 1, 100, 10),
    checks: int('checks', 1000, 2_000_000, 200_000),
    seed: int('seed', 0, 2 ** 32 - 1, 1),
  };
}

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));
const pct = (value: number): string => `${(value * 100).toFixed(2)}%`;

function day(agents: number, mode: DialMode, seed: number): OutboundResult {
  const bar = progressBar(mode);
  const result = simulateCampaign(
    benchCampaignDay(agents, mode, seed, bar === undefined ? undefined : (f) => bar(mode, f)),
  );
  bar?.(mode, 1);
  console.error(
    `  ${mode.padEnd(11)} ${agents} agents: ${result.placed} calls, ${result.answeredHuman} answered by a person, ${result.dropped} dropped; talk share ${pct(result.talkShare)}, abandon ${pct(result.abandonRate)} (highest 24 h window ${pct(result.maxWindowAbandonRate)} over ${result.maxWindowAnswered} answers)`,
  );
  return result;
}

function pair(agents: number, seed: number) {
  const progressive = day(agents, 'progressive', seed);
  const predictive = day(agents, 'predictive', seed);
  return {
    progressive: {
      talkShare: round(progressive.talkShare),
      abandonRate: round(progressive.abandonRate),
    },
    predictive: {
      talkShare: round(predictive.talkShare),
      abandonRate: round(predictive.abandonRate),
      maxWindowAbandonRate: round(predictive.maxWindowAbandonRate),
    },
  };
}

export function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return Promise.resolve(settings);
  const { agents, small, checks, seed } = settings;
  console.error(`relais bench-dialer (seed ${seed})`);
  // The gate first, in a fresh process: the simulations leave a large heap behind them.
  const gate = gateThroughput(checks, seed, () => performance.now());
  console.error(
    `  gate: ${gate.checks} checks in ${gate.seconds.toFixed(2)} s: ${Math.round(gate.checksPerSec)} checks/s (${gate.dialable} dialable)`,
  );
  const main = pair(agents, seed);
  const smallTeam = pair(small, seed);
  console.log(
    JSON.stringify({
      agents,
      ...main,
      complianceChecksPerSec: Math.round(gate.checksPerSec),
      small: { agents: small, ...smallTeam },
    }),
  );
  return Promise.resolve(0);
}
