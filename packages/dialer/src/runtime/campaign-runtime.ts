// The campaign runtime (RUN1–RUN8): a pure state machine over a campaign's leads and calls. The
// host gives it the time, call results, engine events and dispositions; it answers with actions
// (dial, play the identification message) and the events a store writes.
import type { EngineEvent } from '@relais/engine';
import { DialerInputError } from '../errors.ts';
import type { Lead } from '../gate/types.ts';
import {
  checkRecycling,
  recycleStep,
  type AttemptOutcome,
  type CallResult,
  type RecycleOutcome,
} from '../outcomes/outcomes.ts';
import { AbandonLedger, abandonWindowHoursFor } from '../pacing/abandon-ledger.ts';
import { poissonBinomial } from '../pacing/expected-drops.ts';
import { LiveEstimates, freeingChances } from '../pacing/live-estimates.ts';
import { decide, type PacingDecision } from '../pacing/pacer.ts';
import { DailyCounts } from './daily-counts.ts';
import { LeadBook, type LeadRecord } from './lead-book.ts';
import type { TenantHistory } from './tenant-history.ts';
import type {
  CampaignSettings,
  EngineLink,
  HostAction,
  LeadState,
  RuntimeEvent,
  RuntimeOutput,
} from './types.ts';

/** COMPLIANCE.md: a person who answers is connected to an agent within 2 s, or it is a drop. */
export const CONNECT_GRACE_MS = 2_000;
/** Gate checks one pacing step may spend looking for dialable leads. */
const PICK_BUDGET = 2_000;

type CallPhase = 'offered' | 'ringing' | 'waiting' | 'connected' | 'wrapUp' | 'ended';

interface Call {
  readonly id: string;
  readonly record: LeadRecord;
  phase: CallPhase;
  /** Preview and owned callbacks: an agent holds the contact before the call is placed. */
  readonly agentFirst: boolean;
  placedAtMs: number;
  ringMs: number;
  answeredAtMs: number;
  agentId: string | undefined;
  phaseSinceMs: number;
  resolved: boolean;
  disposed: boolean;
  /** The engine ended the contact itself (cancelled, expired). */
  contactGone: boolean;
  dispositionId: string | undefined;
}

/** A call as the host's views read it (the agent desktop's outbound context). */
export interface CallView {
  readonly callId: string;
  readonly leadId: string;
  readonly phase: CallPhase;
  /** The agent got the lead before the call (preview, owned callback). */
  readonly agentFirst: boolean;
  readonly agentId?: string;
  readonly dispositionId?: string;
}

/** A lead's stored progress, for a runtime rebuilt from the store (RUN10). */
export interface ResumedLead {
  readonly state: 'new' | 'scheduled' | 'callback';
  readonly attempts: number;
  readonly nextAtMs?: number;
  readonly lastOutcome?: string;
  /** The agent a scheduled callback belongs to. */
  readonly callbackAgentId?: string;
}

export interface RuntimeOptions {
  /**
   * Prefix of the call ids (also the engine contact ids): a host that rebuilds runtimes gives
   * each build its own, so a call id is never reused in the engine's log. Default: the campaign id.
   */
  readonly callIdPrefix?: string;
}

export type CampaignRunState = 'running' | 'paused' | 'stopped';
export type { CallPhase };

export class CampaignRuntime {
  readonly ledger: AbandonLedger;
  readonly estimates: LiveEstimates;
  readonly book: LeadBook;
  private readonly calls = new Map<string, Call>();
  private readonly waiting = new Set<Call>();
  private readonly today: DailyCounts;
  private runState: CampaignRunState = 'stopped';
  private nowMs = -Infinity;
  private callSeq = 0;
  private actions: HostAction[] = [];
  private events: RuntimeEvent[] = [];
  private lastDecision: PacingDecision | null = null;
  private counts = { ringing: 0, waiting: 0, lines: 0, offered: 0 };
  private readonly callIdPrefix: string;

