import { weekdayOf } from '../../calendar/civil-date.ts';
import type { IntervalHistory, QueueSeries } from '../interval-history.ts';

/** What a method learns from: one queue's series, its calendar, and the opening hours. */
export interface Training {
  readonly intervalsPerDay: number;
  readonly firstDay: number;
  readonly days: number;
  readonly series: QueueSeries;
  /** 1 where some queue had a contact on that weekday and interval: [weekday × perDay + i]. */
  readonly open: Uint8Array;
}

/** A method's forecast for days [fromDay, fromDay + days): [day × perDay + interval]. */
export interface MethodForecast {
  readonly offered: Float64Array;
  readonly ahtSeconds: Float64Array;
}

export type ForecastMethod = (training: Training, fromDay: number, days: number) => MethodForecast;

/** Opening hours by weekday, from every queue of `history`. */
export function openingHours(history: IntervalHistory): Uint8Array {
  const perDay = history.intervalsPerDay;
  const open = new Uint8Array(7 * perDay);
  for (const q of history.queues) {
    q.offered.forEach((count, index) => {
      if (count === 0) return;
      const day = Math.floor(index / perDay);
      open[weekdayOf(history.firstDay + day) * perDay + (index % perDay)] = 1;
    });
  }
  return open;
}

/** One Training per queue of `history`. */
export function trainings(history: IntervalHistory): Training[] {
  const open = openingHours(history);
  return history.queues.map((series) => ({
    intervalsPerDay: history.intervalsPerDay,
    firstDay: history.firstDay,
    days: history.days,
    series,
    open,
  }));
}

/** Training days (indexes) falling on `weekday`. */
export function daysOnWeekday(training: Training, weekday: number): number[] {
  const days: number[] = [];
  for (let d = 0; d < training.days; d++) {
    if (weekdayOf(training.firstDay + d) === weekday) days.push(d);
  }
  return days;
}

/** Pseudo-contacts at the queue's mean AHT added to each interval's AHT (shrinkage). */
const AHT_PRIOR_CONTACTS = 5;

/**
 * AHT per interval of the day over all training days, shrunk toward the queue's mean AHT so that
 * an interval with two answered calls does not swing the staffing; 0 when nothing was answered.
 */
export function pooledAht(training: Training): Float64Array {
  const perDay = training.intervalsPerDay;
  const handle = new Float64Array(perDay);
  const answered = new Float64Array(perDay);
  const { series } = training;
  for (let index = 0; index < training.days * perDay; index++) {
    handle[index % perDay]! += series.handleSeconds[index] ?? 0;
    answered[index % perDay]! += series.answered[index] ?? 0;
  }
  const totalAnswered = answered.reduce((s, v) => s + v, 0);
  const mean = totalAnswered > 0 ? handle.reduce((s, v) => s + v, 0) / totalAnswered : 0;
  return handle.map(
    (h, i) => (h + AHT_PRIOR_CONTACTS * mean) / ((answered[i] ?? 0) + AHT_PRIOR_CONTACTS),
  );
}

/** AHT of the answered contacts of some training days at one interval, or `fallback`. */
export function ahtOf(
  training: Training,
  days: readonly number[],
  interval: number,
  fallback: number,
): number {
  let handle = 0;
  let answered = 0;
  for (const d of days) {
    const index = d * training.intervalsPerDay + interval;
    handle += training.series.handleSeconds[index] ?? 0;
    answered += training.series.answered[index] ?? 0;
  }
  return answered > 0 ? handle / answered : fallback;
}
