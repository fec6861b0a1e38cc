import { TimerHeap } from './collections/timer-heap.ts';
import { ContactIndex } from './contacts/contact-index.ts';
import {
  DEFAULTS,
  type Channel,
  type DispositionConfig,
  type EngineOptions,
  type PauseCodeConfig,
  type SkillConfig,
} from './model/config.ts';
import type { EngineEvent, EventBody } from './model/events.ts';
import {
  ContactRuntime,
  SiteStateCounts,
  type AgentRuntime,
  type QueueRuntime,
  type SiteRuntime,
} from './model/runtime.ts';
import { TopCandidates } from './routing/top-candidates.ts';
import { Topology } from './routing/topology.ts';

/** Resolved engine options. */
export interface Settings {
  missedOffersBeforePause: number;
  favourQueuesBelowTarget: boolean;
  offerTimeoutMs: number;
  explainCandidates: number;
}

export function settingsFrom(options: EngineOptions = {}): Settings {
  return {
    missedOffersBeforePause: options.missedOffersBeforePause ?? DEFAULTS.missedOffersBeforePause,
    favourQueuesBelowTarget: options.favourQueuesBelowTarget ?? false,
    offerTimeoutMs: (options.offerTimeoutSeconds ?? DEFAULTS.offerTimeoutSeconds) * 1000,
    explainCandidates: options.explainCandidates ?? DEFAULTS.explainCandidates,
  };
}

/**
 * The engine's state and the primitives every flow uses: the clock, event emission with
 * per-tenant sequence numbers, the timer heap and the work list of agents and contacts whose
 * routing must be re-examined before a command returns.
 */
export class Core {
  nowMs = 0;
  seq = 0;
  /** Counters that make ties deterministic: places in line, idle order, offers, timers. */
  orderSeq = 0;
  idleSeq = 0;
  offerSeq = 0;
  timerSeq = 0;
  out: EngineEvent[] = [];

  readonly sites = new Map<string, SiteRuntime>();
  readonly siteCounts = new SiteStateCounts();
  readonly skills = new Map<string, SkillConfig>();
  readonly queues = new Map<string, QueueRuntime>();
  readonly agents = new Map<string, AgentRuntime>();
  /** Contacts not yet in a terminal state. */
  readonly contacts = new ContactIndex();
  readonly pauseCodes = new Map<string, PauseCodeConfig>();
  readonly dispositions = new Map<string, DispositionConfig>();
  readonly topology = new Topology();
  /** Contact records by row, finished ones included (they are reused, never dropped). */
  readonly contactRows: ContactRuntime[] = [];
  /** Contacts' next deadlines, by contact row (SPEC TMR1). */
  readonly timers = new TimerHeap();

  /**
   * Finished contacts, kept for reuse once the current command is over (recycleContacts), and
   * records ready for reuse by new contacts.
   */
  private readonly finished: ContactRuntime[] = [];
  private readonly spareContacts: ContactRuntime[] = [];

  /** Agents and contacts to route before the current command returns, in order of marking. */
  readonly work: (AgentRuntime | ContactRuntime)[] = [];

  /** Routing decisions taken, and pool or bucket heads weighed by them (for benchmarks). */
  decisions = 0;
  headsWeighed = 0;
  /** Reused by every decision: the best candidates so far. */
  /** Pool table rows weighed by a contact's decision. */
  readonly topPools: TopCandidates<number>;
  readonly topContacts: TopCandidates<ContactRuntime>;
  /** Bucket table rows weighed by an agent's decision. */
  readonly topBuckets: TopCandidates<number>;

  constructor(readonly settings: Settings) {
    const limit = Math.max(1, settings.explainCandidates);
    this.topPools = new TopCandidates(limit);
    this.topContacts = new TopCandidates(limit);
    this.topBuckets = new TopCandidates(limit);
  }

  emit(body: EventBody): void {
    const event = body as EngineEvent;
    event.seq = ++this.seq;
    event.atMs = this.nowMs;
    this.out.push(event);
  }

  /** A record for a new contact: a finished one when there is one (ContactRuntime.reuse). */
  newContact(
    id: string,
    queue: QueueRuntime,
    channel: Channel,
    basePriority: number,
    site: SiteRuntime | undefined,
  ): ContactRuntime {
    const spare = this.spareContacts.pop();
    if (spare) return spare.reuse(id, queue, channel, basePriority, site, this.nowMs);
    const rows = this.contactRows;
    const contact = new ContactRuntime(
      rows.length,
      id,
      queue,
      channel,
      basePriority,
      site,
      this.nowMs,
    );
    rows.push(contact);
    return contact;
  }

  /** A contact reached its terminal state: its record is reused after the current command. */
  retire(contact: ContactRuntime): void {
    this.finished.push(contact);
  }

  /**
   * Called when a command or timer is done and nothing refers to the finished contacts any
   * more (the work list is drained).
   */
  recycleContacts(): void {
    const finished = this.finished;
    if (finished.length === 0) return;
    for (let i = 0; i < finished.length; i++)
      this.spareContacts.push(finished[i] as ContactRuntime);
    // Setting the length is a runtime call: made only when there was something to move.
    finished.length = 0;
  }

  markAgent(agent: AgentRuntime): void {
    if (agent.marked) return;
    agent.marked = true;
    this.work.push(agent);
  }

  markContact(contact: ContactRuntime): void {
    if (contact.marked) return;
    contact.marked = true;
    this.work.push(contact);
  }

  /** (Re)arms the contact's single timer at its next deadline, or disarms it. */
  setTimer(contact: ContactRuntime, atMs: number | undefined): void {
    if (atMs === undefined) this.timers.remove(contact.row);
    else this.timers.set(contact.row, Math.max(atMs, this.nowMs), ++this.timerSeq);
  }

  /** When the next timer is due, if any. */
  nextTimerMs(): number | undefined {
    return this.timers.size > 0 ? this.timers.topDueMs : undefined;
  }
}
