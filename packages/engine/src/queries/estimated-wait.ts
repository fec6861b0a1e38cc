import type { QueueRuntime } from '../model/runtime.ts';
import type { AgentPool } from '../routing/agent-pool.ts';

/**
 * The wait estimated for a contact joining `queue` behind `ahead` others (SPEC RT4): 0 when an
 * eligible agent is free and nobody waits; else the time until an eligible agent frees (half the
 * average handle time over the eligible agents logged in; 0 if one is free) plus the contacts
 * ahead × the moving average of the time between answers (before two answers: handle time /
 * eligible agents); undefined before any answer or completion. `pools` serve the queue's step 0
 * on its channel: its eligible agents.
 */
export function estimatedWaitMs(
  queue: QueueRuntime,
  pools: readonly AgentPool[],
  ahead: number,
): { estimatedWaitMs: number | undefined; eligible: number; available: number } {
  let eligible = 0;
  let available = 0;
  for (const pool of pools) {
    eligible += pool.loggedIn;
    available += pool.free;
  }
  const stats = queue.stats;
  let estimate: number | undefined;
  if (ahead === 0 && available > 0) estimate = 0;
  else if (stats.answerGapMs !== undefined || stats.handleMs !== undefined) {
    // Until an eligible agent frees up: half a handle time shared by the eligible agents.
    const firstFreeMs =
      available > 0 || stats.handleMs === undefined
        ? 0
        : stats.handleMs / (2 * Math.max(1, eligible));
    const perAheadMs = stats.answerGapMs ?? (stats.handleMs ?? 0) / Math.max(1, eligible);
    estimate = firstFreeMs + ahead * perAheadMs;
  }
  return { estimatedWaitMs: estimate, eligible, available };
}
