import { weekdayOf } from '../../calendar/civil-date.ts';
import { ahtOf, daysOnWeekday, pooledAht, type ForecastMethod } from './training.ts';

/**
 * Seasonal naive (weekly): each interval as on the last training day of the same weekday (the
 * last day, if no day of that weekday was seen); AHT likewise, or the pooled AHT where that day
 * answered nobody.
 */
export const seasonalNaive: ForecastMethod = (training, fromDay, days) => {
  const perDay = training.intervalsPerDay;
  const offered = new Float64Array(days * perDay);
  const ahtSeconds = new Float64Array(days * perDay);
  const pooled = pooledAht(training);
  for (let d = 0; d < days; d++) {
    const same = daysOnWeekday(training, weekdayOf(fromDay + d));
    const source = same.at(-1) ?? training.days - 1;
    for (let i = 0; i < perDay; i++) {
      offered[d * perDay + i] = training.series.offered[source * perDay + i] ?? 0;
      ahtSeconds[d * perDay + i] = ahtOf(training, [source], i, pooled[i] ?? 0);
    }
  }
  return { offered, ahtSeconds };
};
