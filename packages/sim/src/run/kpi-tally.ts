import type { EngineEvent, ServiceLevelFormula } from '@relais/engine';
import type { KpiFigures } from './result.ts';

/** KPI.md: abandons within this many seconds are "short". */
const SHORT_ABANDON_MS = 5000;

/** One queue's counts over a replication, fed with engine events (KPI.md definitions). */
export class QueueTally {
  offered = 0;
  answered = 0;
  answeredWithin = 0;
  waitAnsweredMs = 0;
  abandoned = 0;
  abandonedShort = 0;
  abandonedWithin = 0;
  blocked = 0;
  handled = 0;
  handleMs = 0;
  /** Handling and available time of the agents able to serve the queue. */
  handlingMs = 0;
  availableMs = 0;

  constructor(
    readonly thresholdMs: number,
    readonly formula: ServiceLevelFormula,
  ) {}

  serviceLevel(): number {
    const ab = this.abandoned;
    const abT = this.abandonedWithin;
    let num: number;
    let den: number;
    switch (this.formula) {
      case 'answered':
        [num, den] = [this.answeredWithin, this.answered];
        break;
      case 'offered':
        [num, den] = [this.answeredWithin, this.answered + ab - this.abandonedShort];
        break;
      case 'abandon-neutral':
        [num, den] = [this.answeredWithin, this.answered + ab - abT];
        break;
      case 'abandon-positive':
        [num, den] = [this.answeredWithin + abT, this.answered + ab];
        break;
    }
    return den > 0 ? num / den : 1;
  }

  figures(): KpiFigures {
    const shortOffered = this.offered - this.abandonedShort;
    return {
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      blocked: this.blocked,
      serviceLevel: this.serviceLevel(),
      asaSeconds: this.answered > 0 ? this.waitAnsweredMs / this.answered / 1000 : 0,
      abandonRate: shortOffered > 0 ? (this.abandoned - this.abandonedShort) / shortOffered : 0,
      occupancy: ratio(this.handlingMs, this.handlingMs + this.availableMs),
      ahtSeconds: this.handled > 0 ? this.handleMs / this.handled / 1000 : 0,
    };
  }
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** Feeds contact events to the tally of their queue. */
export function tallyEvent(event: EngineEvent, tally: QueueTally | undefined): void {
  if (!tally) return;
  switch (event.type) {
    case 'contactQueued':
      // KPI.md: offered = entered the queue (arrival, transfer, overflow, callback due); a
      // requeue after an unanswered offer is the same visit.
      if (event.reason !== 'requeue') tally.offered++;
      break;
    case 'contactConnected':
      tally.answered++;
      tally.waitAnsweredMs += event.waitMs;
      if (event.waitMs <= tally.thresholdMs) tally.answeredWithin++;
      break;
    case 'contactAbandoned':
      tally.abandoned++;
      if (event.waitMs <= SHORT_ABANDON_MS) tally.abandonedShort++;
      if (event.waitMs <= tally.thresholdMs) tally.abandonedWithin++;
      break;
    case 'contactEnded':
      tally.handleMs += event.talkMs + event.holdMs;
      break;
    case 'contactCompleted':
      tally.handled++;
      tally.handleMs += event.wrapMs;
      break;
    default:
      break;
  }
}

/** Totals over queues: counts add up; rates are recomputed or answered-weighted. */
export function totalFigures(tallies: readonly QueueTally[], occupancy: number): KpiFigures {
  const sum = (pick: (t: QueueTally) => number): number => tallies.reduce((n, t) => n + pick(t), 0);
  const answered = sum((t) => t.answered);
  const abandoned = sum((t) => t.abandoned);
  const short = sum((t) => t.abandonedShort);
  const offered = sum((t) => t.offered);
  const handled = sum((t) => t.handled);
  return {
    offered,
    answered,
    abandoned,
    blocked: sum((t) => t.blocked),
    serviceLevel: answered > 0 ? sum((t) => t.serviceLevel() * t.answered) / answered : 1,
    asaSeconds: answered > 0 ? sum((t) => t.waitAnsweredMs) / answered / 1000 : 0,
    abandonRate: offered - short > 0 ? (abandoned - short) / (offered - short) : 0,
    occupancy,
    ahtSeconds: handled > 0 ? sum((t) => t.handleMs) / handled / 1000 : 0,
  };
}
