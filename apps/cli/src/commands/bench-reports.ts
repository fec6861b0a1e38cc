import { parseArgs } from 'node:util';
import { runMonthBenchmark, type MonthSettings } from '../reports-bench/month.ts';
import { pgFlags } from '../serve/open-store.ts';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';
import { progressBar } from '../workload/progress-bar.ts';

export const name = 'bench-reports';
export const summary =
  'Benchmark reports: projection ingestion, a month rebuilt, a month read back';

const USAGE = `Usage: relais bench-reports [--agents N] [--days N] [--contacts N] [--runs N] [--pg URL]

Simulates --days days of the national network of \`relais bench\` with --agents agents (10
contacts a day per agent by default: about 10 million events a month for 5,000 agents) on the
real engine; projects each day's events once the day is simulated (ingestion rate: the
projection's own time), writes the projection to a fresh store as the server does (the rebuild:
projection + writes), then reads back a 30-minute report of every queue of the tenant over the
whole period (median of --runs: the store read and the report built, as the reports API does
before it answers). The last line on stdout is one JSON object.

Options:
  --agents N     agents, 1000 to 50000 (default 5000)
  --days N       days simulated, 1 to 31 (default 30)
  --contacts N   contacts a day per agent, 1 to 100 (default 10)
  --runs N       report reads, 1 to 20 (default 3)
  --pg URL       PostgreSQL instead of SQLite in a temporary directory
  -h, --help     show this help`;

function readSettings(argv: string[]): MonthSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      agents: { type: 'string' },
      days: { type: 'string' },
      contacts: { type: 'string' },
      runs: { type: 'string' },
      pg: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  return {
    agents: numberFlag('agents', values.agents, {
      min: 1000,
      max: 50_000,
      fallback: 5000,
      integer: true,
    }),
    days: numberFlag('days', values.days, { min: 1, max: 31, fallback: 30, integer: true }),
    contactsPerAgent: numberFlag('contacts', values.contacts, {
      min: 1,
      max: 100,
      fallback: 10,
      integer: true,
    }),
    runs: numberFlag('runs', values.runs, { min: 1, max: 20, fallback: 3, integer: true }),
    pg: pgFlags(values).pg,
  };
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  const result = await runMonthBenchmark(settings, progressBar('report') ?? (() => undefined));
  console.error(
    `relais bench-reports (${result.database}): ${result.events} events of ${result.days} days, ${result.agents} agents; projected at ${result.ingestEventsPerSec} events/s; rebuilt (projection + ${result.rows} bucket rows written) in ${result.rebuildSeconds} s; a ${result.days}-day 30-minute report of every queue (${result.queues} queues, ${result.reportLines} lines) in ${result.monthReportMs} ms (median of ${settings.runs})`,
  );
  console.log(JSON.stringify(result));
  return 0;
}