  constructor(
    readonly settings: CampaignSettings,
    leads: readonly Lead[],
    private readonly history: TenantHistory,
    private readonly link: EngineLink,
    options: RuntimeOptions = {},
  ) {
    this.callIdPrefix = options.callIdPrefix ?? settings.id;
    checkRecycling(settings.recycling);
    const { ringTimeoutSeconds } = settings.pacing;
    if (!Number.isFinite(ringTimeoutSeconds) || ringTimeoutSeconds < 15) {
      throw new DialerInputError('pacing.ringTimeoutSeconds', 'must be ≥ 15 s (US and UK rules)');
    }
    const windowHours =
      settings.pacing.abandonWindowHours ?? abandonWindowHoursFor(settings.pack.id);
    this.ledger = new AbandonLedger(windowHours);
    this.estimates = new LiveEstimates(settings.priors);
    const context = {
      id: settings.id,
      clientId: settings.clientId,
      suppression: settings.suppression,
    };
    this.book = new LeadBook(leads, context, settings.pack, history);
    this.today = new DailyCounts(settings.timeZone);
  }

  get state(): CampaignRunState {
    return this.runState;
  }

  get decision(): PacingDecision | null {
    return this.lastDecision;
  }

  /** Lines up now: calls ringing, waiting for an agent or connected. */
  get linesInUse(): number {
    return this.counts.lines;
  }

  get dailyCounts(): DailyCounts {
    return this.today;
  }

  /** Calls not over yet: offered to an agent, ringing, waiting, connected or in wrap-up. */
  get activeCalls(): number {
    return this.calls.size;
  }

  /** Calls not over yet by phase (agents on a campaign call, in its wrap-up …). */
  phaseCounts(): Record<CallPhase, number> {
    const counts = { offered: 0, ringing: 0, waiting: 0, connected: 0, wrapUp: 0, ended: 0 };
    for (const call of this.calls.values()) counts[call.phase]++;
    return counts;
  }

  /** A call not over yet, or undefined. */
  call(callId: string): CallView | undefined {
    const call = this.calls.get(callId);
    if (call === undefined) return undefined;
    return {
      callId,
      leadId: call.record.lead.id,
      phase: call.phase,
      agentFirst: call.agentFirst,
      ...(call.agentId === undefined ? {} : { agentId: call.agentId }),
      ...(call.dispositionId === undefined ? {} : { dispositionId: call.dispositionId }),
    };
  }

  /**
   * Gives a lead the progress the store kept (RUN10): its state, attempts, next time and, for a
   * callback, its owner. Before the first tick; a lead on a call is the host's to reconcile first.
   */
  resumeLead(leadId: string, resumed: ResumedLead): void {
    const record = this.book.get(leadId);
    if (record === undefined) throw new DialerInputError('leadId', `unknown lead ${leadId}`);
    if (record.state !== 'new' || this.calls.size > 0) {
      throw new DialerInputError(
        'leadId',
        `lead ${leadId} is ${record.state}: resume before dialing`,
      );
    }
    if (!Number.isInteger(resumed.attempts) || resumed.attempts < 0) {
      throw new DialerInputError('attempts', 'must be a whole number ≥ 0');
    }
    const at = resumed.nextAtMs;
    if (resumed.state !== 'new' && (at === undefined || !Number.isFinite(at))) {
      throw new DialerInputError('nextAtMs', `a ${resumed.state} lead needs its next time`);
    }
    record.attempts = resumed.attempts;
    record.lastOutcome = resumed.lastOutcome ?? null;
    if (resumed.state === 'new' || at === undefined) return;
    record.state = resumed.state;
    if (resumed.state === 'scheduled') this.book.scheduleRetry(record, at);
    else this.book.scheduleCallback(record, at, resumed.callbackAgentId ?? null);
  }

  /** Leads imported while the campaign runs (RUN10); ids already known are skipped. */
  addLeads(leads: readonly Lead[]): number {
    return this.book.add(leads);
  }

  /** Running dials; paused and stopped place no call (calls already out go on). */
  setState(state: CampaignRunState, nowMs: number): RuntimeOutput {
    this.clock(nowMs);
    this.runState = state;
    return this.flush();
  }

