import { placeAgentInPools, refreshAgent } from '../agents/agent-flow.ts';
import { placeInBucket, scheduleContact } from '../contacts/placement.ts';
import type { Core } from '../core.ts';
import {
  SLOT_CHANNELS,
  DEFAULT_CAPACITY,
  type AgentConfig,
  type Capacity,
  type DispositionConfig,
  type PauseCodeConfig,
  type QueueConfig,
  type SiteConfig,
  type SkillConfig,
} from '../model/config.ts';
import { invalid, unknown } from '../model/errors.ts';
import { AgentRuntime, QueueRuntime, SiteRuntime, type ContactRuntime } from '../model/runtime.ts';
import {
  checkAgent,
  checkCapacity,
  checkId,
  checkQueue,
  checkSite,
  checkSkills,
} from '../model/validate.ts';
import { effectiveSteps } from '../routing/steps.ts';

export function configureSite(core: Core, site: SiteConfig): void {
  checkSite(site);
  const existing = core.sites.get(site.id);
  if (existing) {
    const moved = existing.config.city !== site.city;
    existing.config = { ...site };
    if (moved)
      for (const queue of core.queues.values())
        for (const b of queue.buckets.values()) b.refreshTiers();
  } else {
    core.sites.set(site.id, new SiteRuntime({ ...site }, core.sites.size));
  }
  core.emit({ type: 'siteConfigured', site: { ...site } });
}

export function configureSkill(core: Core, skill: SkillConfig): void {
  checkId('skill.id', skill.id);
  if (skill.kind !== undefined && skill.kind !== 'language' && skill.kind !== 'skill') {
    throw invalid('skill.kind', "'language' or 'skill'", skill.kind);
  }
  core.skills.set(skill.id, { ...skill });
  core.emit({ type: 'skillConfigured', skill: { ...skill } });
}

function checkLabel(path: string, label: unknown): void {
  if (typeof label !== 'string' || label.trim() === '')
    throw invalid(path, 'a non-empty label', label);
}

export function configurePauseCode(core: Core, pauseCode: PauseCodeConfig): void {
  checkId('pauseCode.id', pauseCode.id);
  checkLabel('pauseCode.label', pauseCode.label);
  core.pauseCodes.set(pauseCode.id, { ...pauseCode });
  core.emit({ type: 'pauseCodeConfigured', pauseCode: { ...pauseCode } });
}

export function configureDisposition(core: Core, disposition: DispositionConfig): void {
  checkId('disposition.id', disposition.id);
  checkLabel('disposition.label', disposition.label);
  core.dispositions.set(disposition.id, { ...disposition });
  core.emit({ type: 'dispositionConfigured', disposition: { ...disposition } });
}

export function configureQueue(core: Core, config: QueueConfig): void {
  checkQueue(config, {
    skill: (id) => core.skills.has(id),
    site: (id) => core.sites.has(id),
    queue: (id) => core.queues.has(id),
  });
  const queueConfig = structuredClone(config);
  let queue = core.queues.get(config.id);
  const moved: ContactRuntime[] = [];
  if (queue) {
    for (const bucket of core.topology.dropBuckets(queue)) {
      for (const node of [...bucket.contacts.values()]) {
        bucket.remove(node.value);
        moved.push(node.value);
      }
    }
    queue.setConfig(queueConfig);
    queue.stats.retarget(queueConfig.serviceLevel);
  } else {
    queue = new QueueRuntime(queueConfig);
    core.queues.set(queue.id, queue);
  }
  queue.steps = effectiveSteps(queueConfig);
  queue.homeSite =
    queueConfig.homeSiteId === undefined ? undefined : core.sites.get(queueConfig.homeSiteId);
  core.emit({ type: 'queueConfigured', queue: structuredClone(config) });
  // SPEC STP4: waiting contacts keep their place and step under the new requirements.
  // MAT5: re-placed contacts are routed best first: priority, then place in line.
  moved.sort(
    (a, b) => b.priority - a.priority || a.enqueuedAtMs - b.enqueuedAtMs || a.order - b.order,
  );
  for (const contact of moved) {
    contact.bucket = undefined;
    placeInBucket(core, contact);
    scheduleContact(core, contact);
  }
}

/** Slots per channel index; channels left out get none. */
function slotsOf(capacity: Capacity | undefined): number[] {
  return SLOT_CHANNELS.map((channel) => (capacity ?? DEFAULT_CAPACITY)[channel] ?? 0);
}

function checkAgentConfig(core: Core, agent: AgentConfig): SiteRuntime {
  checkAgent(agent, (id) => core.skills.has(id));
  const site = core.sites.get(agent.siteId);
  if (!site) throw unknown('Site', agent.siteId, 'agent.siteId');
  return site;
}

export function configureAgent(core: Core, config: AgentConfig): void {
  const site = checkAgentConfig(core, config);
  applyAgentConfig(core, structuredClone(config), site);
  core.emit({ type: 'agentConfigured', agent: structuredClone(config) });
}

function applyAgentConfig(core: Core, config: AgentConfig, site: SiteRuntime): void {
  const profile = core.topology.profileFor(config.skills);
  const slots = slotsOf(config.capacity);
  const existing = core.agents.get(config.id);
  if (!existing) {
    const agent = new AgentRuntime(config, site, profile);
    agent.setCapacity(slots);
    core.agents.set(agent.id, agent);
    core.siteCounts.add(site.index, 'loggedOut', 1);
    placeAgentInPools(core, agent);
    return;
  }
  if (existing.site !== site) {
    core.siteCounts.add(existing.siteIndex, existing.state, -1);
    core.siteCounts.add(site.index, existing.state, 1);
  }
  existing.setConfig(config);
  existing.moveTo(site);
  existing.profile = profile;
  existing.setCapacity(slots);
  placeAgentInPools(core, existing);
  refreshAgent(core, existing, -1, false);
}

function agentOf(core: Core, agentId: string, where: string): AgentRuntime {
  const agent = core.agents.get(agentId);
  if (!agent) throw unknown('Agent', agentId, where);
  return agent;
}

/** A supervisor changes an agent's skills; routing follows at once (SPEC AGT7). */
export function setAgentSkills(core: Core, agentId: string, skills: Record<string, number>): void {
  const agent = agentOf(core, agentId, 'setAgentSkills.agentId');
  checkSkills('setAgentSkills.skills', skills, (id) => core.skills.has(id));
  applyAgentConfig(core, { ...agent.config, skills: { ...skills } }, agent.site);
  core.emit({ type: 'agentSkillsChanged', agentId, skills: { ...skills } });
}

export function setAgentCapacity(core: Core, agentId: string, capacity: Capacity): void {
  const agent = agentOf(core, agentId, 'setAgentCapacity.agentId');
  checkCapacity('setAgentCapacity.capacity', capacity);
  applyAgentConfig(core, { ...agent.config, capacity: { ...capacity } }, agent.site);
  core.emit({ type: 'agentCapacityChanged', agentId, capacity: { ...capacity } });
}
