// `relais serve --demo`, first start: weeks of past calls for the demo queues, so that the
// reports and the planning forecast have a history to show the first time anyone opens them.
// The days follow the live demo's own day (the same intraday profile, volume and handle times),
// with a weekly rhythm and day-to-day noise; the calls are counted by the same code that counts
// an imported history (`relais import-history`).
import { DEFAULT_RULE, historyRows, Zone, type ServiceLevelRule } from '@relais/reports';
import type { ReportHistory, Store } from '@relais/store';
import { weekdayOf, type ContactRecord } from '@relais/wfm';
import {
  ARRIVAL_PROFILE,
  DAY_START_S,
  HALF_HOUR_S,
  MEAN_PATIENCE_S,
  MEAN_TALK_S,
  MEAN_WRAP_S,
  poisson,
  profileAt,
} from './demo-day-plan.ts';
import { Random } from '../workload/random.ts';
import { TIME_ZONE } from '../workload/network.ts';

/** Volume by weekday (0 = Sunday … 6 = Saturday) against the live day: Mondays are busiest. */
export const WEEKDAY_FACTOR: readonly number[] = [0.85, 1.08, 1.02, 1, 1, 0.97, 0.9];
/** Day-to-day noise on the volume: ± this share, uniformly. */
const DAY_NOISE = 0.05;

export interface DemoHistoryDay {
  /** Local day number (days since 1970-01-01 in the site's zone). */
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/**
 * The calls of one past day: per half-hour a Poisson count around the live demo's expected
 * arrivals (peakRate × the profile, scaled by the weekday and noise), each given a queue by the
 * queues' shares, a wait, an outcome and a handle time. Busier half-hours wait longer and lose
 * more callers. Deterministic for a seed.
 */
export function demoHistoryDay(
  day: DemoHistoryDay,
  peakRate: number,
  queueShares: Readonly<Record<string, number>>,
  seed: number,
): ContactRecord[] {
  const random = new Random((seed * 7919 + day.day) >>> 0);
  const queues = Object.keys(queueShares);
  const cumulative: number[] = [];
  let total = 0;
  for (const id of queues) cumulative.push((total += queueShares[id] as number));
  const pickQueue = (): string => {
    const x = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return queues[lo] as string;
  };
  const exponential = (mean: number): number => -Math.log(1 - random.next()) * mean;
  const volume = (WEEKDAY_FACTOR[day.weekday] ?? 1) * (1 + DAY_NOISE * (2 * random.next() - 1));
  const records: ContactRecord[] = [];
  for (let slot = 0; slot < ARRIVAL_PROFILE.length; slot++) {
    const start = DAY_START_S + slot * HALF_HOUR_S;
    const load = profileAt(start);
    const count = poisson(peakRate * load * HALF_HOUR_S * volume, random);
    // At the peak more callers wait, and longer; a few give up.
    const meanWait = 8 + 30 * load * load * volume;
    const abandonShare = 0.02 + 0.06 * load * load * volume;
    for (let i = 0; i < count; i++) {
      const arrivalSeconds = start + Math.floor(random.next() * HALF_HOUR_S);
      const abandoned = random.next() < abandonShare;
      records.push({
        row: records.length + 1,
        day: day.day,
        arrivalSeconds,
        queue: pickQueue(),
        waitSeconds: Math.round(
          abandoned ? Math.min(exponential(MEAN_PATIENCE_S / 3), 600) : exponential(meanWait),
        ),
        handleSeconds: abandoned
          ? 0
          : Math.round(Math.max(20, exponential(MEAN_TALK_S)) + MEAN_WRAP_S),
        outcome: abandoned ? 'abandoned' : 'answered',
      });
    }
  }
  return records;
}

/** Weeks of history written on the demo's first start: what the planning forecast reads. */
export const DEMO_HISTORY_WEEKS = 8;
const BUCKET_MS = 900_000;
const DAY_MS = 86_400_000;

export interface DemoHistoryOptions {
  peakRate: number;
  queueShares: Readonly<Record<string, number>>;
  seed: number;
  /** Now (ms): the history ends with the day before today, in the demo's zone. */
  nowMs: number;
  weeks?: number;
}

/**
 * Writes the past weeks' calls of the demo queues as report history (replacing any history of
 * those queues over those days), one day at a time so that memory stays small. Returns the
 * calls written.
 */
export async function storeDemoHistory(
  store: Store,
  tenantId: string,
  options: DemoHistoryOptions,
): Promise<number> {
  const zone = new Zone(TIME_ZONE);
  const today = Math.floor((options.nowMs + zone.offsetAt(options.nowMs)) / DAY_MS);
  const days = (options.weeks ?? DEMO_HISTORY_WEEKS) * 7;
  const queues = new Map(
    (
      await store.listConfig<{ clientId: string; serviceLevel?: Partial<ServiceLevelRule> }>(
        tenantId,
        'queue',
        { limit: 1000 },
      )
    ).map((q) => [q.id, q.data]),
  );
  const rows: ReportHistory['rows'] = [];
  const entityIds = new Set<string>();
  let calls = 0;
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (let day = today - days; day < today; day++) {
    const records = demoHistoryDay(
      { day, weekday: weekdayOf(day) },
      options.peakRate,
      options.queueShares,
      options.seed,
    );
    calls += records.length;
    const counted = historyRows(records, {
      zone,
      clientOf: (queue) => queues.get(queue)?.clientId,
      ruleOf: (queue) => ({ ...DEFAULT_RULE, ...queues.get(queue)?.serviceLevel }),
    });
    fromMs = Math.min(fromMs, counted.fromMs);
    toMs = Math.max(toMs, counted.toMs);
    for (const row of counted.rows) {
      entityIds.add(row.id);
      rows.push({
        dimension: row.dimension,
        entityId: row.id,
        bucketMs: row.bucket,
        values: row.values,
      });
    }
  }
  if (rows.length === 0) return 0;
  await store.replaceReportHistory(tenantId, {
    entityIds: [...entityIds],
    fromMs: Math.floor(fromMs / BUCKET_MS) * BUCKET_MS,
    toMs: Math.ceil(toMs / BUCKET_MS) * BUCKET_MS,
    rows,
  });
  return calls;
}
