import type { QueueRuntime } from '../model/runtime.ts';

/**
 * The wait estimated for a contact joining `queue` behind `ahead` others (SPEC RT4): 0 when an
 * eligible agent is free and nobody waits; else the time until an eligible agent frees (half the
 * average handle time over the eligible agents logged in; 0 if one is free) plus the contacts
 * ahead × the moving average of the time between answers (before two answers: handle time /
 * eligible agents); undefined before any answer or completion. `eligible` and `available`: the
 * agents logged in and free in the pools serving the queue's step 0 on its channel.
 */
export function estimatedWaitMs(
  queue: QueueRuntime,
  eligible: number,
  available: number,
  ahead: number,
): number | undefined {
  if (ahead === 0 && available > 0) return 0;
  const stats = queue.stats;
  if (stats.answerGapMs === undefined && stats.handleMs === undefined) return undefined;
  // Until an eligible agent frees up: half a handle time shared by the eligible agents.
  const firstFreeMs =
    available > 0 || stats.handleMs === undefined
      ? 0
      : stats.handleMs / (2 * Math.max(1, eligible));
  const perAheadMs = stats.answerGapMs ?? (stats.handleMs ?? 0) / Math.max(1, eligible);
  return firstFreeMs + ahead * perAheadMs;
}
