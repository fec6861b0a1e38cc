import { parseArgs } from 'node:util';
import { runRecoveryBenchmark, type RecoverySettings } from '../server-bench/recovery.ts';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';
import { pgFlags } from '../serve/open-store.ts';
import { progressBar } from '../workload/progress-bar.ts';

export const name = 'bench-recovery';
export const summary =
  'Benchmark restart recovery: rebuild the engine from a log of a million events';

const USAGE = `Usage: relais bench-recovery [--events N] [--agents N] [--pg URL]

Records a national-network workload until the engine has emitted N events, writes it to a fresh
log as the server does (commands with their events, group commits of 500, a snapshot every
50,000 commands), then measures a restart: opening the database and rebuilding the tenant's
engine from the latest snapshot and the commands after it; then the same restart replaying the
whole log. The last line
on stdout is one JSON object.

Options:
  --events N   events in the log, 1000 to 20000000 (default 1000000)
  --agents N   agents in the network, 1000 to 100000 (default 10000)
  --pg URL     use this PostgreSQL database instead of SQLite in a temporary directory
  -h, --help   show this help`;

function readSettings(argv: string[]): RecoverySettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      events: { type: 'string' },
      agents: { type: 'string' },
      pg: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  return {
    events: numberFlag('events', values.events, {
      min: 1000,
      max: 20_000_000,
      fallback: 1_000_000,
      integer: true,
    }),
    agents: numberFlag('agents', values.agents, {
      min: 1000,
      max: 100_000,
      fallback: 10_000,
      integer: true,
    }),
    pg: pgFlags(values).pg,
  };
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  const result = await runRecoveryBenchmark(settings, progressBar() ?? (() => undefined));
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  console.error(
    `relais bench-recovery (${result.database}): ${result.events} events from ${result.commands} commands; written in ${result.writeSeconds} s; recovered in ${result.recoverySeconds} s from the latest snapshot and ${result.replayedCommands} commands after it; the whole log replays in ${result.fullReplaySeconds} s (${result.commandsPerSec} commands/s)`,
  );
  console.log(JSON.stringify(result));
  return 0;
}
