// The campaign's leads and the order they are dialed in (RUN1, RUN2): callbacks that are due
// first, then recycled leads whose delay has passed, then new leads. Every pick goes through the
// gate; a lead the gate stops is set aside with its reason until its dialableAt.
import { checkDial } from '../gate/check-dial.ts';
import type { CampaignContext, Lead } from '../gate/types.ts';
import type { ReasonCode, RulePack } from '../packs/rule-pack.ts';
import { MinHeap } from './min-heap.ts';
import type { TenantHistory } from './tenant-history.ts';
import type { LeadState, RuntimeEvent } from './types.ts';

export interface LeadRecord {
  readonly lead: Lead;
  readonly index: number;
  state: LeadState;
  attempts: number;
  /** When it may be tried next (recycling delay or callback). */
  nextAt: number | null;
  lastOutcome: string | null;
  blocked: { reason: ReasonCode; dialableAt: number | null } | null;
  /** The agent a scheduled callback belongs to. */
  callbackAgentId: string | null;
}

/** A lead cleared by the gate for a dial now. */
export interface Pick {
  readonly record: LeadRecord;
  readonly callback: boolean;
}

const CALLBACK = 0;
const RECYCLED = 1;
const NEW = 2;

function waitsIn(record: LeadRecord, kind: number): boolean {
  return kind === CALLBACK
    ? record.state === 'callback'
    : record.state === 'scheduled' || record.state === 'new';
}

export class LeadBook {
  readonly records: LeadRecord[];
  private readonly byId = new Map<string, LeadRecord>();
  private readonly callbacks = new MinHeap<LeadRecord>();
  private readonly recycled = new MinHeap<LeadRecord>();
  private readonly waitingGate = new MinHeap<{ record: LeadRecord; kind: number }>();
  private newCursor = 0;
  /** Gate checks made, for the stats and the benchmark. */
  gateChecks = 0;
  private readonly blockedCounts = new Map<ReasonCode, number>();

  constructor(
    leads: readonly Lead[],
    private readonly campaign: CampaignContext,
    private readonly pack: RulePack,
    private readonly history: TenantHistory,
  ) {
    this.records = leads.map((lead, index) => ({
      lead,
      index,
      state: 'new',
      attempts: 0,
      nextAt: null,
      lastOutcome: null,
      blocked: null,
      callbackAgentId: null,
    }));
    for (const record of this.records) this.byId.set(record.lead.id, record);
  }

  /** Appends leads (a list imported while running); ids already known are skipped. */
  add(leads: readonly Lead[]): number {
    let added = 0;
    for (const lead of leads) {
      if (this.byId.has(lead.id)) continue;
      const record: LeadRecord = {
        lead,
        index: this.records.length,
        state: 'new',
        attempts: 0,
        nextAt: null,
        lastOutcome: null,
        blocked: null,
        callbackAgentId: null,
      };
      this.records.push(record);
      this.byId.set(lead.id, record);
      added++;
    }
    return added;
  }

  get(leadId: string): LeadRecord | undefined {
    return this.byId.get(leadId);
  }

  /** Blocked leads per first reason, as last checked. */
  blockedByReason(): ReadonlyMap<ReasonCode, number> {
    return this.blockedCounts;
  }

  /** The next time a set-aside or scheduled lead becomes due, if any. */
  nextDueAt(): number {
    return Math.min(this.callbacks.peekKey(), this.recycled.peekKey(), this.waitingGate.peekKey());
  }

  scheduleRetry(record: LeadRecord, atMs: number): void {
    record.nextAt = atMs;
    this.recycled.push(atMs, record);
  }

  scheduleCallback(record: LeadRecord, atMs: number, agentId: string | null): void {
    record.nextAt = atMs;
    record.callbackAgentId = agentId;
    this.callbacks.push(atMs, record);
  }

  /**
   * The next lead the gate clears now, or undefined; stops after `budget` gate checks so one pick
   * never scans a whole list when the hours close. Leads it stops carry their reason (events).
   */
  pick(nowMs: number, budget: number, events: RuntimeEvent[]): Pick | undefined {
    // Leads set aside by the gate whose dialableAt has come go back to their line.
    while (this.waitingGate.peekKey() <= nowMs) {
      const entry = this.waitingGate.pop();
      if (entry === undefined) break;
      this.unblock(entry.record);
      const heap = entry.kind === CALLBACK ? this.callbacks : this.recycled;
      if (entry.kind === NEW) entry.record.nextAt = nowMs;
      heap.push(entry.record.nextAt ?? nowMs, entry.record);
    }
    let checks = 0;
    for (const [heap, kind] of [
      [this.callbacks, CALLBACK],
      [this.recycled, RECYCLED],
    ] as const) {
      while (heap.peekKey() <= nowMs && checks < budget) {
        const record = heap.pop();
        // Stale entries (the lead was dialed, closed or rescheduled since) are skipped.
        if (record === undefined || !waitsIn(record, kind) || (record.nextAt ?? 0) > nowMs)
          continue;
        checks++;
        if (this.cleared(record, kind, nowMs, events))
          return { record, callback: kind === CALLBACK };
      }
    }
    while (this.newCursor < this.records.length && checks < budget) {
      const record = this.records[this.newCursor++] as LeadRecord;
      if (record.state !== 'new') continue;
      checks++;
      if (this.cleared(record, NEW, nowMs, events)) return { record, callback: false };
    }
    return undefined;
  }

  private cleared(
    record: LeadRecord,
    kind: number,
    nowMs: number,
    events: RuntimeEvent[],
  ): boolean {
    this.gateChecks++;
    const decision = checkDial(
      record.lead,
      this.history.of(record.lead.phoneE164),
      this.campaign,
      this.pack,
      nowMs,
    );
    if (decision.dialable) {
      this.unblock(record);
      return true;
    }
    const { reason, reasons, dialableAt } = decision;
    if (record.blocked?.reason !== reason) {
      this.unblock(record);
      this.blockedCounts.set(reason, (this.blockedCounts.get(reason) ?? 0) + 1);
    }
    record.blocked = { reason, dialableAt };
    events.push({
      type: 'leadBlocked',
      atMs: nowMs,
      leadId: record.lead.id,
      reason,
      reasons,
      dialableAt,
    });
    // A lead no waiting will free stays aside (GATE3); the rest come back at their dialableAt.
    if (dialableAt !== null) this.waitingGate.push(dialableAt, { record, kind });
    return false;
  }

  /** Asks the gate again for a lead already picked (an agent took it in preview). */
  recheck(record: LeadRecord, nowMs: number, events: RuntimeEvent[]): boolean {
    return this.cleared(record, RECYCLED, nowMs, events);
  }

  /** Forgets a closed lead's blocking reason. */
  close(record: LeadRecord): void {
    this.unblock(record);
  }

  private unblock(record: LeadRecord): void {
    const reason = record.blocked?.reason;
    if (reason === undefined) return;
    const count = (this.blockedCounts.get(reason) ?? 1) - 1;
    if (count > 0) this.blockedCounts.set(reason, count);
    else this.blockedCounts.delete(reason);
    record.blocked = null;
  }
}
