import { parseArgs } from 'node:util';
import { simulate } from '@relais/sim';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';
import { nationalScenario, oneQueueScenario } from '../workload/national-scenario.ts';

export const name = 'bench-sim';
export const summary = 'Benchmark the simulator on a national day (and a one-queue M/M/c+M)';

const USAGE = `Usage: relais bench-sim [--agents N] [--seed N]

Simulates one 12-hour day of the national network of \`relais bench\` (the same sites, queues
and agents, 100 contacts per agent: 5 million for 50,000 agents, about 90% occupancy) on the
real engine, then a one-queue M/M/c+M with 100 agents for 24 hours. A summary goes to stderr; the
last line on stdout is one JSON object.

Options:
  --agents N   agents in the network, 1000 to 200000 (default 50000)
  --seed N     seed, 0 to 4294967295 (default 1)
  -h, --help   show this help`;

const n = (value: number): string => Math.round(value).toLocaleString('en-US');

function readSettings(argv: string[]): { agents: number; seed: number } | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      agents: { type: 'string' },
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
    seed: numberFlag('seed', values.seed, { min: 0, max: 2 ** 32 - 1, fallback: 1, integer: true }),
  };
}

export function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return Promise.resolve(settings);
  const { agents, seed } = settings;
  const clock = (): number => performance.now();
  const scenario = nationalScenario(agents, seed);
  const progress = process.stderr.isTTY
    ? (done: number): void => {
        process.stderr.write(`\rnational day: ${Math.floor(done * 100)}%`);
      }
    : undefined;
  const day = simulate(scenario, { clock, ...(progress ? { onProgress: progress } : {}) });
  if (progress) process.stderr.write('\r\x1b[K');
  const small = simulate(oneQueueScenario(seed), { clock });
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  console.error(
    [
      `relais bench-sim: ${n(agents)} agents, ${n(scenario.queues.length)} queues, ${n(scenario.sites.length)} sites (seed ${seed})`,
      `  national day: ${n(day.perf.contacts)} contacts, ${n(day.perf.events)} events in ${day.perf.wallSeconds.toFixed(1)} s: ${n(day.perf.contactsPerSec)} contacts/s`,
      `    SL ${(day.totals.serviceLevel * 100).toFixed(1)}%, ASA ${day.totals.asaSeconds.toFixed(1)} s, abandon ${(day.totals.abandonRate * 100).toFixed(1)}%, occupancy ${(day.totals.occupancy * 100).toFixed(1)}%`,
      `  one queue, 100 agents, M/M/c+M, 24 h: ${n(small.perf.contacts)} contacts in ${small.perf.wallSeconds.toFixed(2)} s: ${n(small.perf.contactsPerSec)} contacts/s`,
      `  heap ${heapMb.toFixed(0)} MB`,
    ].join('\n'),
  );
  console.log(
    JSON.stringify({
      agents,
      queues: scenario.queues.length,
      contacts: day.perf.contacts,
      events: day.perf.events,
      wallSeconds: Number(day.perf.wallSeconds.toFixed(2)),
      contactsPerSec: Math.round(day.perf.contactsPerSec),
      heapMb: Number(heapMb.toFixed(1)),
      oneQueueContactsPerSec: Math.round(small.perf.contactsPerSec),
      serviceLevel: Number(day.totals.serviceLevel.toFixed(4)),
      occupancy: Number(day.totals.occupancy.toFixed(4)),
    }),
  );
  return Promise.resolve(0);
}
