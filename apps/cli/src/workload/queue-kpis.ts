import type { EngineEvent } from '@relais/engine';
import { QueueTally, tallyEvent } from '@relais/sim';

/** One queue's figures over a period, with the definitions of KPI.md. */
export interface QueueKpiRow {
  queueId: string;
  /** Contacts that entered the queue (arrivals, transfers, overflows, callbacks due). */
  offered: number;
  answered: number;
  abandoned: number;
  /** Abandoned within the short-abandon threshold; excluded from the service level. */
  shortAbandoned: number;
  answeredWithinThreshold: number;
  /** Formula 'offered': ans(T) / (ans + ab − short); null when nothing counts yet. */
  serviceLevel: number | null;
  /** Average speed of answer: queue wait of answered contacts / answered. */
  asaSeconds: number | null;
  /** Completed (answered and wrapped up). */
  handled: number;
  /** (talk + hold + wrap-up) / handled. */
  ahtSeconds: number | null;
}

/** Per-queue KPIs computed from the engine's events, with the simulator's tallies. */
export class QueueKpis {
  private readonly tallies = new Map<string, QueueTally>();

  constructor(
    queueIds: readonly string[],
    private readonly thresholdSeconds = 20,
  ) {
    for (const id of queueIds) this.tally(id);
  }

  observe(events: readonly EngineEvent[]): void {
    for (const e of events) if ('queueId' in e) tallyEvent(e, this.tally(e.queueId));
  }

  /** One row per queue, in the order given, then a row 'all' for the whole network. */
  rows(): QueueKpiRow[] {
    const all = this.newTally();
    for (const t of this.tallies.values()) {
      all.offered += t.offered;
      all.answered += t.answered;
      all.answeredWithin += t.answeredWithin;
      all.waitAnsweredMs += t.waitAnsweredMs;
      all.abandoned += t.abandoned;
      all.abandonedShort += t.abandonedShort;
      all.handled += t.handled;
      all.handleMs += t.handleMs;
    }
    return [...[...this.tallies].map(([queueId, t]) => row(queueId, t)), row('all', all)];
  }

  /** Short abandons are those within 5 s, the KPI.md default the tallies use. */
  private newTally(): QueueTally {
    return new QueueTally(this.thresholdSeconds * 1000, 'offered');
  }

  private tally(queueId: string): QueueTally {
    let t = this.tallies.get(queueId);
    if (!t) {
      t = this.newTally();
      this.tallies.set(queueId, t);
    }
    return t;
  }
}

function row(queueId: string, t: QueueTally): QueueKpiRow {
  const slBase = t.answered + t.abandoned - t.abandonedShort;
  return {
    queueId,
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    shortAbandoned: t.abandonedShort,
    answeredWithinThreshold: t.answeredWithin,
    serviceLevel: slBase > 0 ? t.answeredWithin / slBase : null,
    asaSeconds: t.answered > 0 ? t.waitAnsweredMs / t.answered / 1000 : null,
    handled: t.handled,
    ahtSeconds: t.handled > 0 ? t.handleMs / t.handled / 1000 : null,
  };
}
