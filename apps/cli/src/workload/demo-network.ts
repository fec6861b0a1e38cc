import type { AgentConfig, AgentSelection, QueueConfig } from '@relais/engine';
import { meetsQueue, TIME_ZONE, BREAK, type Client, type Network } from './network.ts';
import { Random } from './random.ts';

const SITES = [
  { id: 'casa', city: 'Casablanca', agents: 28 },
  { id: 'rabat', city: 'Rabat', agents: 18 },
  { id: 'fes', city: 'Fès', agents: 14 },
];

/** Four fictional French clients, each served from two of the three sites. */
export const DEMO_CLIENTS: readonly (Client & { skill: string; strategy: AgentSelection })[] = [
  {
    id: 'orbitel',
    name: 'Orbitel (telecom operator)',
    siteIds: ['casa', 'rabat'],
    skill: 'orbitel',
    strategy: 'longest-idle',
  },
  {
    id: 'voltea',
    name: 'Voltéa Énergie (energy supplier)',
    siteIds: ['casa', 'fes'],
    skill: 'voltea',
    strategy: 'least-occupied',
  },
  {
    id: 'mutuelle-azur',
    name: 'Mutuelle Azur (insurer)',
    siteIds: ['rabat', 'fes'],
    skill: 'azur',
    strategy: 'most-skilled',
  },
  {
    id: 'panier-malin',
    name: 'Panier Malin (online retailer)',
    siteIds: ['casa', 'fes'],
    skill: 'panier',
    strategy: 'round-robin',
  },
];

export const DEMO_LANGUAGES = ['fr', 'ar', 'en'] as const;

/** Seconds of timed wrap-up on every demo queue. */
export const DEMO_WRAP_UP_SECONDS = 15;

/**
 * The demo network: 60 agents in Casablanca, Rabat and Fès serving four clients in French,
 * Arabic and English, one queue per client and language.
 */
export function buildDemoNetwork(seed: number): Network {
  const random = new Random(seed);
  const queues: QueueConfig[] = DEMO_CLIENTS.flatMap((client) =>
    DEMO_LANGUAGES.map((language) => ({
      id: `${client.id}.${language}`,
      clientId: client.id,
      channel: 'voice' as const,
      skills: { [client.skill]: 4, [language]: 5 },
      serviceLevel: {
        thresholdSeconds: 20,
        target: 0.8,
        formula: 'offered' as const,
        shortAbandonSeconds: 5,
      },
      strategy: client.strategy,
      sites: [...client.siteIds],
      homeSiteId: client.siteIds[0] as string,
      steps: [
        { afterSeconds: 30, minProficiencyDelta: -2 },
        { afterSeconds: 90, addSites: 'network' as const },
      ],
      wrapUp: { mode: 'timed' as const, seconds: DEMO_WRAP_UP_SECONDS },
    })),
  );
  const agents: AgentConfig[] = SITES.flatMap((site) => {
    const clients = DEMO_CLIENTS.filter((client) => client.siteIds.includes(site.id));
    return Array.from({ length: site.agents }, (_, i) => {
      // Everyone speaks French; most agents serve one client, some two.
      const skills: Record<string, number> = { fr: random.int(6, 9) };
      if (random.chance(0.6)) skills['ar'] = random.int(5, 9);
      if (random.chance(0.3)) skills['en'] = random.int(4, 8);
      const served = random.chance(0.3) ? clients : [random.pick(clients)];
      for (const client of served) skills[client.skill] = random.int(4, 9);
      return { id: `${site.id}-${String(i + 1).padStart(2, '0')}`, siteId: site.id, skills };
    });
  });
  // Every queue gets at least two agents who meet it without any step, so all have traffic.
  for (const queue of queues) {
    const candidates = agents.filter((agent) => queue.sites?.includes(agent.siteId));
    while (agents.filter((agent) => meetsQueue(agent, queue)).length < 2) {
      const agent = random.pick(candidates);
      for (const [skill, min] of Object.entries(queue.skills)) {
        agent.skills[skill] = Math.max(agent.skills[skill] ?? 0, min + random.int(0, 3));
      }
    }
  }
  return {
    sites: SITES.map((site) => ({
      id: site.id,
      city: site.city,
      timeZone: TIME_ZONE,
      positions: site.agents,
    })),
    skills: [
      ...DEMO_LANGUAGES.map((id) => ({ id, kind: 'language' as const })),
      ...DEMO_CLIENTS.map((client) => ({ id: client.skill, kind: 'skill' as const })),
    ],
    clients: DEMO_CLIENTS.map(({ id, name, siteIds }) => ({ id, name, siteIds: [...siteIds] })),
    queues,
    agents,
    pauseCodes: [{ id: BREAK, label: 'Pause' }],
  };
}
