// `relais serve --demo`: the network the live demo plays on. An outsourcer with seven sites in
// Moroccan cities, four fictional French clients, and one queue per client, skill and language.
import type { AgentConfig, AgentSelection, QueueConfig } from '@relais/engine';
import { meetsQueue, TIME_ZONE, type Network } from '../workload/network.ts';
import { Random } from '../workload/random.ts';
import { PAUSE_CODES } from './demo-day-plan.ts';

/**
 * The sites: positions are the seats; agents are the people of the four demo clients' teams
 * (more people than seats at the peak, since shifts cover a 12-hour day).
 */
export const LIVE_DEMO_SITES: readonly {
  id: string;
  city: string;
  positions: number;
  agents: number;
}[] = [
  { id: 'casa', city: 'Casablanca', positions: 150, agents: 130 },
  { id: 'rabat', city: 'Rabat', positions: 80, agents: 72 },
  { id: 'tanger', city: 'Tanger', positions: 70, agents: 64 },
  { id: 'fes', city: 'Fès', positions: 60, agents: 56 },
  { id: 'marrakech', city: 'Marrakech', positions: 60, agents: 54 },
  { id: 'agadir', city: 'Agadir', positions: 50, agents: 46 },
  { id: 'oujda', city: 'Oujda', positions: 50, agents: 44 },
];

export const LIVE_DEMO_CLIENTS: readonly {
  id: string;
  name: string;
  siteIds: string[];
  strategy: AgentSelection;
}[] = [
  {
    id: 'orbitel',
    name: 'Orbitel (telecom operator)',
    siteIds: ['casa', 'rabat', 'tanger', 'oujda'],
    strategy: 'longest-idle',
  },
  {
    id: 'voltea',
    name: 'Voltéa Énergie (energy supplier)',
    siteIds: ['casa', 'fes', 'marrakech'],
    strategy: 'least-occupied',
  },
  {
    id: 'mutuelle-azur',
    name: 'Mutuelle Azur (insurer)',
    siteIds: ['rabat', 'fes', 'agadir'],
    strategy: 'most-skilled',
  },
  {
    id: 'panier-malin',
    name: 'Panier Malin (online retailer)',
    siteIds: ['casa', 'tanger', 'marrakech', 'agadir'],
    strategy: 'longest-idle',
  },
];

/** Share of each client's calls by language and by reason (skill). */
export const LANGUAGE_SHARE: Readonly<Record<string, number>> = { fr: 0.75, ar: 0.17, en: 0.08 };
export const TOPIC_SHARE: Readonly<Record<string, number>> = {
  billing: 0.45,
  technical: 0.35,
  sales: 0.2,
};
const LANGUAGES = Object.keys(LANGUAGE_SHARE);
const TOPICS = Object.keys(TOPIC_SHARE);

/** The agent a person signs in as in the demo: left out of the simulation. */
export const LIVE_DEMO_HUMAN_AGENT = 'casa-001';

/** Seconds of timed wrap-up on the demo queues (a person's; simulated agents end theirs sooner). */
export const LIVE_DEMO_WRAP_UP_SECONDS = 30;

export interface LiveDemoNetwork extends Network {
  /** Each queue's share of the network's calls (sums to 1). */
  queueShares: Record<string, number>;
}

export function buildLiveDemoNetwork(seed: number): LiveDemoNetwork {
  const random = new Random(seed);
  const queues: QueueConfig[] = [];
  for (const client of LIVE_DEMO_CLIENTS) {
    for (const topic of TOPICS) {
      for (const language of LANGUAGES) {
        queues.push({
          id: `${client.id}.${topic}.${language}`,
          clientId: client.id,
          channel: 'voice',
          skills: { [client.id]: 4, [topic]: 5, [language]: 5 },
          serviceLevel: {
            thresholdSeconds: 20,
            target: 0.8,
            formula: 'offered',
            shortAbandonSeconds: 5,
          },
          strategy: client.strategy,
          sites: [...client.siteIds],
          homeSiteId: client.siteIds[0] as string,
          steps: [
            { afterSeconds: 30, minProficiencyDelta: -2 },
            { afterSeconds: 90, addSites: 'network' },
          ],
          wrapUp: { mode: 'timed', seconds: LIVE_DEMO_WRAP_UP_SECONDS },
        });
      }
    }
  }
  const topicWeights = TOPICS.map((t) => TOPIC_SHARE[t] as number);
  const agents: AgentConfig[] = LIVE_DEMO_SITES.flatMap((site) => {
    const clients = LIVE_DEMO_CLIENTS.filter((client) => client.siteIds.includes(site.id));
    return Array.from({ length: site.agents }, (_, i) => {
      const skills: Record<string, number> = { fr: random.int(6, 9) };
      if (random.chance(0.55)) skills['ar'] = random.int(5, 9);
      if (random.chance(0.25)) skills['en'] = random.int(4, 8);
      const served = random.chance(0.15)
        ? random.shuffle([...clients]).slice(0, 2)
        : [random.pick(clients)];
      for (const client of served) skills[client.id] = random.int(5, 9);
      const main = TOPICS[random.weightedIndex(topicWeights)] as string;
      skills[main] = random.int(6, 9);
      if (random.chance(0.5)) {
        const other = random.pick(TOPICS.filter((t) => t !== main));
        skills[other] = random.int(4, 8);
      }
      return { id: `${site.id}-${String(i + 1).padStart(3, '0')}`, siteId: site.id, skills };
    });
  });
  // Every queue gets at least three agents who meet it without any step.
  for (const queue of queues) {
    const candidates = agents.filter(
      (agent) => agent.id !== LIVE_DEMO_HUMAN_AGENT && queue.sites?.includes(agent.siteId),
    );
    while (agents.filter((agent) => meetsQueue(agent, queue)).length < 3) {
      const agent = random.pick(candidates);
      for (const [skill, min] of Object.entries(queue.skills)) {
        agent.skills[skill] = Math.max(agent.skills[skill] ?? 0, min + random.int(0, 3));
      }
    }
  }
  // Each client's calls in proportion to the people serving it.
  const served = new Map<string, number>();
  for (const agent of agents) {
    for (const client of LIVE_DEMO_CLIENTS) {
      if ((agent.skills[client.id] ?? 0) > 0)
        served.set(client.id, (served.get(client.id) ?? 0) + 1);
    }
  }
  const total = [...served.values()].reduce((a, b) => a + b, 0);
  const queueShares: Record<string, number> = {};
  for (const queue of queues) {
    const [, topic, language] = queue.id.split('.') as [string, string, string];
    queueShares[queue.id] =
      ((served.get(queue.clientId) ?? 0) / total) *
      (TOPIC_SHARE[topic] as number) *
      (LANGUAGE_SHARE[language] as number);
  }
  return {
    sites: LIVE_DEMO_SITES.map((site) => ({
      id: site.id,
      city: site.city,
      timeZone: TIME_ZONE,
      positions: site.positions,
    })),
    skills: [
      ...LANGUAGES.map((id) => ({ id, kind: 'language' as const })),
      ...TOPICS.map((id) => ({ id, kind: 'skill' as const })),
      ...LIVE_DEMO_CLIENTS.map((client) => ({ id: client.id, kind: 'skill' as const })),
    ],
    clients: LIVE_DEMO_CLIENTS.map(({ id, name, siteIds }) => ({
      id,
      name,
      siteIds: [...siteIds],
    })),
    queues,
    agents,
    pauseCodes: PAUSE_CODES.map((code) => ({ ...code })),
    queueShares,
  };
}
