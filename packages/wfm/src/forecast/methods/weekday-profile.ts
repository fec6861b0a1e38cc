import { weekdayOf } from '../../calendar/civil-date.ts';
import { ahtOf, daysOnWeekday, pooledAht, type ForecastMethod } from './training.ts';

/**
 * Weekday profile: each interval as the mean of the training days of the same weekday (of all
 * days when none was seen); AHT over the same days, or the pooled AHT where none was answered.
 */
export const weekdayProfile: ForecastMethod = (training, fromDay, days) => {
  const perDay = training.intervalsPerDay;
  const offered = new Float64Array(days * perDay);
  const ahtSeconds = new Float64Array(days * perDay);
  const pooled = pooledAht(training);
  const everyDay = Array.from({ length: training.days }, (_, d) => d);
  for (let d = 0; d < days; d++) {
    const same = daysOnWeekday(training, weekdayOf(fromDay + d));
    const sources = same.length > 0 ? same : everyDay;
    for (let i = 0; i < perDay; i++) {
      let sum = 0;
      for (const s of sources) sum += training.series.offered[s * perDay + i] ?? 0;
      offered[d * perDay + i] = sum / sources.length;
      ahtSeconds[d * perDay + i] = ahtOf(training, sources, i, pooled[i] ?? 0);
    }
  }
  return { offered, ahtSeconds };
};
