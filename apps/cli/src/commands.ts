import * as admin from './commands/admin.ts';
import * as benchCache from './commands/bench-cache.ts';
import * as benchDialer from './commands/bench-dialer.ts';
import * as benchMemory from './commands/bench-memory.ts';
import * as benchRecovery from './commands/bench-recovery.ts';
import * as benchReports from './commands/bench-reports.ts';
import * as benchServer from './commands/bench-server.ts';
import * as benchSim from './commands/bench-sim.ts';
import * as benchWfm from './commands/bench-wfm.ts';
import * as bench from './commands/bench.ts';
import * as demo from './commands/demo.ts';
import * as erlang from './commands/erlang.ts';
import * as forecast from './commands/forecast.ts';
import * as importCommand from './commands/import.ts';
import * as plan from './commands/plan.ts';
import * as importHistory from './commands/import-history.ts';
import * as report from './commands/report.ts';
import * as serve from './commands/serve.ts';
import * as simulate from './commands/simulate.ts';
import * as staff from './commands/staff.ts';

/** A `relais` subcommand: each module in ./commands/ exports these three. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}

const all: readonly Command[] = [
  serve,
  admin,
  importCommand,
  importHistory,
  report,
  demo,
  simulate,
  bench,
  benchCache,
  benchMemory,
  benchSim,
  benchServer,
  benchRecovery,
  benchReports,
  erlang,
  staff,
  forecast,
  plan,
  benchWfm,
  benchDialer,
];

/** Every subcommand, by name. */
export const commands: ReadonlyMap<string, Command> = new Map(
  all.map((command) => [command.name, command]),
);
