import { parseArgs } from 'node:util';
import {
  isoDate,
  parseSiteShares,
  planStaffing,
  WfmError,
  type ScheduledPositions,
  type SitePlanInterval,
  type SiteShare,
} from '@relais/wfm';
import { reportingInputErrors } from '../wfm/command-errors.ts';
import {
  FORECAST_HELP,
  FORECAST_OPTIONS,
  localStart,
  readForecastFlags,
  runForecast,
} from '../wfm/forecast-flags.ts';
import { describeBadRows } from '../wfm/history-file.ts';
import { planCsv, planJson, planSpan, planTable } from '../wfm/plan-output.ts';
import { readSchedule } from '../wfm/schedule-file.ts';
import { readStaffingFlags, STAFFING_HELP, STAFFING_OPTIONS } from '../wfm/staffing-flags.ts';
import { choiceFlag, wholeNumber } from '../wfm/wfm-flags.ts';
import { runWhatIf } from '../wfm/what-if.ts';
import { FlagError, settingsOrExit } from '../workload/flags.ts';
import { progressBar } from '../workload/progress-bar.ts';

export const name = 'plan';
export const summary =
  'Staffing plan: forecast × Erlang per interval, positions per queue and site, gaps, what-if';

const USAGE = `Usage: relais plan --history FILE --format F [forecast options] TARGETS [staffing options]
                   [--sites S=SHARE,…] [--scheduled FILE] [--what-if] [--output table|csv|json]

Forecasts each queue per interval (as relais forecast), staffs every interval (as relais staff):
agents, and positions with shrinkage; splits the positions among the sites by their shares
(pooled over queues, rounded up per site) and compares them with the scheduled positions.
--what-if plays the plan on the simulator (the real routing engine, exponential handling and
patience) and sets the service level and abandon rate achieved beside those predicted.

Options:
${FORECAST_HELP}
${STAFFING_HELP}
  --sites S=SHARE,…      sites and their shares of every queue, adding up to 1, e.g.
                         rabat=0.6,fes=0.4 (default: one site, "all")
  --scheduled FILE       CSV of scheduled positions: start ("YYYY-MM-DD HH:MM"), site
                         (optional with one site), positions
  --what-if              simulate the plan, day by day
  --replications N       what-if replications per day, 1 to 1000 (default 10)
  --seed N               what-if seed (default 1)
  --output table|csv|json  default table; --json is --output json (the last line on stdout)
  -h, --help             show this help`;

function readSettings(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      ...FORECAST_OPTIONS,
      ...STAFFING_OPTIONS,
      sites: { type: 'string' },
      scheduled: { type: 'string' },
      'what-if': { type: 'boolean' },
      replications: { type: 'string' },
      seed: { type: 'string' },
      output: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help' as const;
  let sites: SiteShare[] | undefined;
  if (values.sites !== undefined) {
    try {
      sites = parseSiteShares(values.sites);
    } catch (error) {
      if (!(error instanceof WfmError)) throw error;
      throw new FlagError(
        `--sites: ${error.message.replace(/^sites: /, '')}. For example: --sites rabat=0.6,fes=0.4`,
      );
    }
  }
  const output =
    values.json === true
      ? 'json'
      : choiceFlag('output', values.output, ['table', 'csv', 'json'] as const, 'table');
  return {
    forecast: readForecastFlags(values),
    staffing: readStaffingFlags(values),
    sites,
    scheduled: values.scheduled,
    whatIf: values['what-if'] === true,
    replications: wholeNumber('replications', values.replications, 1, 1000, 10),
    seed: wholeNumber('seed', values.seed, 0, 2 ** 32 - 1, 1),
    output,
  };
}

export function run(argv: string[]): Promise<number> {
  return Promise.resolve(
    reportingInputErrors(name, () => {
      const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
      if (typeof settings === 'number') return settings;
      const { file, history, forecast } = runForecast(settings.forecast);
      const badRows = describeBadRows(file, history);
      if (badRows !== undefined) console.error(`relais plan: ${badRows}`);
      const sites = settings.sites;
      const scheduled =
        settings.scheduled === undefined
          ? undefined
          : readSchedule(
              settings.scheduled,
              sites === undefined || sites.length === 1 ? (sites?.[0]?.site ?? 'all') : undefined,
            );
      const plan = planStaffing(forecast.intervals, forecast.intervalMinutes, settings.staffing, {
        ...(sites === undefined ? {} : { sites }),
        ...(scheduled === undefined ? {} : { scheduled }),
      });
      warnUnmatched(plan.siteIntervals, scheduled);
      const bar = progressBar('what-if');
      const whatIf = settings.whatIf
        ? runWhatIf(plan, settings.staffing, {
            seed: settings.seed,
            replications: settings.replications,
            ...(bar === undefined
              ? {}
              : { onProgress: (fraction: number) => bar('what-if', fraction) }),
          })
        : undefined;
      const header = {
        model: settings.staffing.model,
        from: isoDate(forecast.fromDay),
        days: forecast.days,
        forecastMethods: Object.fromEntries(forecast.queues.map((q) => [q.queue, q.method])),
      };
      if (settings.output === 'json') console.log(JSON.stringify(planJson(plan, header, whatIf)));
      else if (settings.output === 'csv') console.log(planCsv(plan));
      else
        console.log(
          `${file}: plan ${planSpan(plan)}, ${settings.staffing.model}\n${planTable(plan, whatIf)}`,
        );
      return 0;
    }),
  );
}

/** Scheduled rows that fall on no plan interval (another interval length, another day) are said. */
function warnUnmatched(
  planned: readonly SitePlanInterval[],
  scheduled: readonly ScheduledPositions[] | undefined,
): void {
  if (scheduled === undefined) return;
  const known = new Set(planned.map((s) => `${s.site} ${s.day} ${s.startSeconds}`));
  const unmatched = scheduled.filter((s) => !known.has(`${s.site} ${s.day} ${s.startSeconds}`));
  if (unmatched.length > 0) {
    console.error(
      `relais plan: ${unmatched.length} scheduled row${unmatched.length === 1 ? '' : 's'} match no site and interval of the plan (check the sites, days and --interval); first: ${unmatched[0]?.site} ${localStart(unmatched[0]?.day ?? 0, unmatched[0]?.startSeconds ?? 0)}`,
    );
  }
}
