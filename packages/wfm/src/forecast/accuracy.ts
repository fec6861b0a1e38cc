// Forecast error over a set of intervals. WAPE = Σ|F − A| / ΣA weighs intervals by volume and
// stays defined when some are 0; MAPE = mean |F − A| / A is taken only over intervals with at
// least MAPE_MIN_OFFERED actual contacts, as small counts make it explode (1 call forecast as 2 is
// a 100% error).

export const MAPE_MIN_OFFERED = 10;

export interface Accuracy {
  /** null when no contact arrived. */
  readonly wape: number | null;
  /** null when no interval reached MAPE_MIN_OFFERED. */
  readonly mape: number | null;
  readonly intervals: number;
  /** Intervals counted in the MAPE. */
  readonly mapeIntervals: number;
  readonly actualOffered: number;
  readonly forecastOffered: number;
}

/** Error of `forecast` against `actual`, interval by interval (same length and order). */
export function accuracy(forecast: ArrayLike<number>, actual: ArrayLike<number>): Accuracy {
  let absolute = 0;
  let actualTotal = 0;
  let forecastTotal = 0;
  let percentages = 0;
  let mapeIntervals = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] ?? 0;
    const f = forecast[i] ?? 0;
    absolute += Math.abs(f - a);
    actualTotal += a;
    forecastTotal += f;
    if (a >= MAPE_MIN_OFFERED) {
      percentages += Math.abs(f - a) / a;
      mapeIntervals++;
    }
  }
  return {
    wape: actualTotal > 0 ? absolute / actualTotal : null,
    mape: mapeIntervals > 0 ? percentages / mapeIntervals : null,
    intervals: actual.length,
    mapeIntervals,
    actualOffered: actualTotal,
    forecastOffered: forecastTotal,
  };
}
