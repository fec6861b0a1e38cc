import { accuracy, type Accuracy } from './accuracy.ts';
import type { IntervalHistory, QueueSeries } from './interval-history.ts';
import { FORECAST_METHODS, type ForecastMethodName } from './methods/methods.ts';
import { trainings } from './methods/training.ts';

/** One queue's backtest: each method's error on the held-out days, and the method chosen. */
export interface Backtest {
  readonly heldOutDays: number;
  readonly errors: Readonly<Record<ForecastMethodName, Accuracy>>;
  readonly chosen: ForecastMethodName;
}

/**
 * Ties go to the weekday profile: with a one-week backtest it equals seasonal naive, and once
 * the history has several weeks it averages them instead of copying the last one.
 */
const TIE_ORDER = ['weekday-profile', 'seasonal-naive', 'poisson-regression'] as const;

/** Days held out: the last week, or half the history when it is shorter than two weeks. */
export function heldOutDays(trainingDays: number): number {
  return Math.min(7, Math.floor(trainingDays / 2));
}

/** The first `days` days of `history`. */
export function firstDaysOf(history: IntervalHistory, days: number): IntervalHistory {
  const size = days * history.intervalsPerDay;
  const cut = (q: QueueSeries): QueueSeries => ({
    queue: q.queue,
    offered: q.offered.subarray(0, size),
    handleSeconds: q.handleSeconds.subarray(0, size),
    answered: q.answered.subarray(0, size),
  });
  return { ...history, days, queues: history.queues.map(cut) };
}

/**
 * Per queue: fits every method on the days before the last `heldOutDays` (opening hours too are
 * learnt from those days only) and measures it on them; chooses the lowest WAPE, ties (and a
 * queue without contacts) going by TIE_ORDER. Undefined with fewer than two days.
 */
export function backtest(history: IntervalHistory): Map<string, Backtest> | undefined {
  const held = heldOutDays(history.days);
  if (held === 0) return undefined;
  const perDay = history.intervalsPerDay;
  const fitDays = history.days - held;
  const results = new Map<string, Backtest>();
  trainings(firstDaysOf(history, fitDays)).forEach((training, q) => {
    const full = history.queues[q] as QueueSeries;
    const actual = full.offered.subarray(fitDays * perDay, history.days * perDay);
    const errors = {} as Record<ForecastMethodName, Accuracy>;
    let chosen: ForecastMethodName = TIE_ORDER[0];
    for (const name of TIE_ORDER) {
      const forecast = FORECAST_METHODS[name](training, history.firstDay + fitDays, held);
      errors[name] = accuracy(forecast.offered, actual);
      if ((errors[name].wape ?? Infinity) < (errors[chosen].wape ?? Infinity)) chosen = name;
    }
    results.set(full.queue, { heldOutDays: held, errors, chosen });
  });
  return results;
}
