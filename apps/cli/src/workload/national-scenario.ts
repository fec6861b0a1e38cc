import type { AgentGroup, Scenario, ScenarioQueue } from '@relais/sim';
import { buildNationalNetwork } from './national-network.ts';
import { arrivalRates } from './network.ts';

/** The national day of `relais bench-sim`: 12 hours, about 100 contacts a day per agent. */
export const NATIONAL_DAY = { start: '07:00', end: '19:00' } as const;
const DAY_HOURS = 12;
const CONTACTS_PER_AGENT = 100;
const OCCUPANCY = 0.9;

/**
 * The national network of the engine benchmark as a simulator scenario: the same sites, queues
 * and agents (identical agents of a site grouped), with Poisson rates that bring
 * CONTACTS_PER_AGENT contacts per agent over the day (5 million for 50,000 agents) at about 90%
 * occupancy — which sets the mean handle time.
 */
export function nationalScenario(
  agents: number,
  seed: number,
  load: { contactsPerAgent: number; occupancy: number } = {
    contactsPerAgent: CONTACTS_PER_AGENT,
    occupancy: OCCUPANCY,
  },
): Scenario {
  const network = buildNationalNetwork(agents, seed);
  const perSecond = (load.contactsPerAgent * agents) / (DAY_HOURS * 3600);
  const handleSeconds = (load.occupancy * agents) / perSecond;
  const rates = arrivalRates(network, load.occupancy, handleSeconds);
  const queues: ScenarioQueue[] = network.queues.map((q, i) => ({
    id: q.id,
    skills: q.skills,
    priority: q.priority ?? 0,
    ...(q.strategy ? { strategy: q.strategy } : {}),
    arrivals: [{ from: NATIONAL_DAY.start, to: NATIONAL_DAY.end, perHour: (rates[i] ?? 0) * 3600 }],
    handleSeconds: { dist: 'exponential', mean: handleSeconds },
    patienceSeconds: { dist: 'exponential', mean: 600 },
    serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'offered' },
  }));
  const groups = new Map<string, AgentGroup>();
  for (const agent of network.agents) {
    const key = `${agent.siteId}|${JSON.stringify(agent.skills)}`;
    const group = groups.get(key);
    if (group) group.count++;
    else {
      groups.set(key, {
        name: `g${groups.size + 1}`,
        count: 1,
        site: agent.siteId,
        skills: agent.skills,
      });
    }
  }
  return {
    name: `national-${agents}`,
    seed,
    replications: 1,
    days: 1,
    day: { ...NATIONAL_DAY },
    routing: { strategy: 'longest-idle' },
    queues,
    agents: [...groups.values()],
    sites: network.sites,
  };
}

/** One queue, 100 agents, M/M/c+M at about 90% occupancy: the case compared with peers. */
export function oneQueueScenario(seed: number): Scenario {
  return {
    name: 'mmc-m-100',
    seed,
    replications: 1,
    days: 1,
    day: { start: '00:00', end: '24:00' },
    routing: { strategy: 'longest-idle' },
    queues: [
      {
        id: 'q',
        skills: { s: 1 },
        priority: 0,
        arrivals: [{ from: '00:00', to: '24:00', perHour: 1800 }],
        handleSeconds: { dist: 'exponential', mean: 180 },
        patienceSeconds: { dist: 'exponential', mean: 120 },
        serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'offered' },
      },
    ],
    agents: [{ name: 'a', count: 100, skills: { s: 1 } }],
    sites: [],
  };
}
