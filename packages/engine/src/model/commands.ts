import type {
  AgentConfig,
  Capacity,
  Channel,
  DispositionConfig,
  PauseCodeConfig,
  QueueConfig,
  SiteConfig,
  SkillConfig,
} from './config.ts';

/** A contact entering the engine (SPEC CON1). */
export interface NewContact {
  contactId: string;
  queueId: string;
  /** Defaults to the queue's channel. */
  channel?: Channel;
  priority?: number;
  attributes?: Record<string, string>;
  preferredAgentId?: string;
  /** Overrides the queue's preferred-agent wait. */
  preferredWaitSeconds?: number;
  callbackNumber?: string;
  /**
   * A callback arranged ahead (an agent promised it): the contact arrives scheduled for this time
   * with `callbackNumber`, and joins the queue when due (CBK3).
   */
  callbackAtMs?: number;
  /** The site the contact belongs to (trunk, DID); defaults to the queue's home site. */
  siteId?: string;
}

export type TransferTarget = { queueId: string } | { agentId: string };

/** Every change to the engine is one of these (ARCHITECTURE: apply(command, now)). */
export type Command =
  | { type: 'configureSite'; site: SiteConfig }
  | { type: 'configureSkill'; skill: SkillConfig }
  | { type: 'configureQueue'; queue: QueueConfig }
  | { type: 'configureAgent'; agent: AgentConfig }
  | { type: 'configurePauseCode'; pauseCode: PauseCodeConfig }
  | { type: 'configureDisposition'; disposition: DispositionConfig }
  | { type: 'removeAgent'; agentId: string }
  | { type: 'removePauseCode'; pauseCodeId: string }
  | { type: 'removeDisposition'; dispositionId: string }
  | { type: 'removeSkill'; skillId: string }
  | { type: 'removeSite'; siteId: string }
  | { type: 'removeQueue'; queueId: string }
  | { type: 'setAgentSkills'; agentId: string; skills: Record<string, number> }
  | { type: 'setAgentCapacity'; agentId: string; capacity: Capacity }
  | { type: 'login'; agentId: string }
  | { type: 'logout'; agentId: string }
  | { type: 'pause'; agentId: string; reason: string }
  | { type: 'makeAvailable'; agentId: string }
  | { type: 'arrive'; contact: NewContact }
  | { type: 'accept'; agentId: string; contactId: string }
  | { type: 'decline'; agentId: string; contactId: string }
  | { type: 'hold'; contactId: string }
  | { type: 'retrieve'; contactId: string }
  /** The conversation ends (either side hung up); wrap-up starts. */
  | { type: 'end'; contactId: string }
  | { type: 'setDisposition'; contactId: string; dispositionId: string }
  | { type: 'endWrapUp'; contactId: string }
  | { type: 'abandon'; contactId: string }
  | { type: 'cancel'; contactId: string; reason?: string }
  | { type: 'transfer'; contactId: string; to: TransferTarget }
  | { type: 'transferOut'; contactId: string; destination: string }
  | { type: 'requestCallback'; contactId: string; number: string; atMs?: number }
  /** A supervisor raises (or, negative, lowers) a waiting contact's own priority. */
  | { type: 'raisePriority'; contactId: string; by: number };

export type CommandType = Command['type'];
