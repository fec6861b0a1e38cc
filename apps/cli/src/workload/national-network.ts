import type { AgentConfig, AgentSelection, QueueConfig, SiteConfig } from '@relais/engine';
import { BREAK, LANGUAGES, TIME_ZONE, type Client, type Network } from './network.ts';
import { Random } from './random.ts';

/** Moroccan offshoring cities and their rough share of positions. */
export const CITIES: readonly { name: string; slug: string; weight: number }[] = [
  { name: 'Casablanca', slug: 'casablanca', weight: 30 },
  { name: 'Rabat', slug: 'rabat', weight: 14 },
  { name: 'Fès', slug: 'fes', weight: 9 },
  { name: 'Tanger', slug: 'tanger', weight: 10 },
  { name: 'Marrakech', slug: 'marrakech', weight: 9 },
  { name: 'Agadir', slug: 'agadir', weight: 6 },
  { name: 'Oujda', slug: 'oujda', weight: 5 },
  { name: 'Essaouira', slug: 'essaouira', weight: 2 },
  { name: 'Meknès', slug: 'meknes', weight: 4 },
  { name: 'Kénitra', slug: 'kenitra', weight: 4 },
  { name: 'Tétouan', slug: 'tetouan', weight: 4 },
  { name: 'El Jadida', slug: 'el-jadida', weight: 3 },
];

export const TOPICS = ['billing', 'support', 'sales', 'claims', 'retention'] as const;

/** Language sets of a client's 12 teams: mostly French, fewer Arabic, English, Spanish. */
const TEAM_LANGUAGES: readonly (readonly string[])[] = [
  ['fr'],
  ['fr'],
  ['fr'],
  ['fr'],
  ['fr'],
  ['fr'],
  ['fr', 'ar'],
  ['fr', 'ar'],
  ['ar'],
  ['fr', 'en'],
  ['en'],
  ['es'],
];
const TEAM_WEIGHT: Record<string, number> = { fr: 1, ar: 0.8, en: 0.5, es: 0.35 };
const STRATEGIES: readonly AgentSelection[] = [
  'longest-idle',
  'most-skilled',
  'least-occupied',
  'round-robin',
];
const STRATEGY_WEIGHTS = [70, 10, 10, 10];

export interface NationalSize {
  agents: number;
  clients: number;
  queues: number;
  sites: number;
}

/** The network's dimensions for a number of agents (50,000 → 100 clients, 2,000 queues, 400 sites). */
export function nationalSize(agents: number): NationalSize {
  const clients = Math.max(2, Math.floor(agents / 500));
  return {
    agents,
    clients,
    queues: clients * TOPICS.length * 4,
    sites: Math.max(12, Math.floor(agents / 125)),
  };
}

type Team = Record<string, number>;

/**
 * A client's team profiles: every (topic, language) pair is covered by at least one team at a
 * proficiency any queue accepts, then teams get extra topics up to 2–6 skills in all.
 */
function buildTeams(random: Random, topicSkills: readonly string[]): Team[] {
  const teams: Team[] = TEAM_LANGUAGES.map((languages) =>
    Object.fromEntries(languages.map((l, i) => [l, i === 0 ? random.int(6, 9) : random.int(5, 8)])),
  );
  const size = (team: Team): number => Object.keys(team).length;
  // Scarce languages first, so their few teams are not already full.
  for (const language of ['es', 'en', 'ar', 'fr']) {
    const speakers = teams.filter((team) => language in team);
    for (const topic of topicSkills) {
      if (speakers.some((team) => topic in team)) continue;
      const roomy = speakers.filter((team) => size(team) < 6);
      const team = roomy.reduce<Team | undefined>(
        (a, b) => (a && size(a) <= size(b) ? a : b),
        undefined,
      );
      if (team) team[topic] = random.int(6, 9);
    }
  }
  for (const team of teams) {
    const target = Math.max(size(team), random.int(2, 6));
    const spare = random.shuffle(topicSkills.filter((topic) => !(topic in team)));
    // Every team takes at least one topic at a level its queues accept.
    if (!topicSkills.some((topic) => topic in team)) {
      team[spare.pop() as string] = random.int(6, 9);
    }
    while (size(team) < target && spare.length > 0) team[spare.pop() as string] = random.int(3, 9);
  }
  return teams;
}

