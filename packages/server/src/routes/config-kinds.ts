// The configuration resources: their URL, schema, the engine command that applies them, and who
// may see which rows.
import type {
  AgentConfig,
  Command,
  DispositionConfig,
  PauseCodeConfig,
  QueueConfig,
  SkillConfig,
} from '@relais/engine';
import * as P from '@relais/protocol';
import type { ConfigKind } from '@relais/store';
import type { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { canSeeAgent, canSeeQueue, canSeeSite } from '../auth/scope.ts';

export interface KindSpec {
  kind: ConfigKind;
  /** Plural noun in the URL: /api/v1/<path>. */
  path: string;
  noun: string;
  schema: z.ZodObject;
  /** The engine command carrying this configuration; none for server-only kinds. */
  command?: (data: never) => Command;
  visible: (p: Principal, data: never) => boolean;
  /** The engine command removing one (DELETE), where the engine can (SPEC CFG1). */
  remove?: (id: string) => Command;
  /** Fields never returned (write-only secrets). */
  writeOnly?: readonly string[];
}

/** A queue as the engine takes it: without the agents' script. */
function forEngine(queue: P.Queue): QueueConfig {
  const copy: Partial<P.Queue> = { ...queue };
  delete copy.script;
  delete copy.phoneNumbers;
  delete copy.voiceMenu;
  delete copy.announcement;
  delete copy.announcePosition;
  return copy as QueueConfig;
}

/** An agent as the engine takes it: the SIP credentials stay out of the engine and its log. */
function agentForEngine(agent: P.Agent): AgentConfig {
  const copy: Partial<P.Agent> = { ...agent };
  delete copy.sipUser;
  delete copy.sipPassword;
  return copy as AgentConfig;
}

const staff = (p: Principal): boolean => p.role !== 'clientViewer' && p.role !== 'agent';

export const KINDS: readonly KindSpec[] = [
  {
    kind: 'site',
    path: 'sites',
    noun: 'site',
    schema: P.Site,
    command: (site: P.Site) => ({ type: 'configureSite', site: site }),
    remove: (siteId) => ({ type: 'removeSite', siteId }),
    visible: (p, site: P.Site) => canSeeSite(p, site.id),
  },
  {
    kind: 'client',
    path: 'clients',
    noun: 'client',
    schema: P.Client,
    visible: (p, client: P.Client) => staff(p) || p.scope.clientId === client.id,
  },
  {
    kind: 'skill',
    path: 'skills',
    noun: 'skill',
    schema: P.Skill,
    command: (skill: P.Skill) => ({ type: 'configureSkill', skill: skill as SkillConfig }),
    remove: (skillId) => ({ type: 'removeSkill', skillId }),
    visible: (p) => p.role !== 'clientViewer',
  },
  {
    kind: 'queue',
    path: 'queues',
    noun: 'queue',
    schema: P.Queue,
    // The script is for agents, not routing: the stored row keeps it, the engine never sees it.
    command: (queue: P.Queue) => ({ type: 'configureQueue', queue: forEngine(queue) }),
    visible: (p, queue: P.Queue) => canSeeQueue(p, queue),
    remove: (queueId) => ({ type: 'removeQueue', queueId }),
  },
  {
    kind: 'agent',
    path: 'agents',
    noun: 'agent',
    schema: P.Agent,
    command: (agent: P.Agent) => ({ type: 'configureAgent', agent: agentForEngine(agent) }),
    visible: (p, agent: P.Agent) => canSeeAgent(p, agent),
    remove: (agentId) => ({ type: 'removeAgent', agentId }),
    writeOnly: ['sipPassword'],
  },
  {
    kind: 'pauseCode',
    path: 'pause-codes',
    noun: 'pause code',
    schema: P.PauseCode,
    remove: (pauseCodeId) => ({ type: 'removePauseCode', pauseCodeId }),
    command: (pauseCode: P.PauseCode) => ({
      type: 'configurePauseCode',
      pauseCode: pauseCode as PauseCodeConfig,
    }),
    visible: (p) => p.role !== 'clientViewer',
  },
  {
    kind: 'disposition',
    path: 'dispositions',
    noun: 'disposition',
    schema: P.Disposition,
    remove: (dispositionId) => ({ type: 'removeDisposition', dispositionId }),
    command: (disposition: P.Disposition) => ({
      type: 'configureDisposition',
      disposition: disposition as DispositionConfig,
    }),
    visible: (p) => p.role !== 'clientViewer',
  },
  {
    kind: 'webhook',
    path: 'webhooks',
    noun: 'webhook',
    schema: P.Webhook,
    visible: (p) => p.role === 'admin',
    writeOnly: ['secret'],
  },
];
