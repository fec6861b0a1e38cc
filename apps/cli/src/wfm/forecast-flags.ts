// The history and forecast flags of `relais forecast` and `relais plan`.
import {
  FORECAST_METHOD_NAMES,
  forecastHistory,
  isoDate,
  parseColumnMapping,
  parseIsoDate,
  WfmError,
  type Forecast,
  type ForecastMethodName,
  type HistoryImport,
} from '@relais/wfm';
import { InputError } from '../simulate/scenario-files.ts';
import { FlagError } from '../workload/flags.ts';
import { HISTORY_FORMATS, readHistoryFile, type HistoryFormat } from './history-file.ts';
import { choiceFlag, wholeNumber } from './wfm-flags.ts';

export const FORECAST_OPTIONS = {
  history: { type: 'string' },
  format: { type: 'string' },
  map: { type: 'string' },
  interval: { type: 'string' },
  from: { type: 'string' },
  days: { type: 'string' },
  method: { type: 'string' },
} as const;

export const FORECAST_HELP = `  --history FILE         per-call history (required)
  --format F             anonymous-bank (the TSV of data/) or csv (required)
  --map FIELD=COLUMN,…   csv columns: arrival (required, local "YYYY-MM-DD HH:MM:SS"), queue,
                         wait, handle (seconds or h:mm:ss), outcome (answered, abandoned, …)
  --interval MINUTES     15, 30 (default) or 60
  --from YYYY-MM-DD      first forecast day (default: the day after the history); history
                         from that day on is not used
  --days N               days to forecast, 1 to 366 (default 7)
  --method M             auto (default: per queue, the best of a one-week backtest),
                         ${FORECAST_METHOD_NAMES.join(', ')}`;

export interface ForecastRun {
  file: string;
  history: HistoryImport;
  forecast: Forecast;
}

type Values = Partial<Record<keyof typeof FORECAST_OPTIONS, string>>;
export type ForecastSettings = ReturnType<typeof readForecastFlags>;

/** Reads the history and forecasts. */
export function runForecast(settings: ForecastSettings): ForecastRun {
  const history = readHistoryFile(settings.file, settings.format, settings.map);
  if (history.records.length === 0) {
    throw new InputError(`no usable contact in ${settings.file}: check --format and --map`);
  }
  const lastDay = history.records.reduce((high, r) => Math.max(high, r.day), -Infinity);
  const fromDay = settings.fromDay ?? lastDay + 1;
  return {
    file: settings.file,
    history,
    forecast: forecastHistory(history.records, {
      intervalMinutes: settings.intervalMinutes,
      fromDay,
      days: settings.days,
      method: settings.method,
    }),
  };
}

/** Checks the forecast flags (no file is read). */
export function readForecastFlags(values: Values) {
  if (values.history === undefined)
    throw new FlagError('missing --history FILE: the per-call history to forecast from');
  if (values.format === undefined) {
    throw new FlagError(
      `missing --format: one of ${HISTORY_FORMATS.join(', ')}. For example: --format anonymous-bank`,
    );
  }
  const format: HistoryFormat = choiceFlag(
    'format',
    values.format,
    HISTORY_FORMATS,
    'anonymous-bank',
  );
  const map = values.map;
  if (format === 'anonymous-bank' && map !== undefined)
    throw new FlagError('--map applies to --format csv only');
  if (format === 'csv' && map === undefined) {
    throw new FlagError(
      '--format csv needs --map naming its columns, e.g. --map arrival=start_time,queue=skill,wait=wait_s,handle=handle_s,outcome=result',
    );
  }
  if (map !== undefined) {
    try {
      parseColumnMapping(map);
    } catch (error) {
      if (!(error instanceof WfmError)) throw error;
      throw new FlagError(`--map: ${error.message.replace(/^mapping: /, '')}`);
    }
  }
  const intervalMinutes = Number(choiceFlag('interval', values.interval, ['15', '30', '60'], '30'));
  const days = wholeNumber('days', values.days, 1, 366, 7);
  const method = choiceFlag<ForecastMethodName | 'auto'>(
    'method',
    values.method,
    ['auto', ...FORECAST_METHOD_NAMES],
    'auto',
  );
  let fromDay: number | undefined;
  if (values.from !== undefined) {
    fromDay = parseIsoDate(values.from);
    if (fromDay === undefined)
      throw new FlagError(
        `--from: expected a date YYYY-MM-DD, got '${values.from}'. For example: --from 1999-02-15`,
      );
  }
  return { file: values.history, format, map, intervalMinutes, days, method, fromDay };
}

/** "1999-02-15T07:30:00": a local time with no zone. */
export function localStart(day: number, startSeconds: number): string {
  const hh = String(Math.floor(startSeconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(startSeconds / 60) % 60).padStart(2, '0');
  return `${isoDate(day)}T${hh}:${mm}:00`;
}