/** A national network of the given size: sites in 12 cities, clients served by ~4 sites each. */
export function buildNationalNetwork(agentCount: number, seed: number): Network {
  const random = new Random(seed);
  const size = nationalSize(agentCount);
  // The first 12 sites open one per city; the rest follow the cities' weights.
  const siteCities = Array.from({ length: size.sites }, (_, i) =>
    i < CITIES.length ? i : random.weightedIndex(CITIES.map((c) => c.weight)),
  );
  const perCity = new Map<number, number>();
  const siteIds = siteCities.map((city) => {
    const n = (perCity.get(city) ?? 0) + 1;
    perCity.set(city, n);
    return `${CITIES[city]?.slug}-${String(n).padStart(2, '0')}`;
  });
  // Each site serves one client; each client gets sites/clients of them (4 by default).
  const order = random.shuffle(siteIds.map((_, i) => i));
  const clients: Client[] = Array.from({ length: size.clients }, (_, c) => ({
    id: `client-${String(c + 1).padStart(3, '0')}`,
    name: `Client ${c + 1}`,
    siteIds: [],
  }));
  order.forEach((site, i) => clients[i % size.clients]?.siteIds.push(siteIds[site] as string));

  const skills = [
    ...LANGUAGES.map((id) => ({ id, kind: 'language' as const })),
    ...clients.flatMap((client) =>
      TOPICS.map((t) => ({ id: `${client.id}.${t}`, kind: 'skill' as const })),
    ),
  ];
  const queues: QueueConfig[] = [];
  const agents: AgentConfig[] = [];
  const positions = new Map<string, number>();
  clients.forEach((client, c) => {
    const topicSkills = TOPICS.map((t) => `${client.id}.${t}`);
    for (const topic of topicSkills) {
      for (const language of LANGUAGES) queues.push(makeQueue(random, client, topic, language));
    }
    const teams = buildTeams(random, topicSkills);
    const teamWeights = TEAM_LANGUAGES.map((languages) => TEAM_WEIGHT[languages[0] as string] ?? 1);
    const siteWeights = client.siteIds.map(() => random.between(0.6, 1.4));
    const from = Math.floor((c * agentCount) / size.clients);
    const to = Math.floor(((c + 1) * agentCount) / size.clients);
    for (let a = from; a < to; a++) {
      const skillsOf = { ...teams[random.weightedIndex(teamWeights)] };
      if (random.chance(0.1)) {
        // One proficiency moved by ±1: the distinct profiles of real centres.
        const skill = random.pick(Object.keys(skillsOf));
        skillsOf[skill] = Math.min(
          10,
          Math.max(1, (skillsOf[skill] ?? 5) + (random.chance(0.5) ? 1 : -1)),
        );
      }
      const siteId = client.siteIds[random.weightedIndex(siteWeights)] as string;
      positions.set(siteId, (positions.get(siteId) ?? 0) + 1);
      agents.push({ id: `a${a}`, siteId, skills: skillsOf });
    }
  });
  const sites: SiteConfig[] = siteIds.map((id, i) => ({
    id,
    city: CITIES[siteCities[i] as number]?.name as string,
    timeZone: TIME_ZONE,
    positions: positions.get(id) ?? 0,
  }));
  return { sites, skills, clients, queues, agents, pauseCodes: [{ id: BREAK, label: 'Pause' }] };
}

/** A queue = client × topic × language, restricted to the client's sites until 90 s. */
function makeQueue(random: Random, client: Client, topic: string, language: string): QueueConfig {
  return {
    id: `${topic}.${language}`,
    clientId: client.id,
    channel: 'voice',
    skills: { [topic]: random.int(3, 6), [language]: 5 },
    priority: random.chance(0.05) ? 1 : 0,
    weight: random.chance(0.2) ? 2 : 1,
    serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'offered' },
    strategy: STRATEGIES[random.weightedIndex(STRATEGY_WEIGHTS)] as AgentSelection,
    sites: [...client.siteIds],
    homeSiteId: client.siteIds[0] as string,
    steps: [
      { afterSeconds: 30, minProficiencyDelta: -2 },
      { afterSeconds: 90, addSites: 'network' },
    ],
    wrapUp: { mode: 'manual' },
  };
}
