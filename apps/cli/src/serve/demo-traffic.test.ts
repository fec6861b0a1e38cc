// The simulated day against a real server (in-process, SQLite): shifts, pauses, arrivals, the
// next day, and the agent a person signs in as left alone. The demo's "real" clock is run
// 100 times faster here so that a whole day passes in seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EngineEvent } from '@relais/engine';
import { bootstrap, buildServer, type RelaisServer } from '@relais/server';
import { openSqliteStore, type Store } from '@relais/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLiveDemoNetwork, LIVE_DEMO_HUMAN_AGENT } from './demo-network.ts';
import { DEMO_SEED, seedDemo } from './demo-seed.ts';
import { startDemoTraffic } from './demo-traffic.ts';

let dir: string;
let store: Store;
let server: RelaisServer;
let tenantId: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-demo-traffic-'));
  store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  const first = await bootstrap(store);
  tenantId = first?.tenantId ?? '';
  await seedDemo(store, tenantId);
  server = await buildServer({ store });
});
afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const until = async (done: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 1200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error(`never happened: ${what}`);
};

describe('the demo traffic', () => {
  it('plays a day of shifts, pauses and calls, then starts the next day', async () => {
    const network = buildLiveDemoNetwork(DEMO_SEED);
    const runtime = await server.context.tenants.get(tenantId);
    // 41 agents of Casablanca, one of them the agent a person signs in as, and every queue.
    const agentIds = network.agents
      .map((a) => a.id)
      .filter((id) => id.startsWith('casa-'))
      .slice(0, 41);
    expect(agentIds).toContain(LIVE_DEMO_HUMAN_AGENT);
    const seen = { logins: 0, logouts: 0, arrived: 0, connected: 0, human: 0 };
    const pauses = new Set<string>();
    const unsubscribe = runtime.subscribe((events) => {
      for (const logged of events) {
        const event = logged.body as EngineEvent;
        if ('agentId' in event && event.agentId === LIVE_DEMO_HUMAN_AGENT) seen.human++;
        if (event.type === 'contactArrived') seen.arrived++;
        if (event.type === 'contactConnected') seen.connected++;
        if (event.type === 'agentStateChanged') {
          if (event.from === 'loggedOut') seen.logins++;
          if (event.to === 'loggedOut') seen.logouts++;
          if (event.to === 'paused' && event.reason !== undefined) pauses.add(event.reason);
        }
      }
    });
    const people = new Set([LIVE_DEMO_HUMAN_AGENT]);
    const started = Date.now();
    const taken: Record<string, string>[] = [];
    const traffic = await startDemoTraffic(runtime, {
      queueShares: network.queueShares,
      agentIds,
      claimed: () => Promise.resolve(people),
      speed: 60,
      realNow: () => started + (Date.now() - started) * 100,
      onArrived: (contactId, queueId, attributes) => taken.push({ contactId, ...attributes }),
    });
    try {
      expect(traffic.state()).toMatchObject({
        day: 1,
        dayStart: '08:00',
        dayEnd: '20:00',
        speed: 60,
        agentsSimulated: 40,
      });
      await until(() => traffic.state().day === 2, 'the second day');
      // Everyone logged in during the day and out by its end (once their last call was over).
      await until(() => seen.logouts >= 40, 'every agent logged out');
      expect(seen.logins).toBeGreaterThanOrEqual(40);
      expect([...pauses].sort()).toEqual(expect.arrayContaining(['break', 'lunch']));
      expect(seen.arrived).toBeGreaterThan(100);
      // Every contact the engine took is handed on with the customer who called (for history),
      // and with a few thousand customers some of them call twice.
      // (The last few may still be on their way when this is read.)
      expect(taken.length).toBeGreaterThan(100);
      expect(taken.length).toBeLessThanOrEqual(seen.arrived);
      expect(taken.every((t) => /^C-\d{6}$/.test(t.customerId ?? ''))).toBe(true);
      expect(new Set(taken.map((t) => t.customerId)).size).toBeLessThan(taken.length);
      expect(seen.connected).toBeGreaterThan(50);
      expect(seen.human).toBe(0);
      // A user made for another agent takes it out of the simulation within seconds.
      people.add(agentIds.find((id) => id !== LIVE_DEMO_HUMAN_AGENT) ?? '');
      await until(() => traffic.state().agentsSimulated === 39, 'the agent taken over');
      // Paused, the simulated time stands still; the speed is changed at once.
      const paused = traffic.setPaused(true);
      expect(paused.paused).toBe(true);
      expect(traffic.setSpeed(5)).toMatchObject({ speed: 5, paused: true });
      await new Promise((r) => setTimeout(r, 300));
      expect(traffic.state().simulatedTime).toBe(paused.simulatedTime);
      expect(() => traffic.setSpeed(0)).toThrow(RangeError);
    } finally {
      traffic.stop();
      unsubscribe();
    }
  }, 90_000);
});
