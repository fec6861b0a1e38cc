// Removing configuration (SPEC CFG1): only what nothing live depends on; otherwise the command is
// refused and names what still uses it.
import type { Core } from '../core.ts';
import { EngineError, illegal, unknown } from '../model/errors.ts';

/** An agent leaves: it must be logged out, and no contact may be waiting for it by name. */
export function removeAgent(core: Core, agentId: string): void {
  const agent = core.agents.get(agentId);
  if (!agent) throw unknown('Agent', agentId, 'removeAgent.agentId');
  if (agent.state !== 'loggedOut') {
    throw illegal('removeAgent', agent.state, { agentId, allowed: ['loggedOut'] });
  }
  const waiting = agent.preferredWaiting?.size ?? 0;
  if (waiting > 0) {
    throw illegal('removeAgent', agent.state, {
      agentId,
      needs: `no contact waiting for it as preferred agent (${waiting} are)`,
    });
  }
  for (const member of agent.channels) member.pool.members.delete(member);
  agent.setMembers([]);
  core.agents.delete(agentId);
  core.siteCounts.add(agent.siteIndex, 'loggedOut', -1);
  core.emit({ type: 'agentRemoved', agentId, siteId: agent.site.id });
}

/** A pause code no agent is paused with, or about to be. */
export function removePauseCode(core: Core, pauseCodeId: string): void {
  if (!core.pauseCodes.has(pauseCodeId)) {
    throw unknown('PauseCode', pauseCodeId, 'removePauseCode.pauseCodeId');
  }
  for (const agent of core.agents.values()) {
    if (agent.paused === pauseCodeId || agent.pendingPause === pauseCodeId) {
      throw illegal('removePauseCode', agent.state, {
        agentId: agent.id,
        needs: `pause code "${pauseCodeId}" not in use (this agent is paused with it)`,
      });
    }
  }
  core.pauseCodes.delete(pauseCodeId);
  core.emit({ type: 'pauseCodeRemoved', pauseCodeId });
}

/** A disposition; contacts that already carry it keep it in their events. */
export function removeDisposition(core: Core, dispositionId: string): void {
  if (!core.dispositions.has(dispositionId)) {
    throw unknown('Disposition', dispositionId, 'removeDisposition.dispositionId');
  }
  core.dispositions.delete(dispositionId);
  core.emit({ type: 'dispositionRemoved', dispositionId });
}

/** A skill no agent has and no queue (or routing step) asks for. */
export function removeSkill(core: Core, skillId: string): void {
  if (!core.skills.has(skillId)) throw unknown('Skill', skillId, 'removeSkill.skillId');
  for (const agent of core.agents.values()) {
    if (skillId in agent.config.skills)
      throw inUse('removeSkill', `skill "${skillId}"`, `agent "${agent.id}" has it`);
  }
  for (const queue of core.queues.values()) {
    const steps = queue.config.steps ?? [];
    if (skillId in queue.config.skills || steps.some((step) => skillId in (step.addSkills ?? {}))) {
      throw inUse('removeSkill', `skill "${skillId}"`, `queue "${queue.id}" asks for it`);
    }
  }
  core.skills.delete(skillId);
  core.emit({ type: 'skillRemoved', skillId });
}

/** A site with no agent, named by no queue, and where no contact in progress belongs. */
export function removeSite(core: Core, siteId: string): void {
  const site = core.sites.get(siteId);
  if (!site) throw unknown('Site', siteId, 'removeSite.siteId');
  for (const agent of core.agents.values()) {
    if (agent.site === site)
      throw inUse('removeSite', `site "${siteId}"`, `agent "${agent.id}" works there`);
  }
  for (const queue of core.queues.values()) {
    const { sites, homeSiteId, steps } = queue.config;
    const named =
      sites?.includes(siteId) === true ||
      homeSiteId === siteId ||
      (steps ?? []).some((step) => Array.isArray(step.addSites) && step.addSites.includes(siteId));
    if (named) throw inUse('removeSite', `site "${siteId}"`, `queue "${queue.id}" names it`);
  }
  for (const contact of core.contacts.values()) {
    if (contact.site === site)
      throw inUse('removeSite', `site "${siteId}"`, `contact "${contact.id}" belongs to it`);
  }
  core.sites.delete(siteId);
  core.emit({ type: 'siteRemoved', siteId });
}

/**
 * A queue no contact in progress belongs to and no other queue sends contacts to (overflow,
 * voicemail or a step's move). Its live figures go with it; its contacts' events stay in the log.
 */
export function removeQueue(core: Core, queueId: string): void {
  const queue = core.queues.get(queueId);
  if (!queue) throw unknown('Queue', queueId, 'removeQueue.queueId');
  for (const contact of core.contacts.values()) {
    if (contact.queue === queue)
      throw inUse('removeQueue', `queue "${queueId}"`, `contact "${contact.id}" is in it`);
  }
  for (const other of core.queues.values()) {
    if (other === queue) continue;
    const { overflow, steps } = other.config;
    const sends =
      (overflow !== undefined && 'queueId' in overflow && overflow.queueId === queueId) ||
      (steps ?? []).some((step) => step.moveToQueue === queueId);
    if (sends)
      throw inUse('removeQueue', `queue "${queueId}"`, `queue "${other.id}" sends contacts to it`);
  }
  core.topology.dropBuckets(queue);
  core.queues.delete(queueId);
  core.emit({ type: 'queueRemoved', queueId, clientId: queue.config.clientId });
}

const inUse = (what: string, subject: string, user: string): EngineError =>
  new EngineError('IllegalTransition', `${what}: ${subject} is still in use: ${user}`, {
    subject,
    user,
  });
