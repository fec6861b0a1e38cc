import { weekdayOf } from '../../calendar/civil-date.ts';
import { pooledAht, type ForecastMethod, type Training } from './training.ts';

// Poisson regression with a weekday effect and an interval-of-day effect (a log-linear model):
//   count(d, i) ~ Poisson(a[weekday(d)] · b[i])   on the intervals open on that weekday,
// 0 on the others (opening hours learnt from all queues). Its maximum-likelihood fit is found by
// iterative proportional fitting: each step sets one factor to its exact MLE given the other,
// and the likelihood rises until both margins (totals per weekday, per interval) are matched.
// Why this model: the intraday shape is learnt from every day, not only from the two or three
// days of one weekday that the profile average sees, so a short history gives a steadier shape.

const ITERATIONS = 200;
const TOLERANCE = 1e-10;

interface Fit {
  /** Contacts per day on each weekday, relative to b. */
  readonly level: Float64Array;
  readonly shape: Float64Array;
  readonly seen: Uint8Array;
}

function fit(training: Training): Fit {
  const perDay = training.intervalsPerDay;
  const { open, series } = training;
  const daysOf = new Float64Array(7);
  const weekdayTotal = new Float64Array(7);
  const intervalTotal = new Float64Array(perDay);
  for (let d = 0; d < training.days; d++) {
    const w = weekdayOf(training.firstDay + d);
    daysOf[w]! += 1;
    for (let i = 0; i < perDay; i++) {
      const count = series.offered[d * perDay + i] ?? 0;
      weekdayTotal[w]! += count;
      intervalTotal[i]! += count;
    }
  }
  const level = new Float64Array(7);
  const shape = new Float64Array(perDay).fill(1);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    for (let w = 0; w < 7; w++) {
      let exposure = 0;
      for (let i = 0; i < perDay; i++) if (open[w * perDay + i]) exposure += shape[i] ?? 0;
      const days = daysOf[w] ?? 0;
      level[w] = days > 0 && exposure > 0 ? (weekdayTotal[w] ?? 0) / (days * exposure) : 0;
    }
    let change = 0;
    for (let i = 0; i < perDay; i++) {
      let exposure = 0;
      for (let w = 0; w < 7; w++)
        if (open[w * perDay + i]) exposure += (daysOf[w] ?? 0) * (level[w] ?? 0);
      const next = exposure > 0 ? (intervalTotal[i] ?? 0) / exposure : 0;
      change = Math.max(change, Math.abs(next - (shape[i] ?? 0)) / Math.max(1e-12, next));
      shape[i] = next;
    }
    if (change < TOLERANCE) break;
  }
  return { level, shape, seen: Uint8Array.from(daysOf, (n) => (n > 0 ? 1 : 0)) };
}

/** The fitted model's expected contacts per interval on each forecast day; AHT pooled. */
export const poissonRegression: ForecastMethod = (training, fromDay, days) => {
  const perDay = training.intervalsPerDay;
  const { level, shape, seen } = fit(training);
  const seenLevels = level.filter((_, w) => seen[w] === 1);
  const meanLevel = seenLevels.reduce((s, v) => s + v, 0) / Math.max(1, seenLevels.length);
  const pooled = pooledAht(training);
  const offered = new Float64Array(days * perDay);
  const ahtSeconds = new Float64Array(days * perDay);
  for (let d = 0; d < days; d++) {
    const w = weekdayOf(fromDay + d);
    for (let i = 0; i < perDay; i++) {
      // A weekday never seen in training: the mean level, open wherever some weekday is.
      const isOpen = seen[w] === 1 ? training.open[w * perDay + i] === 1 : anyOpen(training, i);
      const dayLevel = seen[w] === 1 ? (level[w] ?? 0) : meanLevel;
      offered[d * perDay + i] = isOpen ? dayLevel * (shape[i] ?? 0) : 0;
      ahtSeconds[d * perDay + i] = pooled[i] ?? 0;
    }
  }
  return { offered, ahtSeconds };
};

function anyOpen(training: Training, interval: number): boolean {
  for (let w = 0; w < 7; w++)
    if (training.open[w * training.intervalsPerDay + interval]) return true;
  return false;
}
