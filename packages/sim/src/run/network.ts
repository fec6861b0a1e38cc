import type { AgentConfig, Command, QueueConfig, SiteConfig } from '@relais/engine';
import type { Scenario, ScenarioQueue } from '../scenario/scenario.ts';

/** The pause agents take when their shift ends: they leave once their contact is done. */
export const END_OF_SHIFT = 'end-of-shift';
const DEFAULT_SITE = 'site';

export interface SimAgent {
  id: string;
  group: number;
  config: AgentConfig;
}

/** The engine configuration of a scenario: sites, skills, queues, agents (one per head count). */
export function scenarioNetwork(scenario: Scenario): {
  commands: Command[];
  agents: SimAgent[];
  queueConfigs: QueueConfig[];
} {
  const agentCount = scenario.agents.reduce((n, g) => n + g.count, 0);
  const sites: SiteConfig[] =
    scenario.sites.length > 0
      ? scenario.sites
      : [{ id: DEFAULT_SITE, city: 'Simulated', timeZone: 'UTC', positions: agentCount }];
  const skills = new Set<string>();
  for (const q of scenario.queues) for (const s of Object.keys(q.skills)) skills.add(s);
  for (const g of scenario.agents) for (const s of Object.keys(g.skills)) skills.add(s);
  const queueConfigs = scenario.queues.map((q) => queueConfig(scenario, q));
  const agents: SimAgent[] = [];
  scenario.agents.forEach((group, g) => {
    for (let i = 0; i < group.count; i++) {
      const id = `${group.name}#${i + 1}`;
      agents.push({
        id,
        group: g,
        // Simulated agents answer at once: ringing time is not part of the model (SPEC AGT8).
        config: {
          id,
          siteId: group.site ?? sites[0]?.id ?? DEFAULT_SITE,
          skills: group.skills,
          autoAnswer: true,
        },
      });
    }
  });
  const commands: Command[] = [
    ...sites.map((site): Command => ({ type: 'configureSite', site })),
    ...[...skills].map((id): Command => ({ type: 'configureSkill', skill: { id } })),
    { type: 'configurePauseCode', pauseCode: { id: END_OF_SHIFT, label: 'End of shift' } },
    ...queueConfigs.map((queue): Command => ({ type: 'configureQueue', queue })),
    ...agents.map((a): Command => ({ type: 'configureAgent', agent: a.config })),
  ];
  return { commands, agents, queueConfigs };
}

function queueConfig(scenario: Scenario, q: ScenarioQueue): QueueConfig {
  return {
    id: q.id,
    clientId: scenario.name,
    channel: 'voice',
    skills: q.skills,
    priority: q.priority,
    strategy: q.strategy ?? scenario.routing.strategy,
    serviceLevel: q.serviceLevel,
    // A sampled wrap-up is ended by the simulator; without one, wrap-up takes no time.
    wrapUp: q.wrapUpSeconds ? { mode: 'manual' } : { mode: 'timed', seconds: 0 },
  };
}

/** Whether an agent of this skill set meets a queue's base requirements. */
export function meets(skills: Record<string, number>, required: Record<string, number>): boolean {
  return Object.entries(required).every(([skill, min]) => (skills[skill] ?? 0) >= min);
}
