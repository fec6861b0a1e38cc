import { Engine, type Command } from '@relais/engine';
import { WorkloadDriver } from '../workload/driver.ts';
import { buildNationalNetwork } from '../workload/national-network.ts';
import { configureNetwork } from '../workload/network.ts';
import { DEFAULT_WORKLOAD, meanHandleSeconds } from '../workload/workload-options.ts';

export interface WindowSettings {
  agents: number;
  /** Recorded entries (commands and clock advances) replayed inside the measured window. */
  window: number;
  seed: number;
}

export interface WindowResult {
  /** Commands applied inside the window (entries that are not clock advances). */
  commands: number;
  entries: number;
  warmupEntries: number;
}

/** Ops of the live warm-up at least, as `relais bench --ops 1000000` warms up. */
const WARM_OPS = 100_000;

/**
 * Drives the national network live and records it, then replays the recording into a fresh
 * engine, as `relais bench` does; only the last `window` entries of the replay run between
 * `onWindow('start')` and `onWindow('end')`, so a profiler sees the engine alone, warmed up.
 */
export function replayWithWindow(
  settings: WindowSettings,
  onWindow: (edge: 'start' | 'end') => void,
  onPhase: (phase: string) => void = () => {},
): WindowResult {
  onPhase('building the network');
  const network = buildNationalNetwork(settings.agents, settings.seed);
  const live = new Engine();
  configureNetwork(live, network);
  const workload = { ...DEFAULT_WORKLOAD, seed: settings.seed };
  const driver = new WorkloadDriver(live, network, workload);
  const recording = { times: [] as number[], commands: [] as (Command | undefined)[] };
  driver.recording = recording;

  onPhase('recording the live run');
  driver.start();
  const warmUntilMs = 4 * meanHandleSeconds(workload) * 1000;
  while (driver.ops < WARM_OPS || driver.nowMs < warmUntilMs) driver.step();
  const warmupEntries = recording.commands.length;
  while (recording.commands.length < warmupEntries + settings.window) driver.step();
  driver.recording = undefined;

  onPhase('replaying the warm-up');
  const engine = new Engine();
  configureNetwork(engine, network);
  const { times, commands } = recording;
  const end = warmupEntries + settings.window;
  const step = (i: number): void => {
    const command = commands[i];
    const at = times[i] as number;
    if (command === undefined) engine.advance(at);
    else if (!engine.apply(command, at).ok)
      throw new Error(`replay refused ${command.type} at ${at}`);
  };
  for (let i = 0; i < warmupEntries; i++) step(i);
  let applied = 0;
  for (let i = warmupEntries; i < end; i++) if (commands[i] !== undefined) applied++;

  onPhase('measuring the window');
  onWindow('start');
  for (let i = warmupEntries; i < end; i++) step(i);
  onWindow('end');
  return { commands: applied, entries: settings.window, warmupEntries };
}
