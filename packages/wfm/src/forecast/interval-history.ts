import { invalidArgument } from '../errors.ts';
import type { ContactRecord } from '../history/contact-record.ts';

// Contacts counted per queue, day and interval, in the interval in which they arrived (KPI.md).
// Arrays are indexed [day × intervalsPerDay + interval], days from `firstDay`, every day of the
// span included (a day without contacts is a day of zeros, e.g. a closed Saturday).

export const INTERVAL_MINUTES = [15, 30, 60] as const;
export type IntervalMinutes = (typeof INTERVAL_MINUTES)[number];

/** Throws unless `minutes` is 15, 30 or 60. */
export function requireIntervalMinutes(minutes: number): asserts minutes is IntervalMinutes {
  if (!(INTERVAL_MINUTES as readonly number[]).includes(minutes)) {
    throw invalidArgument('intervalMinutes', 'one of 15, 30, 60', minutes);
  }
}

export interface QueueSeries {
  readonly queue: string;
  readonly offered: Float64Array;
  /** Sum of the handling times of the answered contacts, in seconds. */
  readonly handleSeconds: Float64Array;
  readonly answered: Float64Array;
}

export interface IntervalHistory {
  readonly intervalMinutes: IntervalMinutes;
  readonly intervalsPerDay: number;
  /** Day number of index 0. */
  readonly firstDay: number;
  readonly days: number;
  /** Sorted by queue name. */
  readonly queues: readonly QueueSeries[];
}

/** Buckets the records of days [firstDay, firstDay + days) into intervals, per queue. */
export function bucketHistory(
  records: readonly ContactRecord[],
  intervalMinutes: IntervalMinutes,
  firstDay: number,
  days: number,
  queues: readonly string[] = queueNames(records),
): IntervalHistory {
  const intervalsPerDay = 1440 / intervalMinutes;
  const size = days * intervalsPerDay;
  const series = new Map(
    queues.map((queue) => [
      queue,
      {
        queue,
        offered: new Float64Array(size),
        handleSeconds: new Float64Array(size),
        answered: new Float64Array(size),
      },
    ]),
  );
  for (const record of records) {
    const day = record.day - firstDay;
    const target = series.get(record.queue);
    if (day < 0 || day >= days || target === undefined) continue;
    const index = day * intervalsPerDay + Math.floor(record.arrivalSeconds / 60 / intervalMinutes);
    target.offered[index]! += 1;
    if (record.outcome === 'answered') {
      target.answered[index]! += 1;
      target.handleSeconds[index]! += record.handleSeconds;
    }
  }
  return { intervalMinutes, intervalsPerDay, firstDay, days, queues: [...series.values()] };
}

/** The queues of `records`, sorted. */
export function queueNames(records: readonly ContactRecord[]): string[] {
  return [...new Set(records.map((r) => r.queue))].sort();
}

/** Intervals of the day with a contact on some day in some queue: [first, last], or undefined. */
export function openWindow(history: IntervalHistory): { first: number; last: number } | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const q of history.queues) {
    q.offered.forEach((count, index) => {
      if (count === 0) return;
      const interval = index % history.intervalsPerDay;
      first = Math.min(first, interval);
      last = Math.max(last, interval);
    });
  }
  return first === Infinity ? undefined : { first, last };
}
