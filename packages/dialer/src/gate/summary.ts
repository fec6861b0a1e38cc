import type { ReasonCode } from '../packs/rule-pack.ts';
import type { DialDecision } from './check-dial.ts';

/** "Why isn't it dialing?": dialable leads, blocked leads, and blocked leads per first reason. */
export interface BlockingSummary {
  readonly dialable: number;
  readonly blocked: number;
  readonly byReason: ReadonlyMap<ReasonCode, number>;
  /** Blocked leads that no waiting will free (opposition, no consent, stale list…). */
  readonly neverDialable: number;
}

/** Counts the gate's decisions per blocking reason (GATE5). */
export function summariseDecisions(decisions: Iterable<DialDecision>): BlockingSummary {
  let dialable = 0;
  let blocked = 0;
  let neverDialable = 0;
  const byReason = new Map<ReasonCode, number>();
  for (const decision of decisions) {
    if (decision.dialable) {
      dialable++;
      continue;
    }
    blocked++;
    if (decision.dialableAt === null) neverDialable++;
    byReason.set(decision.reason, (byReason.get(decision.reason) ?? 0) + 1);
  }
  return { dialable, blocked, byReason, neverDialable };
}
