import { parseArgs } from 'node:util';
import {
  DistributionError,
  HistoryError,
  ScenarioError,
  formatScenarioError,
  simulate,
  type SimulateOptions,
} from '@relais/sim';
import { FlagError, numberFlag, settingsOrExit } from '../workload/flags.ts';
import { campaignReport, simulateCampaigns } from '../simulate/campaigns.ts';
import { report } from '../simulate/report.ts';
import { InputError, loadEmpiricalValues, loadScenario } from '../simulate/scenario-files.ts';
import { ValuesFileError } from '../simulate/values-file.ts';

export const name = 'simulate';
export const summary = 'Simulate a scenario file (YAML or JSON) and print its KPIs per queue';

const USAGE = `Usage: relais simulate FILE [--json] [--replications N] [--seed N] [--days N]

Runs the scenario in FILE (YAML or JSON, the format of issue 3) on the real routing engine with a
virtual clock: independent replications of the day, each one or more consecutive days. Prints a
table per queue and in total (offered, answered, abandoned, blocked, service level, ASA, abandon
rate, occupancy, AHT), each with the half-width of its 95% confidence interval. The scenario's
outbound campaigns (issue 8) run on the dialer, one day per replication, and get a table of their
own (calls placed, answered, dropped, talk share, abandon rate). History files
and empirical values files named in the scenario are read relative to FILE's folder.

Options:
  --json             print the result as one JSON object, the last line on stdout
  --replications N   override the scenario's replications, 1 to 1000000
  --seed N           override the scenario's seed, 0 to 4294967295
  --days N           override the scenario's consecutive days per replication, 1 to 366
  -h, --help         show this help`;

interface SimulateSettings {
  file: string;
  json: boolean;
  overrides: Pick<SimulateOptions, 'replications' | 'seed' | 'days'>;
}

function readSettings(argv: string[]): SimulateSettings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      replications: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new FlagError('missing FILE: the scenario to simulate (YAML or JSON)');
  if (extra.length > 0) {
    throw new FlagError(
      `expected one scenario FILE, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const overrides: SimulateSettings['overrides'] = {};
  const flag = (
    key: 'replications' | 'seed' | 'days',
    range: { min: number; max: number; example: number },
  ): void => {
    const raw = values[key];
    if (raw === undefined) return;
    overrides[key] = numberFlag(key, raw, { ...range, fallback: range.example, integer: true });
  };
  flag('replications', { min: 1, max: 1_000_000, example: 100 });
  flag('seed', { min: 0, max: 2 ** 32 - 1, example: 7 });
  flag('days', { min: 1, max: 366, example: 1 });
  return { file, json: values.json === true, overrides };
}

/** A progress bar on stderr, only when a person is watching it. */
function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const fraction = total > 0 ? done / total : 1;
    const filled = Math.round(Math.min(1, fraction) * width);
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    process.stderr.write(`\rsimulate [${bar}] ${done}/${total} replications`);
    if (done >= total) process.stderr.write('\r\x1b[K');
  };
}

/** The message of an input that cannot be used (exit code 2), or undefined for anything else. */
function inputProblem(error: unknown): string | undefined {
  if (error instanceof ScenarioError) return formatScenarioError(error);
  if (error instanceof HistoryError || error instanceof ValuesFileError) return error.message;
  if (error instanceof InputError) return `relais simulate: ${error.message}`;
  if (error instanceof DistributionError) {
    return `relais simulate: a distribution cannot be used: ${error.message}`;
  }
  return undefined;
}

export function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return Promise.resolve(settings);
  try {
    const scenario = loadScenario(settings.file);
    const empiricalValues = loadEmpiricalValues(settings.file, scenario);
    const replications = settings.overrides.replications ?? scenario.replications;
    const seed = settings.overrides.seed ?? scenario.seed;
    const campaigns =
      (scenario.campaigns ?? []).length > 0
        ? simulateCampaigns(scenario, seed, replications)
        : undefined;
    if (scenario.queues.length === 0) {
      // Campaigns only: nothing inbound to simulate.
      const figures = campaigns ?? {};
      const text = campaignReport(figures);
      console.log(
        settings.json
          ? JSON.stringify({ scenario: scenario.name, seed, campaigns: figures })
          : text,
      );
      return Promise.resolve(0);
    }
    const onProgress = progressBar();
    onProgress?.(0, replications);
    const result = simulate(scenario, {
      ...settings.overrides,
      empiricalValues,
      ...(onProgress === undefined ? {} : { onProgress }),
      clock: () => performance.now(),
    });
    if (settings.json) {
      console.log(JSON.stringify(campaigns === undefined ? result : { ...result, campaigns }));
    } else {
      const text = report(result, scenario);
      console.log(campaigns === undefined ? text : `${text}\n\n${campaignReport(campaigns)}`);
    }
    return Promise.resolve(0);
  } catch (error) {
    const problem = inputProblem(error);
    if (problem === undefined) throw error;
    console.error(problem);
    return Promise.resolve(2);
  }
}
