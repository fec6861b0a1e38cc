import type { EngineEvent } from '@relais/engine';

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

interface Tally {
  offered: number;
  answered: number;
  within: number;
  waitMs: number;
  abandoned: number;
  short: number;
  handled: number;
  handlingMs: number;
}

/** Per-queue KPIs computed from the engine's events. */
export class QueueKpis {
  private readonly tallies = new Map<string, Tally>();

  constructor(
    queueIds: readonly string[],
    private readonly thresholdSeconds = 20,
    private readonly shortAbandonSeconds = 5,
  ) {
    for (const id of queueIds) this.tally(id);
  }

  observe(events: readonly EngineEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'contactQueued':
          // A requeue (declined or missed offer) is the same visit, not a new contact.
          if (e.reason !== 'requeue') this.tally(e.queueId).offered++;
          break;
        case 'contactConnected': {
          const t = this.tally(e.queueId);
          t.answered++;
          t.waitMs += e.waitMs;
          if (e.waitMs <= this.thresholdSeconds * 1000) t.within++;
          break;
        }
        case 'contactAbandoned': {
          const t = this.tally(e.queueId);
          t.abandoned++;
          if (e.waitMs <= this.shortAbandonSeconds * 1000) t.short++;
          break;
        }
        case 'contactEnded':
          this.tally(e.queueId).handlingMs += e.talkMs + e.holdMs;
          break;
        case 'contactCompleted': {
          const t = this.tally(e.queueId);
          t.handled++;
          t.handlingMs += e.wrapMs;
          break;
        }
        default:
          break;
      }
    }
  }

  /** One row per queue, in the order given, then a row 'all' for the whole network. */
  rows(): QueueKpiRow[] {
    const all: Tally = {
      offered: 0,
      answered: 0,
      within: 0,
      waitMs: 0,
      abandoned: 0,
      short: 0,
      handled: 0,
      handlingMs: 0,
    };
    const rows = [...this.tallies].map(([queueId, t]) => {
      for (const key of Object.keys(all) as (keyof Tally)[]) all[key] += t[key];
      return row(queueId, t);
    });
    return [...rows, row('all', all)];
  }

  private tally(queueId: string): Tally {
    let t = this.tallies.get(queueId);
    if (!t) {
      t = {
        offered: 0,
        answered: 0,
        within: 0,
        waitMs: 0,
        abandoned: 0,
        short: 0,
        handled: 0,
        handlingMs: 0,
      };
      this.tallies.set(queueId, t);
    }
    return t;
  }
}

function row(queueId: string, t: Tally): QueueKpiRow {
  const slBase = t.answered + t.abandoned - t.short;
  return {
    queueId,
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    shortAbandoned: t.short,
    answeredWithinThreshold: t.within,
    serviceLevel: slBase > 0 ? t.within / slBase : null,
    asaSeconds: t.answered > 0 ? t.waitMs / t.answered / 1000 : null,
    handled: t.handled,
    ahtSeconds: t.handled > 0 ? t.handlingMs / t.handled / 1000 : null,
  };
}
