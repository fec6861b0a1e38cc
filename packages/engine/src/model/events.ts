import type {
  AgentConfig,
  Capacity,
  Channel,
  DispositionConfig,
  OverflowAction,
  PauseCodeConfig,
  QueueConfig,
  SiteConfig,
  SkillConfig,
} from './config.ts';

/** What an agent shows to supervisors; derived from what the agent holds (SPEC AGT1). */
export type AgentState = 'loggedOut' | 'available' | 'paused' | 'reserved' | 'busy' | 'wrapUp';

export const AGENT_STATES: readonly AgentState[] = [
  'loggedOut',
  'available',
  'paused',
  'reserved',
  'busy',
  'wrapUp',
];

/** Agent state → index into per-state arrays (AGENT_STATES order); a switch, not a keyed read. */
export function agentStateIndex(state: AgentState): number {
  switch (state) {
    case 'loggedOut':
      return 0;
    case 'available':
      return 1;
    case 'paused':
      return 2;
    case 'reserved':
      return 3;
    case 'busy':
      return 4;
    case 'wrapUp':
      return 5;
  }
}

/** A count per agent state, all zero. */
export const countsByAgentState = (): Record<AgentState, number> => ({
  loggedOut: 0,
  available: 0,
  paused: 0,
  reserved: 0,
  busy: 0,
  wrapUp: 0,
});

export type ContactState =
  'queued' | 'waitingPreferred' | 'offered' | 'connected' | 'wrapUp' | 'scheduled' | TerminalState;

/** Every contact ends in exactly one of these (SPEC CON2). */
export type TerminalState = 'completed' | 'abandoned' | 'cancelled' | 'expired' | 'transferredOut';

/** One candidate weighed by a routing decision; scores compare lexicographically, lower wins. */
export interface Candidate {
  id: string;
  score: number[];
}

/** Why a routing decision went the way it did (SPEC EXP1). */
export interface Decision {
  /** 'contact': a contact looked for an agent; 'agent': an agent looked for a contact. */
  trigger: 'contact' | 'agent';
  /** The rule that decided: a strategy, 'preferred-agent' or a contact-selection rule. */
  rule: string;
  /** What the score numbers mean, in order. */
  scoreFields: string[];
  /** The routing step the contact was at (0 = the queue's base requirements). */
  step: number;
  /** How many candidates were weighed; `candidates` lists the best few. */
  considered: number;
  candidates: Candidate[];
}

/** Why a contact entered a queue's line; 'requeue' is a return to its place, not a new entry. */
export type QueueReason = 'arrival' | 'requeue' | 'transfer' | 'overflow' | 'callback-due';

