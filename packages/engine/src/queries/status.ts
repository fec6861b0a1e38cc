import { canTake } from '../agents/agent-flow.ts';
import type { Core } from '../core.ts';
import type { Channel, ServiceLevelFormula } from '../model/config.ts';
import { unknown } from '../model/errors.ts';
import { estimatedWaitMs } from './estimated-wait.ts';
import type { AgentState } from '../model/events.ts';

export interface QueueStatus {
  queueId: string;
  /** Contacts waiting (queued or waiting for a preferred agent); ringing ones are not. */
  waiting: number;
  longestWaitingMs: number;
  /** Logged-in agents meeting the queue's base requirements. */
  eligibleAgents: number;
  /** Of those, the ones free to take a contact of the queue's channel now. */
  availableAgents: number;
  /**
   * Estimated wait for a contact arriving now (SPEC RT4): 0 when an eligible agent is free and
   * nobody waits; else the time until an eligible agent frees (half the average handle time over
   * the eligible agents logged in; 0 if one is free) plus the contacts waiting ahead × the
   * moving average of the time between answers (before two answers: handle time / eligible
   * agents); undefined before any answer or completion.
   */
  estimatedWaitMs: number | undefined;
  /** Live service level over the last outcomes, with the queue's formula (SPEC RT3). */
  serviceLevel: number | undefined;
  serviceLevelSample: number;
  formula: ServiceLevelFormula;
  thresholdSeconds: number;
}

export function queueStatus(core: Core, queueId: string): QueueStatus {
  const queue = core.queues.get(queueId);
  if (!queue) throw unknown('Queue', queueId, 'queueStatus');
  const { eligible, available } = core.topology.countServing(queue, 0, queue.config.channel);
  const waiting = queue.waiting;
  const oldest = queue.waitingByAge.peek();
  const stats = queue.stats;
  return {
    queueId,
    waiting,
    longestWaitingMs: oldest ? core.nowMs - oldest.k1 : 0,
    eligibleAgents: eligible,
    availableAgents: available,
    estimatedWaitMs: estimatedWaitMs(queue, eligible, available, waiting),
    serviceLevel: stats.serviceLevel(),
    serviceLevelSample: stats.sampleSize,
    formula: stats.formula,
    thresholdSeconds: stats.thresholdMs / 1000,
  };
}

export interface SiteStatus {
  siteId: string;
  positions: number;
  agentsByState: Record<AgentState, number>;
}

export function siteStatus(core: Core, siteId: string): SiteStatus {
  const site = core.sites.get(siteId);
  if (!site) throw unknown('Site', siteId, 'siteStatus');
  return {
    siteId,
    positions: site.config.positions,
    agentsByState: core.siteCounts.of(site.index),
  };
}

export interface AgentStatus {
  agentId: string;
  siteId: string;
  state: AgentState;
  pauseReason?: string;
  pendingPause?: string;
  /** Contacts held (offered, connected or in wrap-up), by id. */
  contacts: { contactId: string; state: string; channel: Channel }[];
  /** Channels on which the agent can take one more contact now. */
  canTake: Channel[];
  missedOffers: number;
  handledMs: number;
}

export function agentStatus(core: Core, agentId: string): AgentStatus {
  const agent = core.agents.get(agentId);
  if (!agent) throw unknown('Agent', agentId, 'agentStatus');
  return {
    agentId,
    siteId: agent.site.id,
    state: agent.state,
    ...(agent.paused === undefined ? {} : { pauseReason: agent.paused }),
    ...(agent.pendingPause === undefined ? {} : { pendingPause: agent.pendingPause }),
    contacts: agent.contacts
      .map((c) => ({ contactId: c.id, state: c.state, channel: c.channel }))
      .sort((a, b) => (a.contactId < b.contactId ? -1 : 1)),
    canTake: agent.channels.filter((m) => canTake(agent, m.slot)).map((m) => m.channel),
    missedOffers: agent.missedOffers,
    handledMs: agent.handledMs,
  };
}
