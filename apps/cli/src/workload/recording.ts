import { performance } from 'node:perf_hooks';
import { Engine, type Command, type EngineEvent } from '@relais/engine';
import { WorkloadDriver } from './driver.ts';
import { buildNationalNetwork } from './national-network.ts';
import { configureNetwork } from './network.ts';
import { DEFAULT_WORKLOAD, meanHandleSeconds, type WorkloadOptions } from './workload-options.ts';

/** Every command the live pass applied, and every plain clock advance (undefined), with its time. */
export interface Recording {
  times: number[];
  commands: (Command | undefined)[];
}

/** A national network driven live with the recording on, warmed up (startRecordedRun). */
export interface RecordedRun {
  network: ReturnType<typeof buildNationalNetwork>;
  workload: WorkloadOptions;
  driver: WorkloadDriver;
  recording: Recording;
  /** Ops and recorded entries when the warm-up ended. */
  warmupOps: number;
  warmupEntries: number;
  /** Building the network and configuring the live engine, before the warm-up. */
  setupSeconds: number;
}

/**
 * Builds the benchmark's national network, drives a live engine with the workload while
 * recording, and warms up: logins, then at least `warmOps` ops and four handle times of virtual
 * time (occupancy ramps up as 1 - e^(-t/handle): 98% of steady state), so the JIT settles too.
 * The benchmark, the cache profile and the memory floor all replay such a recording;
 * `onEvents` sees the events of every entry, with the entry's number, from the first login on.
 */
export function startRecordedRun(
  agents: number,
  seed: number,
  warmOps: number,
  onProgress?: (fraction: number) => void,
  onEvents?: (events: EngineEvent[], entry: number) => void,
): RecordedRun {
  const setupStart = performance.now();
  const network = buildNationalNetwork(agents, seed);
  const live = new Engine();
  configureNetwork(live, network);
  const workload = { ...DEFAULT_WORKLOAD, seed };
  const driver = new WorkloadDriver(live, network, workload);
  const recording: Recording = { times: [], commands: [] };
  driver.recording = recording;
  // The driver records each entry before it hands on the entry's events.
  if (onEvents !== undefined) {
    driver.onEvents = (events) => onEvents(events, recording.commands.length - 1);
  }
  const setupSeconds = (performance.now() - setupStart) / 1000;
  driver.start();
  const warmUntilMs = 4 * meanHandleSeconds(workload) * 1000;
  while (driver.ops < warmOps || driver.nowMs < warmUntilMs) {
    driver.step();
    if (onProgress !== undefined && (driver.ops & 0xffff) === 0) {
      onProgress(Math.min(driver.ops / warmOps, driver.nowMs / warmUntilMs));
    }
  }
  return {
    network,
    workload,
    driver,
    recording,
    warmupOps: driver.ops,
    warmupEntries: recording.commands.length,
    setupSeconds,
  };
}

/** A fresh engine configured with the run's network, for a replay. */
export function replayEngine(run: Pick<RecordedRun, 'network'>): Engine {
  const engine = new Engine();
  configureNetwork(engine, run.network);
  return engine;
}

/** Applies recorded entry `i` to `engine`; a refusal is a bug (the live engine accepted it). */
export function applyEntry(
  engine: Engine,
  recording: {
    readonly times: readonly number[];
    readonly commands: readonly (Command | undefined)[];
  },
  i: number,
): void {
  const command = recording.commands[i];
  const at = recording.times[i] as number;
  if (command === undefined) engine.advance(at);
  else if (!engine.apply(command, at).ok)
    throw new Error(`replay refused ${command.type} at ${at}`);
}