  /** Paces: asks the pacer for lines and places them on leads the gate clears (RUN1, PACE3). */
  tick(nowMs: number): RuntimeOutput {
    this.clock(nowMs);
    this.fireDrops();
    if (this.runState !== 'running') return this.flush();
    const agents = this.link.agents(this.settings.queueId);
    const busy: { phase: 'talk' | 'wrap'; sinceMs: number }[] = [];
    for (const call of this.calls.values()) {
      if (call.phase === 'connected') busy.push({ phase: 'talk', sinceMs: call.phaseSinceMs });
      else if (call.phase === 'wrapUp') busy.push({ phase: 'wrap', sinceMs: call.phaseSinceMs });
    }
    const window = this.ledger.window(nowMs);
    const chances = freeingChances(busy, nowMs, CONNECT_GRACE_MS, this.estimates);
    const decision = decide({
      mode: this.settings.mode,
      loggedInAgents: agents.loggedIn,
      availableAgents: agents.available,
      freeingSoon: chances.reduce((sum, q) => sum + q, 0),
      freeingDistribution: poissonBinomial(chances),
      ringing: this.counts.ringing + this.counts.offered,
      waiting: this.counts.waiting,
      linesInUse: this.counts.lines,
      maxLinesPerAgent: this.settings.pacing.maxLinesPerAgent,
      humanAnswerRate: this.estimates.humanAnswerRate,
      abandonTarget: this.settings.pacing.abandonTarget,
      window,
      ...(this.settings.pacing.aim === undefined ? {} : { aim: this.settings.pacing.aim }),
    });
    this.lastDecision = decision;
    for (let placed = 0; placed < decision.lines; placed++) {
      const pick = this.book.pick(nowMs, PICK_BUDGET, this.events);
      if (pick === undefined) break;
      const owner = pick.callback ? pick.record.callbackAgentId : null;
      if (this.settings.mode === 'preview' || owner !== null) this.offer(pick.record, owner);
      else this.dial(pick.record, undefined);
    }
    return this.flush();
  }

  /** The telephony side's result for a ringing call (RUN3). */
  callResult(callId: string, result: CallResult, nowMs: number): RuntimeOutput {
    this.clock(nowMs);
    const call = this.callOf(callId);
    if (call.phase !== 'ringing') {
      throw new DialerInputError('callId', `call ${callId} is ${call.phase}, not ringing`);
    }
    call.ringMs = nowMs - call.placedAtMs;
    this.counts.ringing--;
    this.today.add(nowMs, resultCounter(result));
    if (result === 'person') {
      this.estimates.observeCall('person', call.ringMs);
      this.answered(call, nowMs);
    } else {
      this.estimates.observeCall(result === 'answeringMachine' ? 'machine' : 'none');
      this.counts.lines--;
      const outcome: AttemptOutcome = result;
      this.resolve(call, outcome, nowMs);
      if (call.agentFirst) this.releaseAgentContact(call);
      call.phase = 'ended';
      this.calls.delete(call.id);
      this.recycle(call.record, outcome, nowMs);
    }
    return this.flush();
  }

  /** Engine events of commands the runtime did not apply itself (RUN7). */
  observe(events: readonly EngineEvent[], nowMs: number): RuntimeOutput {
    this.clock(nowMs);
    this.take(events);
    this.fireDrops();
    return this.flush();
  }

  /** The agent's disposition for a call (RUN5); a callback flag needs `callbackAtMs`. */
  dispose(
    callId: string,
    dispositionId: string,
    nowMs: number,
    options: { callbackAtMs?: number; agentOwnsCallback?: boolean } = {},
  ): RuntimeOutput {
    this.clock(nowMs);
    const call = this.callOf(callId);
    const disposition = this.settings.dispositions.find((d) => d.id === dispositionId);
    if (disposition === undefined) {
      const known = this.settings.dispositions.map((d) => d.id).join(', ');
      throw new DialerInputError('dispositionId', `"${dispositionId}" is not one of ${known}`);
    }
    if (call.phase !== 'connected' && call.phase !== 'wrapUp') {
      throw new DialerInputError('callId', `call ${callId} is ${call.phase}: nobody to dispose of`);
    }
    if (call.disposed) throw new DialerInputError('callId', `call ${callId} has a disposition`);
    const { flag } = disposition;
    const record = call.record;
    const phone = record.lead.phoneE164;
    if (flag === 'callback') {
      const due = options.callbackAtMs;
      if (due === undefined || !Number.isFinite(due) || due <= nowMs) {
        throw new DialerInputError('callbackAtMs', 'a callback needs a time after now');
      }
    }
    call.disposed = true;
    call.dispositionId = dispositionId;
    this.events.push({
      type: 'dispositionApplied',
      atMs: nowMs,
      callId,
      leadId: record.lead.id,
      dispositionId,
      flag,
      ...(call.agentId === undefined ? {} : { agentId: call.agentId }),
    });
    if (flag === 'success') this.today.add(nowMs, 'success');
    if (flag === 'refusal') this.history.recordRefusal(phone, this.settings.clientId, nowMs);
    if (flag === 'doNotCall') this.history.markDoNotCall(phone, nowMs);
    if (flag === 'callback') {
      const owner = options.agentOwnsCallback === true ? (call.agentId ?? null) : null;
      this.callback(record, options.callbackAtMs as number, owner, nowMs);
    } else {
      this.recycle(record, flag, nowMs);
    }
    return this.flush();
  }

