import type { Random } from '../random/random.ts';
import type { ArrivalWindow } from '../scenario/scenario.ts';
import { secondsOfDay } from '../scenario/clock-time.ts';

interface Window {
  fromMs: number;
  toMs: number;
  perMs: number;
}

/**
 * Poisson arrivals with a piecewise-constant rate. At a window's end the draw starts again from
 * the next window: the exponential is memoryless, so this is exact.
 */
export class PiecewisePoisson {
  private readonly windows: Window[];

  constructor(
    windows: readonly ArrivalWindow[],
    private readonly random: Random,
  ) {
    this.windows = windows
      .map((w) => ({
        fromMs: secondsOfDay(w.from) * 1000,
        toMs: secondsOfDay(w.to) * 1000,
        perMs: w.perHour / 3_600_000,
      }))
      .sort((a, b) => a.fromMs - b.fromMs);
  }

  /** The first arrival strictly after `afterMs` (ms of the day), or undefined when none is left. */
  next(afterMs: number): number | undefined {
    let t = afterMs;
    for (const w of this.windows) {
      if (w.toMs <= t || w.perMs <= 0) continue;
      if (t < w.fromMs) t = w.fromMs;
      const at = t - Math.log(1 - this.random()) / w.perMs;
      if (at < w.toMs) return at;
      t = w.toMs;
    }
    return undefined;
  }
}
