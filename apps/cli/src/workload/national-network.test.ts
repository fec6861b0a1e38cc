import { Engine } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import { buildNationalNetwork, CITIES, nationalSize } from './national-network.ts';
import { configureNetwork, eligibleQueues, LANGUAGES, meetsQueue } from './network.ts';

describe('nationalSize', () => {
  it('is 100 clients, 2,000 queues and 400 sites for 50,000 agents', () => {
    expect(nationalSize(50_000)).toEqual({
      agents: 50_000,
      clients: 100,
      queues: 2000,
      sites: 400,
    });
  });

  it('keeps at least 2 clients and 12 sites for small networks', () => {
    expect(nationalSize(1000)).toEqual({ agents: 1000, clients: 2, queues: 40, sites: 12 });
  });
});

describe('buildNationalNetwork', () => {
  const network = buildNationalNetwork(10_000, 1);

  it('has the counts of its size', () => {
    const size = nationalSize(10_000);
    expect(network.agents).toHaveLength(10_000);
    expect(network.clients).toHaveLength(size.clients);
    expect(network.queues).toHaveLength(size.queues);
    expect(network.sites).toHaveLength(size.sites);
    expect(network.skills).toHaveLength(LANGUAGES.length + size.clients * 5);
    expect(network.sites.reduce((sum, site) => sum + site.positions, 0)).toBe(10_000);
  });

  it('spreads sites over the 12 cities, in Africa/Casablanca time', () => {
    expect(new Set(network.sites.map((site) => site.city))).toEqual(
      new Set(CITIES.map((city) => city.name)),
    );
    expect(network.sites.every((site) => site.timeZone === 'Africa/Casablanca')).toBe(true);
  });

  it('serves each client from about 4 sites, each site serving one client', () => {
    for (const client of network.clients) expect(client.siteIds).toHaveLength(4);
    const served = network.clients.flatMap((client) => client.siteIds);
    expect(new Set(served).size).toBe(network.sites.length);
  });

  it('gives agents 2 to 6 skills: at least one language and one topic of their client', () => {
    for (const agent of network.agents) {
      const skills = Object.keys(agent.skills);
      expect(skills.length).toBeGreaterThanOrEqual(2);
      expect(skills.length).toBeLessThanOrEqual(6);
      expect(skills.some((s) => (LANGUAGES as readonly string[]).includes(s))).toBe(true);
    }
  });

  it('hires agents in teams: few distinct skill profiles, some from ±1 changes', () => {
    const profiles = new Set(
      network.agents.map((a) => JSON.stringify(Object.entries(a.skills).sort())),
    );
    const clients = network.clients.length;
    expect(profiles.size).toBeGreaterThan(12 * clients);
    expect(profiles.size).toBeLessThan(80 * clients);
  });

  it('builds queues client × topic × language with the required steps and sites', () => {
    const client = network.clients[0];
    const queues = network.queues.filter((q) => q.clientId === client?.id);
    expect(queues).toHaveLength(20);
    for (const queue of queues) {
      const [topic, language] = Object.entries(queue.skills);
      expect(topic?.[1]).toBeGreaterThanOrEqual(3);
      expect(topic?.[1]).toBeLessThanOrEqual(6);
      expect(language?.[1]).toBe(5);
      expect(queue.sites).toEqual(client?.siteIds);
      expect(queue.steps).toEqual([
        { afterSeconds: 30, minProficiencyDelta: -2 },
        { afterSeconds: 90, addSites: 'network' },
      ]);
      expect(queue.wrapUp).toEqual({ mode: 'manual' });
      expect(queue.serviceLevel).toMatchObject({ thresholdSeconds: 20, target: 0.8 });
    }
    expect(new Set(network.queues.map((q) => q.strategy)).size).toBe(4);
  });

  it('has agents eligible at step 0 for every queue', () => {
    const covered = new Set(eligibleQueues(network).flat());
    expect(covered.size).toBe(network.queues.length);
    const queue = network.queues[0];
    expect(network.agents.some((agent) => queue && meetsQueue(agent, queue))).toBe(true);
  });

  it('is the same for the same seed and differs for another seed', () => {
    expect(buildNationalNetwork(1000, 7)).toEqual(buildNationalNetwork(1000, 7));
    expect(buildNationalNetwork(1000, 7)).not.toEqual(buildNationalNetwork(1000, 8));
  });

  it('is accepted by the engine', () => {
    const engine = new Engine();
    configureNetwork(engine, buildNationalNetwork(1000, 3));
    expect(engine.metrics()).toMatchObject({ agents: 1000, queues: 40, sites: 12 });
  });
});
