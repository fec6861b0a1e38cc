import type {
  AgentConfig,
  Command,
  Engine,
  PauseCodeConfig,
  QueueConfig,
  SiteConfig,
  SkillConfig,
} from '@relais/engine';

/** A client (donneur d'ordre) and the sites that serve it. */
export interface Client {
  id: string;
  name: string;
  siteIds: string[];
}

/** Everything a simulated contact center is configured with. */
export interface Network {
  sites: SiteConfig[];
  skills: SkillConfig[];
  clients: Client[];
  queues: QueueConfig[];
  agents: AgentConfig[];
  pauseCodes: PauseCodeConfig[];
}

export const TIME_ZONE = 'Africa/Casablanca';
export const LANGUAGES = ['fr', 'ar', 'en', 'es'] as const;

/** The pause code the workload uses for short breaks. */
export const BREAK = 'break';

/** The configuration commands of the network, in an order the engine accepts. */
export function networkCommands(network: Network): Command[] {
  return [
    ...network.skills.map((skill) => ({ type: 'configureSkill' as const, skill })),
    ...network.sites.map((site) => ({ type: 'configureSite' as const, site })),
    ...network.pauseCodes.map((pauseCode) => ({ type: 'configurePauseCode' as const, pauseCode })),
    ...network.queues.map((queue) => ({ type: 'configureQueue' as const, queue })),
    ...network.agents.map((agent) => ({ type: 'configureAgent' as const, agent })),
  ];
}

/** Configures the engine with the network (set-up, not counted as workload). */
export function configureNetwork(engine: Engine, network: Network): void {
  for (const command of networkCommands(network)) engine.applyOrThrow(command, 0);
}

/** Whether an agent meets a queue's base requirements (skills and sites, before any step). */
export function meetsQueue(agent: AgentConfig, queue: QueueConfig): boolean {
  if (queue.sites && !queue.sites.includes(agent.siteId)) return false;
  for (const [skill, min] of Object.entries(queue.skills)) {
    if ((agent.skills[skill] ?? 0) < min) return false;
  }
  return true;
}

/**
 * The queues each agent can serve at step 0, found through an index on each queue's rarest
 * required skill so that large networks do not compare every agent with every queue.
 */
export function eligibleQueues(network: Network): number[][] {
  const queuesPerSkill = new Map<string, number>();
  for (const queue of network.queues) {
    for (const skill of Object.keys(queue.skills)) {
      queuesPerSkill.set(skill, (queuesPerSkill.get(skill) ?? 0) + 1);
    }
  }
  const byAnchor = new Map<string, number[]>();
  const open: number[] = [];
  network.queues.forEach((queue, q) => {
    const skills = Object.keys(queue.skills);
    if (skills.length === 0) return void open.push(q);
    const anchor = skills.reduce((a, b) =>
      (queuesPerSkill.get(a) ?? 0) <= (queuesPerSkill.get(b) ?? 0) ? a : b,
    );
    const list = byAnchor.get(anchor) ?? [];
    list.push(q);
    byAnchor.set(anchor, list);
  });
  return network.agents.map((agent) => {
    const found = open.filter((q) => meetsQueue(agent, network.queues[q] as QueueConfig));
    for (const skill of Object.keys(agent.skills)) {
      for (const q of byAnchor.get(skill) ?? []) {
        if (meetsQueue(agent, network.queues[q] as QueueConfig)) found.push(q);
      }
    }
    return found;
  });
}

/**
 * Poisson arrival rates per queue (contacts per second) that keep every agent about
 * `occupancy` busy: each agent's share of the load (occupancy / mean handle time) is split
 * evenly over the queues it can serve, so the total is occupancy × agents / handle time and
 * each queue gets traffic in proportion to the agents eligible for it.
 */
export function arrivalRates(
  network: Network,
  occupancy: number,
  meanHandleSeconds: number,
): Float64Array {
  const rates = new Float64Array(network.queues.length);
  const perAgent = occupancy / meanHandleSeconds;
  for (const queues of eligibleQueues(network)) {
    for (const q of queues) rates[q] = (rates[q] as number) + perAgent / queues.length;
  }
  return rates;
}