export type EventBody =
  | { type: 'siteConfigured'; site: SiteConfig }
  | { type: 'skillConfigured'; skill: SkillConfig }
  | { type: 'queueConfigured'; queue: QueueConfig }
  | { type: 'agentConfigured'; agent: AgentConfig }
  | { type: 'pauseCodeConfigured'; pauseCode: PauseCodeConfig }
  | { type: 'dispositionConfigured'; disposition: DispositionConfig }
  | { type: 'agentRemoved'; agentId: string; siteId: string }
  | { type: 'pauseCodeRemoved'; pauseCodeId: string }
  | { type: 'dispositionRemoved'; dispositionId: string }
  | { type: 'skillRemoved'; skillId: string }
  | { type: 'siteRemoved'; siteId: string }
  | { type: 'queueRemoved'; queueId: string; clientId: string }
  | { type: 'agentSkillsChanged'; agentId: string; skills: Record<string, number> }
  | { type: 'agentCapacityChanged'; agentId: string; capacity: Capacity }
  | {
      type: 'agentStateChanged';
      agentId: string;
      siteId: string;
      from: AgentState;
      to: AgentState;
      /** Pause reason when `to` is 'paused'. */
      reason?: string;
    }
  | { type: 'agentPauseRequested'; agentId: string; reason: string }
  | {
      type: 'contactArrived';
      contactId: string;
      queueId: string;
      channel: Channel;
      priority: number;
      attributes?: Record<string, string>;
      preferredAgentId?: string;
      callbackNumber?: string;
      siteId?: string;
      /** Set when the engine created this contact from another (voicemail). */
      parentId?: string;
    }
  | {
      type: 'contactQueued';
      contactId: string;
      queueId: string;
      reason: QueueReason;
      /** 1-based position among the contacts waiting in the queue. */
      position: number;
      /** The wait estimated for it as it joined (SPEC RT5); absent before any figure, and on a requeue. */
      estimatedWaitMs?: number;
    }
  | {
      type: 'contactWaitingForAgent';
      contactId: string;
      queueId: string;
      agentId: string;
      untilMs: number;
    }
  | { type: 'preferredWaitEnded'; contactId: string; queueId: string; agentId: string }
  | {
      type: 'contactStepReached';
      contactId: string;
      queueId: string;
      step: number;
      afterSeconds: number;
    }
  | {
      type: 'contactOffered';
      contactId: string;
      queueId: string;
      agentId: string;
      channel: Channel;
      expiresAtMs: number;
      decision: Decision;
    }
  | {
      type: 'offerRevoked';
      contactId: string;
      queueId: string;
      agentId: string;
      reason: 'declined' | 'timeout' | 'abandoned' | 'cancelled' | 'logout';
      ringMs: number;
    }
  | {
      type: 'contactConnected';
      contactId: string;
      queueId: string;
      agentId: string;
      channel: Channel;
      /** Time waited in this queue before the answer, ringing included. */
      waitMs: number;
      ringMs: number;
    }
  | { type: 'contactHeld'; contactId: string; agentId: string }
  | { type: 'contactRetrieved'; contactId: string; agentId: string; holdMs: number }
  | {
      type: 'contactEnded';
      contactId: string;
      queueId: string;
      agentId: string;
      talkMs: number;
      holdMs: number;
      /** Absent when the agent ends wrap-up by hand. */
      wrapUpUntilMs?: number;
    }
  | { type: 'dispositionSet'; contactId: string; agentId: string; dispositionId: string }
  | {
      type: 'contactCompleted';
      contactId: string;
      queueId: string;
      agentId: string;
      wrapMs: number;
      dispositionId?: string;
    }
  | {
      type: 'contactAbandoned';
      contactId: string;
      queueId: string;
      waitMs: number;
      position: number;
      /** The agent whose offer was ringing, if any. */
      agentId?: string;
    }
  | { type: 'contactCancelled'; contactId: string; queueId: string; reason: string }
  | {
      type: 'contactExpired';
      contactId: string;
      queueId: string;
      reason: 'max-wait' | 'queue-full';
      waitMs: number;
      action: OverflowAction['kind'];
    }
  | {
      type: 'contactOverflowed';
      contactId: string;
      fromQueueId: string;
      toQueueId: string;
      reason: 'max-wait' | 'queue-full' | 'step';
      waitMs: number;
    }
  | {
      type: 'contactPriorityRaised';
      contactId: string;
      queueId: string;
      by: number;
      /** Its effective priority now (queue + its own + raises from routing steps). */
      priority: number;
    }
  | {
      type: 'contactTransferred';
      contactId: string;
      fromQueueId: string;
      toQueueId: string;
      toAgentId?: string;
      /** The agent who transferred, with the time the contact spent with them. */
      byAgentId?: string;
      talkMs?: number;
      holdMs?: number;
    }
  | {
      type: 'contactTransferredOut';
      contactId: string;
      queueId: string;
      agentId?: string;
      destination: string;
      talkMs?: number;
      holdMs?: number;
    }
  | {
      type: 'callbackRequested';
      contactId: string;
      queueId: string;
      number: string;
      /** Absent: the contact keeps its place in line and is called back when reached. */
      dueAtMs?: number;
      waitMs: number;
    };

export type EventType = EventBody['type'];

/** The body of one event type, before the engine stamps it. */
export type BodyOf<T extends EventType> = Extract<EventBody, { type: T }>;

/** An event as emitted: sequence-numbered per tenant, stamped with engine time (SPEC EVT1). */
export type EngineEvent = EventBody & { seq: number; atMs: number };

export type EventOf<T extends EventType> = Extract<EngineEvent, { type: T }>;
