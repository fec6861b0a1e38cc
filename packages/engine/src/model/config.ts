/** Configuration the engine routes with: sites, skills, agents, queues, codes. */

export const CHANNELS = ['voice', 'callback', 'chat', 'email', 'task'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Channels that have slots in an agent's capacity. A callback is a call the agent places, so it
 * takes the voice slot (SPEC CAP1).
 */
export const SLOT_CHANNELS = ['voice', 'chat', 'email', 'task'] as const;
export type SlotChannel = (typeof SLOT_CHANNELS)[number];

/** The slot a contact of this channel takes. */
export const slotChannel = (channel: Channel): SlotChannel =>
  channel === 'callback' ? 'voice' : channel;

/** The slot index of a channel; a switch, not a keyed read, on the hot path. */
export function slotIndex(channel: Channel): number {
  switch (channel) {
    case 'voice':
    case 'callback':
      return 0;
    case 'chat':
      return 1;
    case 'email':
      return 2;
    case 'task':
      return 3;
  }
}

/** Channel → its position in CHANNELS. */
export function channelOrder(channel: Channel): number {
  switch (channel) {
    case 'voice':
      return 0;
    case 'callback':
      return 1;
    case 'chat':
      return 2;
    case 'email':
      return 3;
    case 'task':
      return 4;
  }
}

/** The voice slot (voice and callbacks) excludes every other contact for a blocking agent (SPEC CAP2). */
export const isExclusiveSlot = (slot: number): boolean => slot === 0;

/** Maximum simultaneous contacts an agent may hold, per slot channel (SPEC CAP1). */
export type Capacity = Partial<Record<SlotChannel, number>>;

export const DEFAULT_CAPACITY: Readonly<Capacity> = { voice: 1 };

export interface SiteConfig {
  id: string;
  city: string;
  timeZone: string;
  positions: number;
}

export interface SkillConfig {
  id: string;
  /** Languages are skills too; the flag only helps reports and the UI. */
  kind?: 'language' | 'skill';
}

export interface AgentConfig {
  id: string;
  name?: string;
  siteId: string;
  /** skill id → proficiency 1..10 */
  skills: Record<string, number>;
  capacity?: Capacity;
  /** When true (default) a voice or callback contact blocks every other channel (SPEC CAP2). */
  exclusiveVoice?: boolean;
  /** Offers are answered at once, with no ringing (auto-answer phones, simulated agents; SPEC AGT8). */
  autoAnswer?: boolean;
}

export type AgentSelection = 'longest-idle' | 'most-skilled' | 'least-occupied' | 'round-robin';

export type ServiceLevelFormula = 'answered' | 'offered' | 'abandon-neutral' | 'abandon-positive';

export interface ServiceLevelTarget {
  thresholdSeconds: number;
  /** 0..1, e.g. 0.8 for 80/20 */
  target: number;
  formula?: ServiceLevelFormula;
  /** Abandons within this many seconds are "short" (KPI.md, default 5). */
  shortAbandonSeconds?: number;
}

/** What happens to a contact that waits too long or finds the queue full (SPEC OVF1). */
export type OverflowAction =
  | { kind: 'queue'; queueId: string }
  | { kind: 'callback' }
  | { kind: 'voicemail'; queueId: string }
  | { kind: 'disconnect' };

export type WrapUpPolicy = { mode: 'timed'; seconds: number } | { mode: 'manual' };

/** A routing step evaluated on the contact's age in the queue, like a bullseye ring (SPEC STP1). */
export interface RoutingStep {
  afterSeconds: number;
  /** Lower (or raise) every minimum proficiency by this amount, floor 1. */
  minProficiencyDelta?: number;
  /** Require these skills too (skill → minimum proficiency). */
  addSkills?: Record<string, number>;
  /** Stop requiring these skills. */
  dropSkills?: string[];
  /** Widen the sites agents may come from; 'network' removes the restriction. */
  addSites?: string[] | 'network';
  /** Added to the contact's priority. */
  raisePriority?: number;
  /** Move the contact to another queue (its steps start again there). */
  moveToQueue?: string;
}

export interface QueueConfig {
  id: string;
  clientId: string;
  channel: Channel;
  /** skill → minimum proficiency */
  skills: Record<string, number>;
  /** Higher is served first; added to each contact's own priority. */
  priority?: number;
  /** Multiplies waiting age when agents compare queues (SPEC MAT5). */
  weight?: number;
  serviceLevel?: ServiceLevelTarget;
  strategy?: AgentSelection;
  /** Restrict eligible agents to these sites (until a step widens it). */
  sites?: string[];
  /** Contacts prefer agents of this site, then its city, then the network (SPEC MAT7). */
  homeSiteId?: string;
  steps?: RoutingStep[];
  maxWaitSeconds?: number;
  maxSize?: number;
  overflow?: OverflowAction;
  offerTimeoutSeconds?: number;
  wrapUp?: WrapUpPolicy;
  /** How long a contact waits for its preferred agent before routing normally. */
  preferredAgentWaitSeconds?: number;
}

export interface PauseCodeConfig {
  id: string;
  label: string;
  /** Counted as productive time in reports (training, coaching, back office). */
  productive?: boolean;
}

export interface DispositionConfig {
  id: string;
  label: string;
  /** Counts as a success for conversion reports. */
  success?: boolean;
}

export interface EngineOptions {
  /** Consecutive missed offers before the agent is paused "missed-offers" (SPEC AGT6). */
  missedOffersBeforePause?: number;
  /** Agents pick the queue furthest below its service-level target first (SPEC MAT6). */
  favourQueuesBelowTarget?: boolean;
  /** Default offer timeout when a queue has none. */
  offerTimeoutSeconds?: number;
  /** Explanations list at most this many candidates (all are counted). */
  explainCandidates?: number;
}

export const MISSED_OFFERS_PAUSE = 'missed-offers';

export const DEFAULTS = {
  missedOffersBeforePause: 3,
  offerTimeoutSeconds: 20,
  explainCandidates: 3,
  preferredAgentWaitSeconds: 30,
  thresholdSeconds: 20,
  slTarget: 0.8,
  shortAbandonSeconds: 5,
} as const;