  /** A callback scheduled from outside a call (API), owned by an agent or by the campaign. */
  scheduleCallback(
    leadId: string,
    dueAtMs: number,
    agentId: string | null,
    nowMs: number,
  ): RuntimeOutput {
    this.clock(nowMs);
    const record = this.book.get(leadId);
    if (record === undefined) throw new DialerInputError('leadId', `unknown lead ${leadId}`);
    if (!Number.isFinite(dueAtMs)) throw new DialerInputError('dueAtMs', 'must be finite epoch ms');
    if (record.state === 'dialing' || record.state === 'connected') {
      throw new DialerInputError(
        'leadId',
        `lead ${leadId} is on a call now; dispose of it instead`,
      );
    }
    this.callback(record, dueAtMs, agentId, nowMs);
    return this.flush();
  }

  /**
   * The earliest time the runtime needs a `tick`: a drop deadline, or (while running) a lead
   * coming due. Leads already due wait for capacity, which only events bring (the host ticks
   * after each); they ask again within a minute all the same.
   */
  nextDeadline(): number {
    let next = Infinity;
    if (this.runState === 'running') {
      const due = this.book.nextDueAt();
      next = due > this.nowMs ? due : this.nowMs + 60_000;
    }
    for (const call of this.waiting) next = Math.min(next, call.answeredAtMs + CONNECT_GRACE_MS);
    return next;
  }

  // --- calls -------------------------------------------------------------------------------

  private newCall(record: LeadRecord, agentFirst: boolean, phase: CallPhase): Call {
    const call: Call = {
      id: `${this.callIdPrefix}:${++this.callSeq}`,
      record,
      phase,
      agentFirst,
      placedAtMs: this.nowMs,
      ringMs: 0,
      answeredAtMs: 0,
      agentId: undefined,
      phaseSinceMs: this.nowMs,
      resolved: false,
      disposed: false,
      contactGone: false,
      dispositionId: undefined,
    };
    this.calls.set(call.id, call);
    return call;
  }

  /** Preview, or a callback owned by an agent: the agent gets the lead first, then dials. */
  private offer(record: LeadRecord, ownerId: string | null): void {
    const call = this.newCall(record, true, 'offered');
    this.counts.offered++;
    this.setLeadState(record, 'dialing');
    const contact = {
      contactId: call.id,
      queueId: this.settings.queueId,
      channel: 'voice' as const,
      attributes: { leadId: record.lead.id, campaignId: this.settings.id, preview: 'true' },
      ...(ownerId === null ? {} : { preferredAgentId: ownerId, preferredWaitSeconds: 600 }),
    };
    this.take(this.link.apply({ type: 'arrive', contact }));
  }

  private dial(record: LeadRecord, agentId: string | undefined, call?: Call): void {
    const placed = call ?? this.newCall(record, false, 'ringing');
    placed.phase = 'ringing';
    placed.placedAtMs = this.nowMs;
    this.counts.ringing++;
    this.counts.lines++;
    record.attempts++;
    this.history.recordAttempt(record.lead.phoneE164, this.settings.clientId, this.nowMs);
    this.today.add(this.nowMs, 'placed');
    this.setLeadState(record, 'dialing');
    const { callerId } = this.settings;
    const agent = agentId === undefined ? {} : { agentId };
    this.events.push({
      type: 'attemptPlaced',
      atMs: this.nowMs,
      callId: placed.id,
      leadId: record.lead.id,
      phoneE164: record.lead.phoneE164,
      callerId,
      attempt: record.attempts,
      ...agent,
    });
    this.actions.push({
      type: 'dial',
      callId: placed.id,
      leadId: record.lead.id,
      number: record.lead.phoneE164,
      callerId,
      ringTimeoutMs: this.settings.pacing.ringTimeoutSeconds * 1000,
      ...agent,
    });
  }

