import { parseArgs } from 'node:util';
import { runBenchmark, type BenchResult, type BenchSettings } from '../workload/benchmark.ts';
import { WorkloadFailure } from '../workload/driver.ts';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';
import { progressBar } from '../workload/progress-bar.ts';

export const name = 'bench';
export const summary = 'Benchmark the routing engine on a simulated national network';

const USAGE = `Usage: relais bench [--agents N] [--ops N] [--seed N]

Runs @relais/engine on a national network (agents in 12 Moroccan cities, 20 queues per client)
at about 90% occupancy on a virtual clock, and measures commands per second and the latency of
routing decisions: a live pass drives the engine with the workload and records every command,
then a replay pass applies the recording to a fresh engine with nothing else in the loop; ops/s,
latency and heap come from the replay. A summary goes to stderr; the last line on stdout is one
JSON object.

Options:
  --agents N   agents in the network, 1000 to 200000 (default 50000); clients = N/500,
               queues = clients × 20, sites = N/125 (at least 12)
  --ops N      commands to measure after the warm-up, 1000 to 100000000 (default 2000000)
  --seed N     seed of the network and the workload, 0 to 4294967295 (default 1)
  -h, --help   show this help`;

function readSettings(argv: string[]): BenchSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      agents: { type: 'string' },
      ops: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  return {
    agents: numberFlag('agents', values.agents, {
      min: 1000,
      max: 200_000,
      fallback: 50_000,
      integer: true,
    }),
    ops: numberFlag('ops', values.ops, {
      min: 1000,
      max: 100_000_000,
      fallback: 2_000_000,
      integer: true,
    }),
    seed: numberFlag('seed', values.seed, { min: 0, max: 2 ** 32 - 1, fallback: 1, integer: true }),
  };
}

const n = (value: number): string => value.toLocaleString('en-US');

function describe(r: BenchResult): string {
  return [
    `relais bench: ${n(r.agents)} agents, ${n(r.queues)} queues, ${n(r.sites)} sites, ${n(r.clients)} clients (seed ${r.seed})`,
    `  engine: ${n(r.profiles)} skill profiles, ${n(r.pools)} pools; set-up ${r.setupSeconds} s, warm-up ${n(r.warmupOps)} ops`,
    `  ${n(r.ops)} ops measured: ${n(r.opsPerSec)} ops/s engine alone (replay), ${n(r.liveOpsPerSec)} ops/s with the workload harness`,
    `  decision latency (arrive, endWrapUp; ${n(r.latencySamples)} sampled calls): p50 ${r.decisionP50Us} µs, p99 ${r.decisionP99Us} µs`,
    `  ${n(r.decisions)} decisions measured (${r.decisionsPerOp} per op), ${r.headsPerDecision} pool or bucket heads weighed per decision`,
    `  occupancy ${(r.occupancy * 100).toFixed(1)}% over ${n(r.virtualSeconds)} virtual s; ` +
      `${n(r.contactsCompleted)} contacts completed, ${n(r.contactsAbandoned)} abandoned`,
    `  heap ${r.heapMb} MB`,
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  try {
    const result = runBenchmark(settings, progressBar('replay'));
    console.error(describe(result));
    console.log(JSON.stringify(result));
    return Promise.resolve(0);
  } catch (error) {
    if (!(error instanceof WorkloadFailure)) throw error;
    console.error(`relais bench: benchmark failed: ${error.message}`);
    return 1;
  }
}
