/** Mutable runtime records the engine keeps for sites, agents and queues (contacts: contact-runtime.ts). */
import { HeapNode, IndexedHeap } from '../collections/indexed-heap.ts';
import type { AgentPool } from '../routing/agent-pool.ts';
import type { Bucket } from '../routing/bucket.ts';
import { QueueStats } from '../stats/queue-stats.ts';
import type { ContactRuntime } from './contact-runtime.ts';
import {
  slotIndex,
  type AgentConfig,
  type AgentSelection,
  type Channel,
  type OverflowAction,
  type QueueConfig,
  type SiteConfig,
  type SlotChannel,
  type WrapUpPolicy,
} from './config.ts';
import { AGENT_STATES, agentStateIndex, countsByAgentState, type AgentState } from './events.ts';

export class SiteRuntime {
  readonly id: string;
  constructor(
    public config: SiteConfig,
    /** Row in the engine's per-site counters. */
    readonly index: number,
  ) {
    this.id = config.id;
  }
}

/**
 * Agents by shown state per site (SPEC RT2), in one typed array for all sites (site row × state):
 * a state change updates it without fetching the site's record.
 */
export class SiteStateCounts {
  private counts = new Int32Array(64 * AGENT_STATES.length);

  add(siteIndex: number, state: AgentState, delta: number): void {
    const i = siteIndex * AGENT_STATES.length + agentStateIndex(state);
    if (i >= this.counts.length) this.grow(i);
    this.counts[i] = (this.counts[i] as number) + delta;
  }

  of(siteIndex: number): Record<AgentState, number> {
    const out = countsByAgentState();
    AGENT_STATES.forEach((state, s) => {
      out[state] = this.counts[siteIndex * AGENT_STATES.length + s] ?? 0;
    });
    return out;
  }

  private grow(atLeast: number): void {
    let size = this.counts.length * 2;
    while (size <= atLeast) size *= 2;
    const next = new Int32Array(size);
    next.set(this.counts);
    this.counts = next;
  }
}

/** Agents with identical skills and proficiencies share a profile (SPEC PERF1). */
export interface Profile {
  key: string;
  skills: ReadonlyMap<string, number>;
}

/**
 * An agent's membership in the pool of one channel. Free members are linked through these
 * records in their pool's idle order (SPEC PERF3); the other strategies' heap nodes are separate.
 */
export class AgentChannel {
  /** Neighbours in the pool's idle list while free (matchable). */
  prevIdle: AgentChannel | undefined;
  nextIdle: AgentChannel | undefined;
  /** When the agent last became free, or last received a contact, on this channel (SPEC MAT1). */
  idleSinceMs = 0;
  /** Tie-break of equal idle times: the order in which that happened. */
  idleSeq = 0;
  /** In its pool's idle list and heaps: free to take a contact on this channel. */
  matchable = false;
  readonly slot: number;
  /** The agent's id, copied: the pool publishes its head's id without fetching the agent. */
  readonly agentId: string;
  readonly occupancyNode: HeapNode<AgentRuntime>;
  readonly rotationNode: HeapNode<AgentRuntime>;
  constructor(
    readonly agent: AgentRuntime,
    readonly channel: SlotChannel,
    public pool: AgentPool,
  ) {
    this.slot = slotIndex(channel);
    this.agentId = agent.id;
    this.occupancyNode = new HeapNode(agent);
    this.rotationNode = new HeapNode(agent);
  }
}