  /** A person answered: hand the call to the campaign's agents (RUN4). */
  private answered(call: Call, nowMs: number): void {
    call.answeredAtMs = nowMs;
    if (call.agentFirst) {
      // The agent is already on the line: no drop possible.
      this.ledger.recordAnswer(nowMs, false);
      this.connected(call, call.agentId, nowMs);
      return;
    }
    call.phase = 'waiting';
    this.counts.waiting++;
    this.waiting.add(call);
    const contact = {
      contactId: call.id,
      queueId: this.settings.queueId,
      channel: 'voice' as const,
      attributes: { leadId: call.record.lead.id, campaignId: this.settings.id },
    };
    this.take(this.link.apply({ type: 'arrive', contact }));
  }

  private connected(call: Call, agentId: string | undefined, nowMs: number, late = false): void {
    if (call.phase === 'waiting') {
      this.waiting.delete(call);
      this.counts.waiting--;
      this.ledger.recordAnswer(call.answeredAtMs, late);
      if (late) this.today.add(nowMs, 'abandoned');
    }
    call.phase = 'connected';
    call.phaseSinceMs = nowMs;
    call.agentId = agentId;
    this.setLeadState(call.record, 'connected');
    this.resolve(call, 'answered', nowMs);
  }

  /** Waiting calls past their 2 s grace become drops (RUN4). */
  private fireDrops(): void {
    for (const call of [...this.waiting]) {
      if (call.answeredAtMs + CONNECT_GRACE_MS > this.nowMs) continue;
      this.waiting.delete(call);
      this.counts.waiting--;
      this.counts.lines--;
      call.phase = 'ended';
      this.calls.delete(call.id);
      const atMs = call.answeredAtMs + CONNECT_GRACE_MS;
      this.ledger.recordAnswer(call.answeredAtMs, true);
      this.history.recordAbandon(call.record.lead.phoneE164, Math.min(atMs, this.nowMs));
      this.today.add(this.nowMs, 'abandoned');
      if (!call.contactGone) this.take(this.link.apply({ type: 'abandon', contactId: call.id }));
      this.actions.push({
        type: 'playIdentification',
        callId: call.id,
        leadId: call.record.lead.id,
      });
      this.resolve(call, 'abandoned', this.nowMs);
      this.recycle(call.record, 'abandoned', this.nowMs);
    }
  }

  private resolve(call: Call, outcome: AttemptOutcome, nowMs: number): void {
    if (call.resolved) return;
    call.resolved = true;
    call.record.lastOutcome = outcome;
    this.events.push({
      type: 'attemptOutcome',
      atMs: nowMs,
      callId: call.id,
      leadId: call.record.lead.id,
      outcome,
      ringMs: call.ringMs,
      ...(call.agentId === undefined ? {} : { agentId: call.agentId }),
    });
  }

  /** Ends the engine contact an agent held for a call that found nobody. */
  private releaseAgentContact(call: Call): void {
    const ended = this.link.apply({ type: 'end', contactId: call.id });
    const completed = ended.some((e) => e.type === 'contactCompleted' && e.contactId === call.id);
    if (!completed) this.link.apply({ type: 'endWrapUp', contactId: call.id });
  }

  /** Engine events about this campaign's contacts. */
  private take(events: readonly EngineEvent[]): void {
    for (const event of events) {
      if (!('contactId' in event)) continue;
      const call = this.calls.get(event.contactId);
      if (call === undefined) continue;
      switch (event.type) {
        case 'contactConnected':
          if (call.phase === 'waiting') {
            // Connected after the grace: the person waited too long, it still counts as a drop.
            const late = event.atMs > call.answeredAtMs + CONNECT_GRACE_MS;
            this.connected(call, event.agentId, event.atMs, late);
          } else if (call.phase === 'offered') {
            this.counts.offered--;
            call.agentId = event.agentId;
            this.dialAfterOffer(call);
          }
          break;
        case 'contactEnded':
          if (call.phase === 'connected') {
            this.counts.lines--;
            this.estimates.observeTalk(event.talkMs);
            call.phase = 'wrapUp';
            call.phaseSinceMs = event.atMs;
          }
          break;
        case 'contactCompleted':
          if (call.phase === 'wrapUp' || call.phase === 'connected') {
            if (call.phase === 'connected') this.counts.lines--;
            this.estimates.observeWrap(event.wrapMs);
            call.phase = 'ended';
            this.calls.delete(call.id);
            if (!call.disposed) this.recycle(call.record, 'answered', event.atMs);
          }
          break;
        case 'contactAbandoned':
        case 'contactCancelled':
        case 'contactExpired':
        case 'contactTransferredOut':
          this.lostContact(call, event.atMs);
          break;
        default:
          break;
      }
    }
  }

