import { WfmError, invalidArgument } from '../errors.ts';
import type { ContactRecord } from '../history/contact-record.ts';
import { backtest, type Backtest } from './backtest.ts';
import {
  bucketHistory,
  openWindow,
  type IntervalHistory,
  queueNames,
  requireIntervalMinutes,
  type IntervalMinutes,
} from './interval-history.ts';
import {
  FORECAST_METHODS,
  FORECAST_METHOD_NAMES,
  type ForecastMethodName,
} from './methods/methods.ts';
import { trainings, type MethodForecast } from './methods/training.ts';

/** The total over queues is reported under this name. */
export const ALL_QUEUES = 'all';

export interface ForecastOptions {
  readonly intervalMinutes: number;
  /** Day number of the first forecast day; history from this day on is not used. */
  readonly fromDay: number;
  readonly days: number;
  /** Default `auto`: each queue gets the method with the best backtest. */
  readonly method?: ForecastMethodName | 'auto';
}

export interface IntervalForecast {
  readonly day: number;
  /** Seconds after local midnight. */
  readonly startSeconds: number;
  readonly queue: string;
  readonly offered: number;
  /** 0 when no answered contact of the queue was seen. */
  readonly ahtSeconds: number;
}

export interface QueueForecastSummary {
  readonly queue: string;
  readonly method: ForecastMethodName;
  /** Absent with fewer than two days of history. */
  readonly backtest?: Backtest;
}

export interface Forecast {
  readonly method: ForecastMethodName | 'auto';
  readonly intervalMinutes: IntervalMinutes;
  readonly fromDay: number;
  readonly days: number;
  /** The history used: days [firstDay, firstDay + days). */
  readonly training: { readonly firstDay: number; readonly days: number };
  readonly queues: readonly QueueForecastSummary[];
  /** Day by day, interval by interval within the opening window, each queue then "all". */
  readonly intervals: readonly IntervalForecast[];
}

/** Forecasts offered contacts and AHT per interval and queue from the history before `fromDay`. */
export function forecastHistory(
  records: readonly ContactRecord[],
  options: ForecastOptions,
): Forecast {
  const { intervalMinutes, fromDay, days } = options;
  requireIntervalMinutes(intervalMinutes);
  if (!Number.isSafeInteger(days) || days < 1)
    throw invalidArgument('days', 'an integer ≥ 1', days);
  const method = options.method ?? 'auto';
  if (method !== 'auto' && !FORECAST_METHOD_NAMES.includes(method)) {
    throw invalidArgument('method', `auto or one of ${FORECAST_METHOD_NAMES.join(', ')}`, method);
  }
  const before = records.filter((r) => r.day < fromDay);
  if (before.length === 0) {
    throw new WfmError(
      'InvalidHistory',
      'no contact in the history before the first forecast day',
      {
        fromDay,
      },
    );
  }
  const firstDay = before.reduce((low, r) => Math.min(low, r.day), Infinity);
  const history = bucketHistory(
    before,
    intervalMinutes,
    firstDay,
    fromDay - firstDay,
    queueNames(records),
  );
  return forecastIntervalHistory(history, { ...options, method });
}

/**
 * Forecasts from counts already bucketed per interval (e.g. a server's stored interval reports):
 * the same methods as forecastHistory, which buckets contact records first. The history must end
 * the day before `fromDay`.
 */
export function forecastIntervalHistory(
  history: IntervalHistory,
  options: ForecastOptions,
): Forecast {
  const { intervalMinutes, fromDay, days } = options;
  requireIntervalMinutes(intervalMinutes);
  if (!Number.isSafeInteger(days) || days < 1)
    throw invalidArgument('days', 'an integer ≥ 1', days);
  const method = options.method ?? 'auto';
  if (method !== 'auto' && !FORECAST_METHOD_NAMES.includes(method)) {
    throw invalidArgument('method', `auto or one of ${FORECAST_METHOD_NAMES.join(', ')}`, method);
  }
  if (history.intervalMinutes !== intervalMinutes) {
    throw invalidArgument(
      'intervalMinutes',
      `${history.intervalMinutes}, the history's`,
      intervalMinutes,
    );
  }
  if (history.firstDay + history.days !== fromDay || history.days < 1) {
    throw invalidArgument(
      'fromDay',
      `the day after the history (${history.firstDay + history.days})`,
      fromDay,
    );
  }
  const firstDay = history.firstDay;
  const tests = method === 'auto' ? backtest(history) : undefined;
  const window = openWindow(history) ?? { first: 0, last: -1 };
  const queues: QueueForecastSummary[] = [];
  const forecasts: MethodForecast[] = [];
  for (const training of trainings(history)) {
    const queue = training.series.queue;
    const test = tests?.get(queue);
    const chosen = method === 'auto' ? (test?.chosen ?? 'poisson-regression') : method;
    queues.push(
      test === undefined ? { queue, method: chosen } : { queue, method: chosen, backtest: test },
    );
    forecasts.push(FORECAST_METHODS[chosen](training, fromDay, days));
  }
  const perDay = history.intervalsPerDay;
  const intervals: IntervalForecast[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = window.first; i <= window.last; i++) {
      const at = { day: fromDay + d, startSeconds: i * intervalMinutes * 60 };
      let offered = 0;
      let handle = 0;
      forecasts.forEach((f, q) => {
        const volume = f.offered[d * perDay + i] ?? 0;
        const aht = f.ahtSeconds[d * perDay + i] ?? 0;
        intervals.push({ ...at, queue: queues[q]?.queue ?? '', offered: volume, ahtSeconds: aht });
        offered += volume;
        handle += volume * aht;
      });
      intervals.push({
        ...at,
        queue: ALL_QUEUES,
        offered,
        ahtSeconds: offered > 0 ? handle / offered : 0,
      });
    }
  }
  return {
    method,
    intervalMinutes,
    fromDay,
    days,
    training: { firstDay, days: history.days },
    queues,
    intervals,
  };
}
