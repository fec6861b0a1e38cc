import type { Command, Engine, EngineEvent } from '@relais/engine';
import { replayEngine, startRecordedRun } from '../workload/recording.ts';

/**
 * A live run of `relais bench`'s workload: every entry (a command, or undefined for a plain
 * advance of the clock) with its time, and the offers the engine made while applying it,
 * stored flat: entry i's offers are `offerContacts[k]` to agent number `offerAgents[k]` for k
 * from `offerStart[i]` to `offerStart[i + 1]`.
 */
export interface FloorRecording {
  agentIds: readonly string[];
  times: readonly number[];
  commands: readonly (Command | undefined)[];
  offerStart: Int32Array;
  offerContacts: readonly string[];
  offerAgents: Int32Array;
  /** Entries of the warm-up, replayed before the timing starts. */
  warmupEntries: number;
  /** Commands (not plain advances) after the warm-up. */
  measuredOps: number;
  /**
   * Each agent's pool as the engine forms them (same site, same skills and proficiencies), by
   * agent number, and the number of pools: the rows model keeps its idle lists per pool.
   */
  poolOfAgent: Int32Array;
  pools: number;
  /**
   * A fresh engine configured as the live one was, to replay the recording into the real engine
   * in the same turns as the models; absent from hand-built recordings.
   */
  newEngine?: () => Engine;
}

export interface RecordSettings {
  agents: number;
  ops: number;
  seed: number;
}

/**
 * Runs the benchmark's network, driver and warm-up (`startRecordedRun`, with `relais bench`'s
 * tenth of the measured ops) and records `ops` commands after it, with the offers of each entry.
 */
export function recordBenchmarkRun(settings: RecordSettings): FloorRecording {
  const offerStart: number[] = [];
  const offerContacts: string[] = [];
  const offerAgentIds: string[] = [];
  const keepOffers = (events: EngineEvent[], entry: number): void => {
    // Entry i's offers start here; earlier entries not seen yet had no events, so no offers.
    while (offerStart.length <= entry) offerStart.push(offerContacts.length);
    for (const event of events) {
      if (event.type !== 'contactOffered') continue;
      offerContacts.push(event.contactId);
      offerAgentIds.push(event.agentId);
    }
  };
  const warmOps = settings.ops / 10;
  const run = startRecordedRun(settings.agents, settings.seed, warmOps, undefined, keepOffers);
  const { driver, recording } = run;
  const target = driver.ops + settings.ops;
  while (driver.ops < target) driver.step();
  while (offerStart.length <= recording.commands.length) offerStart.push(offerContacts.length);

  const network = run.network;
  const agentIds = network.agents.map((agent) => agent.id);
  const agentNumber = new Map<string, number>();
  agentIds.forEach((id, i) => agentNumber.set(id, i));
  let measuredOps = 0;
  for (let i = run.warmupEntries; i < recording.commands.length; i++) {
    if (recording.commands[i] !== undefined) measuredOps++;
  }
  const poolNumber = new Map<string, number>();
  const poolOfAgent = Int32Array.from(network.agents, (agent) => {
    const skills = Object.entries(agent.skills).sort(([a], [b]) => (a < b ? -1 : 1));
    const key = `${agent.siteId} ${JSON.stringify(skills)}`;
    let pool = poolNumber.get(key);
    if (pool === undefined) poolNumber.set(key, (pool = poolNumber.size));
    return pool;
  });
  return {
    agentIds,
    times: recording.times,
    commands: recording.commands,
    offerStart: Int32Array.from(offerStart),
    offerContacts,
    offerAgents: Int32Array.from(offerAgentIds, (id) => agentNumber.get(id) as number),
    warmupEntries: run.warmupEntries,
    measuredOps,
    poolOfAgent,
    pools: poolNumber.size,
    // The network alone is kept, not the live run: its engine would double the heap measured.
    newEngine: () => replayEngine({ network }),
  };
}
