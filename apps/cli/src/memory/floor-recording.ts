import { Engine, type Command, type EngineEvent } from '@relais/engine';
import { WorkloadDriver } from '../workload/driver.ts';
import { DEFAULT_WORKLOAD, meanHandleSeconds } from '../workload/workload-options.ts';
import { buildNationalNetwork } from '../workload/national-network.ts';
import { configureNetwork } from '../workload/network.ts';

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
}

export interface RecordSettings {
  agents: number;
  ops: number;
  seed: number;
}

/**
 * Runs the benchmark's network, driver and warm-up (as `runBenchmark` does: at least a tenth of
 * the measured ops and four handle times of virtual time) and records `ops` commands after it.
 */
export function recordBenchmarkRun(settings: RecordSettings): FloorRecording {
  const network = buildNationalNetwork(settings.agents, settings.seed);
  const agentIds = network.agents.map((agent) => agent.id);
  const agentNumber = new Map<string, number>();
  agentIds.forEach((id, i) => agentNumber.set(id, i));
  const engine = new Engine();
  configureNetwork(engine, network);
  const workload = { ...DEFAULT_WORKLOAD, seed: settings.seed };
  const driver = new WorkloadDriver(engine, network, workload);
  const recording = { times: [] as number[], commands: [] as (Command | undefined)[] };
  driver.recording = recording;

  const offerStart: number[] = [];
  const offerContacts: string[] = [];
  const offerAgents: number[] = [];
  // The driver records an entry, then hands its events here: they belong to the last entry.
  driver.onEvents = (events: EngineEvent[]): void => {
    while (offerStart.length < recording.commands.length) offerStart.push(offerContacts.length);
    for (const event of events) {
      if (event.type !== 'contactOffered') continue;
      offerContacts.push(event.contactId);
      offerAgents.push(agentNumber.get(event.agentId) as number);
    }
  };

  driver.start();
  const warmOps = settings.ops / 10;
  const warmUntilMs = 4 * meanHandleSeconds(workload) * 1000;
  while (driver.ops < warmOps || driver.nowMs < warmUntilMs) driver.step();
  const warmupEntries = recording.commands.length;
  const target = driver.ops + settings.ops;
  while (driver.ops < target) driver.step();
  while (offerStart.length <= recording.commands.length) offerStart.push(offerContacts.length);

  let measuredOps = 0;
  for (let i = warmupEntries; i < recording.commands.length; i++) {
    if (recording.commands[i] !== undefined) measuredOps++;
  }
  return {
    agentIds,
    times: recording.times,
    commands: recording.commands,
    offerStart: Int32Array.from(offerStart),
    offerContacts,
    offerAgents: Int32Array.from(offerAgents),
    warmupEntries,
    measuredOps,
  };
}
