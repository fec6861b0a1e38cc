import { parseArgs } from 'node:util';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';
import { progressBar } from '../workload/progress-bar.ts';
import { pgFlags } from '../serve/open-store.ts';
import {
  runServerBenchmark,
  type ServerBenchResult,
  type ServerBenchSettings,
} from '../server-bench/server-load.ts';

export const name = 'bench-server';
export const summary = 'Benchmark the server: agents on the stream, contacts created over REST';

const USAGE = `Usage: relais bench-server [--agents N] [--rate N] [--seconds N] [--talk-ms N] [--warm-up N]
                           [--pg URL]

Starts \`relais serve\` as a child process on a fresh database (SQLite in a temporary directory,
or a new schema relais_bench_<time> in the PostgreSQL database of --pg), connects N agents to the WebSocket
stream with their own API keys, then creates contacts over REST at RATE per second for SECONDS.
Each agent accepts its offers and ends the call after TALK-MS, both as actions on its socket. The
last line on stdout is one JSON object; a summary goes to stderr.

Options:
  --agents N    agents connected, 1 to 20000 (default 2000)
  --rate N      contacts created per second, 1 to 10000 (default 500)
  --seconds N   duration of the load, 1 to 3600 (default 60)
  --talk-ms N   how long each agent talks, 0 to 60000 (default 1000)
  --warm-up N   seconds of load before the measured SECONDS, same rate, not measured
                (their contacts are still checked for loss), 0 to 600 (default 5)
  --pg URL      run the server on PostgreSQL (in a new schema) instead of SQLite
  -h, --help    show this help`;

function readSettings(argv: string[]): ServerBenchSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      agents: { type: 'string' },
      rate: { type: 'string' },
      seconds: { type: 'string' },
      'talk-ms': { type: 'string' },
      'warm-up': { type: 'string' },
      pg: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  return {
    agents: numberFlag('agents', values.agents, {
      min: 1,
      max: 20_000,
      fallback: 2000,
      integer: true,
    }),
    ratePerSec: numberFlag('rate', values.rate, {
      min: 1,
      max: 10_000,
      fallback: 500,
      integer: true,
    }),
    seconds: numberFlag('seconds', values.seconds, {
      min: 1,
      max: 3600,
      fallback: 60,
      integer: true,
    }),
    talkMs: numberFlag('talk-ms', values['talk-ms'], {
      min: 0,
      max: 60_000,
      fallback: 1000,
      integer: true,
    }),
    warmUpSeconds: numberFlag('warm-up', values['warm-up'], {
      min: 0,
      max: 600,
      fallback: 5,
      integer: true,
    }),
    pg: pgFlags(values).pg,
  };
}

const describe = (r: ServerBenchResult): string =>
  [
    `relais bench-server (${r.database}): ${r.agents} agents on the stream, ${r.contactsCreated} contacts created in ${r.seconds} s after ${r.warmUpSeconds} s of warm-up, ${r.lost} lost, ${r.createErrors} refused`,
    `  create p50 ${r.createP50Ms} ms, p99 ${r.createP99Ms} ms; offer delivered p50 ${r.offerDeliveryP50Ms} ms, p99 ${r.offerDeliveryP99Ms} ms (${r.offersMeasured} offers)`,
    `  ${r.eventsPerSec} events/s logged; ${r.contactsCompleted} calls completed; server RSS ${r.rssMb} MB, CPU ${r.serverCpuMsPerContact} ms per contact (whole machine: ${r.machineCpuMsPerContact ?? 'n/a'} ms)`,
  ].join('\n');

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  try {
    const result = await runServerBenchmark(settings, progressBar() ?? (() => undefined));
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    console.error(describe(result));
    console.log(JSON.stringify(result));
    return result.lost === 0 ? 0 : 1;
  } catch (error) {
    console.error(`relais bench-server: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
