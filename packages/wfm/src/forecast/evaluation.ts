import type { ContactRecord } from '../history/contact-record.ts';
import { accuracy, type Accuracy } from './accuracy.ts';
import { ALL_QUEUES, forecastHistory, type ForecastOptions } from './forecast.ts';
import { bucketHistory, queueNames, requireIntervalMinutes } from './interval-history.ts';
import { FORECAST_METHOD_NAMES, type ForecastMethodName } from './methods/methods.ts';

/** One method's error per queue (and "all") on the forecast days. */
export interface MethodEvaluation {
  readonly method: ForecastMethodName | 'auto';
  readonly queues: Readonly<Record<string, Accuracy>>;
}

/**
 * An honest evaluation: forecasts days [fromDay, fromDay + days) from the history before them
 * with each method (and with the backtest's choice, `auto`), and measures each against what
 * arrived, over every interval of those days.
 */
export function evaluateForecast(
  records: readonly ContactRecord[],
  options: Omit<ForecastOptions, 'method'>,
): MethodEvaluation[] {
  requireIntervalMinutes(options.intervalMinutes);
  const queues = queueNames(records);
  const actual = bucketHistory(
    records,
    options.intervalMinutes,
    options.fromDay,
    options.days,
    queues,
  );
  const perDay = actual.intervalsPerDay;
  const size = options.days * perDay;
  const actualAll = new Float64Array(size);
  for (const q of actual.queues) q.offered.forEach((v, i) => (actualAll[i]! += v));
  return [...FORECAST_METHOD_NAMES, 'auto' as const].map((method) => {
    const forecast = forecastHistory(records, { ...options, method });
    const predicted = new Map([...queues, ALL_QUEUES].map((q) => [q, new Float64Array(size)]));
    for (const f of forecast.intervals) {
      const index =
        (f.day - options.fromDay) * perDay + f.startSeconds / 60 / options.intervalMinutes;
      predicted.get(f.queue)![index] = f.offered;
    }
    const errors: Record<string, Accuracy> = {};
    actual.queues.forEach((q) => (errors[q.queue] = accuracy(predicted.get(q.queue)!, q.offered)));
    errors[ALL_QUEUES] = accuracy(predicted.get(ALL_QUEUES)!, actualAll);
    return { method, queues: errors };
  });
}