export class AgentRuntime {
  // Fields in the order of first use by a transition (refreshAgent, canTake, holdSlot): the
  // hot ones share a few cache lines; the configuration and the rarer slots come last.
  readonly id: string;
  state: AgentState = 'loggedOut';
  loggedIn = false;
  paused: string | undefined;
  pendingPause: string | undefined;
  /** Bit per slot: has capacity (a membership), and is in its pool's heaps (free there). */
  slotMask = 0;
  freeMask = 0;
  heldTotal = 0;
  heldExclusive = 0;
  offers = 0;
  connected = 0;
  wrapping = 0;
  /**
   * Contacts held and capacity per slot (voice, chat, email, task), as plain fields: an array
   * would be one more object to fetch on every transition of a large network.
   */
  held0 = 0;
  cap0 = 0;
  exclusiveVoice = true;
  autoAnswer = false;
  /** Queued for routing in the current drain (SPEC MAT9). */
  marked = false;
  /** Copies of the site's id and row, read by every state change without fetching the site. */
  siteIndex: number;
  siteId: string;
  /** The memberships by slot, as fields: a transition reads no array. */
  member0: AgentChannel | undefined;
  /**
   * Contacts held (offered, connected or in wrap-up), oldest first, as a list linked through
   * the contacts: holding and releasing allocate nothing and fetch no array of the agent.
   */
  firstHeld: ContactRuntime | undefined;
  lastHeld: ContactRuntime | undefined;
  missedOffers = 0;
  /** Handling time since login: the "least occupied" key (SPEC MAT3). */
  handledMs = 0;
  lastOfferSeq = 0;
  /**
   * Contacts waiting for this agent as their preferred agent (SPEC MAT8); made on first use,
   * so a freed agent without any reads no heap.
   */
  preferredWaiting: IndexedHeap<ContactRuntime> | undefined;
  held1 = 0;
  held2 = 0;
  held3 = 0;
  cap1 = 0;
  cap2 = 0;
  cap3 = 0;
  member1: AgentChannel | undefined;
  member2: AgentChannel | undefined;
  member3: AgentChannel | undefined;
  /** One membership per channel with capacity, in channel order. */
  channels: AgentChannel[] = [];
  config: AgentConfig;
  site: SiteRuntime;
  profile: Profile;
  constructor(config: AgentConfig, site: SiteRuntime, profile: Profile) {
    this.id = config.id;
    this.siteIndex = site.index;
    this.siteId = site.id;
    this.config = config;
    this.site = site;
    this.profile = profile;
    this.setConfig(config);
  }
  moveTo(site: SiteRuntime): void {
    this.site = site;
    this.siteId = site.id;
    this.siteIndex = site.index;
  }
  /** The contacts held, oldest first. */
  get contacts(): ContactRuntime[] {
    const out: ContactRuntime[] = [];
    for (let c = this.firstHeld; c !== undefined; c = c.nextHeld) out.push(c);
    return out;
  }
  memberOn(slot: number): AgentChannel {
    const member =
      slot === 0
        ? this.member0
        : slot === 1
          ? this.member1
          : slot === 2
            ? this.member2
            : this.member3;
    if (member === undefined) throw new Error(`agent ${this.id} has no membership on slot ${slot}`);
    return member;
  }
  /** Sets the memberships (placeAgentInPools). */
  setMembers(members: AgentChannel[]): void {
    this.channels = members;
    this.member0 = this.member1 = this.member2 = this.member3 = undefined;
    this.slotMask = 0;
    for (const member of members) {
      if (member.slot === 0) this.member0 = member;
      else if (member.slot === 1) this.member1 = member;
      else if (member.slot === 2) this.member2 = member;
      else this.member3 = member;
      this.slotMask |= 1 << member.slot;
    }
  }
  heldOn(slot: number): number {
    return slot === 0 ? this.held0 : slot === 1 ? this.held1 : slot === 2 ? this.held2 : this.held3;
  }
  capacityOn(slot: number): number {
    return slot === 0 ? this.cap0 : slot === 1 ? this.cap1 : slot === 2 ? this.cap2 : this.cap3;
  }
  addHeld(slot: number, delta: number): void {
    if (slot === 0) this.held0 += delta;
    else if (slot === 1) this.held1 += delta;
    else if (slot === 2) this.held2 += delta;
    else this.held3 += delta;
  }
  setCapacity(slots: readonly number[]): void {
    [this.cap0 = 0, this.cap1 = 0, this.cap2 = 0, this.cap3 = 0] = slots;
  }
  /** Plain fields, not getters over the config: routing reads them on every decision. */
  setConfig(config: AgentConfig): void {
    this.config = config;
    this.exclusiveVoice = config.exclusiveVoice !== false;
    this.autoAnswer = config.autoAnswer === true;
  }
}

/** Requirements of a queue after applying its steps up to one index. */
export interface EffectiveStep {
  index: number;
  afterMs: number;
  skills: ReadonlyMap<string, number>;
  /** undefined = any site */
  sites: ReadonlySet<string> | undefined;
  raisePriority: number;
  moveToQueue: string | undefined;
}

/** A queue with its live figures in the same record (one fetch for both on the hot path). */
export class QueueRuntime extends QueueStats {
  steps: EffectiveStep[] = [];
  homeSite: SiteRuntime | undefined;
  readonly buckets = new Map<string, Bucket>();
  /** The same buckets by step × channel index, for the hot path. */
  readonly bucketList: (Bucket | undefined)[] = [];
  /** Contacts waiting (queued or waiting for a preferred agent), oldest first (SPEC RT1). */
  readonly waitingByAge = new IndexedHeap<ContactRuntime>();
  readonly id: string;
  priority = 0;
  weight = 1;
  strategy: AgentSelection = 'longest-idle';
  wrapUp: WrapUpPolicy = { mode: 'timed', seconds: 0 };
  /** Timed wrap-up length; undefined when the agent ends wrap-up by hand. */
  wrapUpMs: number | undefined = 0;
  overflow: OverflowAction = { kind: 'disconnect' };
  /**
   * Copies of the configuration fields every arrival or offer reads: on a network of thousands
   * of queues the configuration object is one more cold record per contact (SPEC PERF7).
   */
  channel: Channel = 'voice';
  maxSize: number | undefined;
  maxWaitSeconds: number | undefined;
  offerTimeoutSeconds: number | undefined;
  constructor(public config: QueueConfig) {
    super(config.serviceLevel);
    this.id = config.id;
    this.setConfig(config);
  }
  /** The live figures (SPEC RT3, RT4): the queue record itself. */
  get stats(): QueueStats {
    return this;
  }
  /** Plain fields with defaults applied, not getters over the config: routing reads them often. */
  setConfig(config: QueueConfig): void {
    this.config = config;
    this.priority = config.priority ?? 0;
    this.weight = config.weight ?? 1;
    this.strategy = config.strategy ?? 'longest-idle';
    this.wrapUp = config.wrapUp ?? { mode: 'timed', seconds: 0 };
    this.wrapUpMs = this.wrapUp.mode === 'timed' ? this.wrapUp.seconds * 1000 : undefined;
    this.overflow = config.overflow ?? { kind: 'disconnect' };
    this.channel = config.channel;
    this.maxSize = config.maxSize;
    this.maxWaitSeconds = config.maxWaitSeconds;
    this.offerTimeoutSeconds = config.offerTimeoutSeconds;
  }
  get waiting(): number {
    return this.waitingByAge.size;
  }
}

export { ContactRuntime } from './contact-runtime.ts';
