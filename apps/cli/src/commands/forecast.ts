import { parseArgs } from 'node:util';
import {
  evaluateForecast,
  FORECAST_METHOD_NAMES,
  isoDate,
  MAPE_MIN_OFFERED,
  type Accuracy,
  type Forecast,
  type MethodEvaluation,
} from '@relais/wfm';
import { InputError } from '../simulate/scenario-files.ts';
import { reportingInputErrors } from '../wfm/command-errors.ts';
import {
  FORECAST_HELP,
  FORECAST_OPTIONS,
  localStart,
  readForecastFlags,
  runForecast,
} from '../wfm/forecast-flags.ts';
import { describeBadRows } from '../wfm/history-file.ts';
import { rounded } from '../wfm/wfm-flags.ts';
import { settingsOrExit } from '../workload/flags.ts';

export const name = 'forecast';
export const summary =
  'Forecast offered contacts and AHT per interval and queue from a call history';

const USAGE = `Usage: relais forecast --history FILE --format anonymous-bank|csv [--map …] [options] [--json]

Forecasts offered contacts and AHT per interval for each queue (and "all", their total) for
the days from --from, from the history before --from, with seasonal naive, a weekday profile
average or a Poisson regression (weekday and interval effects); by default each queue gets the
method with the lowest WAPE on a backtest over the last week of the history. Bad rows of the
history are reported on stderr and left out. Times are local, with no zone.

Options:
${FORECAST_HELP}
  --evaluate             also measure every method against the history of the forecast days
                         (WAPE; MAPE over intervals with ≥ ${MAPE_MIN_OFFERED} contacts)
  --json                 one JSON object, the last line on stdout:
                         {"method", "intervals": [{"start", "queue", "offered", "ahtSeconds"}], …}
  -h, --help             show this help`;

function readSettings(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      ...FORECAST_OPTIONS,
      evaluate: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help' as const;
  return {
    forecast: readForecastFlags(values),
    evaluate: values.evaluate === true,
    json: values.json === true,
  };
}

const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
const errorJson = (a: Accuracy) => ({
  wape: a.wape === null ? null : rounded(a.wape, 4),
  mape: a.mape === null ? null : rounded(a.mape, 4),
});

export function run(argv: string[]): Promise<number> {
  return Promise.resolve(
    reportingInputErrors(name, () => {
      const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
      if (typeof settings === 'number') return settings;
      const { file, history, forecast } = runForecast(settings.forecast);
      const badRows = describeBadRows(file, history);
      if (badRows !== undefined) console.error(`relais forecast: ${badRows}`);
      let evaluation: MethodEvaluation[] | undefined;
      if (settings.evaluate) {
        const { fromDay, days } = forecast;
        if (!history.records.some((r) => r.day >= fromDay && r.day < fromDay + days)) {
          throw new InputError(
            `--evaluate: the history has no contact from ${isoDate(fromDay)} on to measure the forecast against`,
          );
        }
        evaluation = evaluateForecast(history.records, {
          intervalMinutes: forecast.intervalMinutes,
          fromDay,
          days,
        });
      }
      if (settings.json) {
        console.log(JSON.stringify(forecastJson(forecast, history.badRows, evaluation)));
      } else {
        console.log(forecastReport(file, forecast, history.records.length, evaluation));
      }
      return 0;
    }),
  );
}

function forecastJson(
  forecast: Forecast,
  badRows: number,
  evaluation: MethodEvaluation[] | undefined,
) {
  return {
    method: forecast.method,
    intervalMinutes: forecast.intervalMinutes,
    from: isoDate(forecast.fromDay),
    days: forecast.days,
    training: {
      from: isoDate(forecast.training.firstDay),
      to: isoDate(forecast.training.firstDay + forecast.training.days - 1),
    },
    badRows,
    queues: forecast.queues.map((q) => ({
      queue: q.queue,
      method: q.method,
      ...(q.backtest === undefined
        ? {}
        : {
            backtest: {
              heldOutDays: q.backtest.heldOutDays,
              ...Object.fromEntries(
                FORECAST_METHOD_NAMES.map((m) => [m, errorJson(q.backtest!.errors[m])]),
              ),
            },
          }),
    })),
    ...(evaluation === undefined
      ? {}
      : {
          evaluation: evaluation.map((e) => ({
            method: e.method,
            queues: Object.fromEntries(Object.entries(e.queues).map(([q, a]) => [q, errorJson(a)])),
          })),
        }),
    intervals: forecast.intervals.map((x) => ({
      start: localStart(x.day, x.startSeconds),
      queue: x.queue,
      offered: rounded(x.offered, 2),
      ahtSeconds: rounded(x.ahtSeconds, 1),
    })),
  };
}

function forecastReport(
  file: string,
  forecast: Forecast,
  contacts: number,
  evaluation: MethodEvaluation[] | undefined,
): string {
  const t = forecast.training;
  const lines = [
    `${file}: ${contacts.toLocaleString('en-US')} offered contacts in the file; trained on ${isoDate(t.firstDay)} to ${isoDate(t.firstDay + t.days - 1)} (${t.days} days), ${forecast.intervalMinutes}-minute intervals`,
    '',
    `queue     method               backtest WAPE: ${FORECAST_METHOD_NAMES.join(' / ')}`,
    ...forecast.queues.map(
      (q) =>
        `${q.queue.padEnd(9)} ${q.method.padEnd(20)} ${q.backtest === undefined ? '(history too short to backtest)' : FORECAST_METHOD_NAMES.map((m) => percent(q.backtest?.errors[m].wape)).join(' / ')}`,
    ),
    '',
  ];
  const queues = [...forecast.queues.map((q) => q.queue), 'all'];
  lines.push(
    `day         ${queues.map((q) => q.padStart(8)).join('')}   (offered per day; AHT of all)`,
  );
  for (let d = 0; d < forecast.days; d++) {
    const day = forecast.fromDay + d;
    const rows = forecast.intervals.filter((x) => x.day === day);
    const sum = (q: string): number =>
      rows.filter((x) => x.queue === q).reduce((s, x) => s + x.offered, 0);
    const all = rows.filter((x) => x.queue === 'all');
    const handle = all.reduce((s, x) => s + x.offered * x.ahtSeconds, 0);
    const offered = sum('all');
    lines.push(
      `${isoDate(day)}  ${queues.map((q) => sum(q).toFixed(0).padStart(8)).join('')}   ${offered > 0 ? (handle / offered).toFixed(0) : '—'} s`,
    );
  }
  if (evaluation !== undefined) {
    lines.push(
      '',
      `Evaluation against the history (WAPE / MAPE over intervals with ≥ ${MAPE_MIN_OFFERED} contacts):`,
    );
    const names = Object.keys(evaluation[0]?.queues ?? {});
    lines.push(`${'method'.padEnd(20)}${names.map((q) => q.padStart(16)).join('')}`);
    for (const e of evaluation) {
      lines.push(
        `${e.method.padEnd(20)}${names.map((q) => `${percent(e.queues[q]?.wape)} / ${percent(e.queues[q]?.mape)}`.padStart(16)).join('')}`,
      );
    }
  }
  lines.push('', 'Every interval: --json.');
  return lines.join('\n');
}