  /** The agent took the lead (preview, owned callback): the gate is asked again, then we dial. */
  private dialAfterOffer(call: Call): void {
    const record = call.record;
    const decision = this.book.recheck(record, this.nowMs, this.events);
    if (decision) {
      this.dial(record, call.agentId, call);
      return;
    }
    call.phase = 'ended';
    this.calls.delete(call.id);
    this.releaseAgentContact(call);
    this.setLeadState(record, record.attempts > 0 ? 'scheduled' : 'new');
  }

  /** The engine ended a contact on its own (a cancel, an expiry): the call is over. */
  private lostContact(call: Call, atMs: number): void {
    if (call.phase === 'offered') {
      this.counts.offered--;
      this.setLeadState(call.record, call.record.attempts > 0 ? 'scheduled' : 'new');
      this.book.scheduleRetry(call.record, atMs);
    } else if (call.phase === 'waiting') {
      call.contactGone = true;
      return; // the drop deadline decides
    } else if (call.phase === 'connected') {
      this.counts.lines--;
    }
    call.phase = 'ended';
    this.calls.delete(call.id);
  }

  // --- leads -------------------------------------------------------------------------------

  private recycle(record: LeadRecord, outcome: RecycleOutcome | 'answered', nowMs: number): void {
    const step =
      outcome === 'answered'
        ? ({ close: true, why: 'answered' } as const)
        : recycleStep(outcome, record.attempts, this.settings.recycling);
    if (step.close) {
      this.book.close(record);
      record.nextAt = null;
      this.setLeadState(record, 'done', outcome);
      return;
    }
    const at = nowMs + step.retryAfterMs;
    this.setLeadState(record, 'scheduled', outcome, at);
    this.book.scheduleRetry(record, at);
  }

  private callback(record: LeadRecord, dueAtMs: number, agentId: string | null, nowMs: number) {
    this.setLeadState(record, 'callback', 'callback', dueAtMs);
    this.book.scheduleCallback(record, dueAtMs, agentId);
    this.events.push({
      type: 'callbackScheduled',
      atMs: nowMs,
      leadId: record.lead.id,
      dueAtMs,
      ...(agentId === null ? {} : { agentId }),
    });
  }

  private setLeadState(
    record: LeadRecord,
    to: LeadState,
    because?: RecycleOutcome | 'answered',
    nextAt?: number,
  ): void {
    const from = record.state;
    if (from === to && nextAt === undefined) return;
    record.state = to;
    this.events.push({
      type: 'leadStateChanged',
      atMs: this.nowMs,
      leadId: record.lead.id,
      from,
      to,
      ...(nextAt === undefined ? {} : { nextAt }),
      ...(because === undefined ? {} : { because }),
    });
  }

  // --- plumbing ----------------------------------------------------------------------------

  private callOf(callId: string): Call {
    const call = this.calls.get(callId);
    if (call === undefined) throw new DialerInputError('callId', `no call ${callId} in progress`);
    return call;
  }

  private clock(nowMs: number): void {
    if (!Number.isFinite(nowMs)) throw new DialerInputError('nowMs', 'must be finite epoch ms');
    if (nowMs < this.nowMs) {
      throw new DialerInputError('nowMs', `went back from ${this.nowMs} to ${nowMs}`);
    }
    this.nowMs = nowMs;
  }

  private flush(): RuntimeOutput {
    const output = { actions: this.actions, events: this.events };
    this.actions = [];
    this.events = [];
    return output;
  }
}

function resultCounter(result: CallResult) {
  switch (result) {
    case 'person':
      return 'answeredHuman' as const;
    case 'answeringMachine':
      return 'answeringMachine' as const;
    case 'busy':
      return 'busy' as const;
    case 'noAnswer':
      return 'noAnswer' as const;
    case 'wrongNumber':
      return 'wrongNumber' as const;
    case 'failed':
      return 'failed' as const;
  }
}
