// Synthetic but realistic loads for `relais bench-wfm`: each queue has its own size, AHT and
// patience and a two-peak intraday profile (late morning, early afternoon), 96 intervals of
// 15 minutes; deterministic, so every run solves the same problems.
import type { IntervalForecast } from '@relais/wfm';

export const INTERVALS_PER_DAY = 96;
const INTERVAL_SECONDS = 900;

/** Contacts per 15-minute interval of queue `q` at interval `i`, between about 1 and 300. */
export function offeredAt(q: number, i: number, day = 0): number {
  const hour = (i + 0.5) / 4;
  const morning = Math.exp(-(((hour - 10.5) / 2) ** 2));
  const afternoon = 0.8 * Math.exp(-(((hour - 15) / 2.5) ** 2));
  const size = 20 + ((q * 7919) % 280); // peak contacts per interval
  const weekly = day % 7 === 5 ? 0.5 : day % 7 === 6 ? 0.3 : 1;
  return 1 + size * weekly * (morning + afternoon);
}

export function ahtOf(q: number): number {
  return 150 + ((q * 104_729) % 300);
}

export function patienceOf(q: number): number {
  return 60 + ((q * 1_299_709) % 240);
}

/** Traffic in Erlangs of queue `q` at interval `i`. */
export function trafficAt(q: number, i: number): number {
  return (offeredAt(q, i) / INTERVAL_SECONDS) * ahtOf(q);
}

/** A 7-day forecast of `queues` queues, for the plan benchmark. */
export function weekOfDemand(queues: number, firstDay: number): IntervalForecast[] {
  const demand: IntervalForecast[] = [];
  for (let d = 0; d < 7; d++) {
    for (let i = 0; i < INTERVALS_PER_DAY; i++) {
      for (let q = 0; q < queues; q++) {
        demand.push({
          day: firstDay + d,
          startSeconds: i * INTERVAL_SECONDS,
          queue: `q${q}`,
          offered: offeredAt(q, i, d),
          ahtSeconds: ahtOf(q),
        });
      }
    }
  }
  return demand;
}
