import { applyEntry, replayEngine, startRecordedRun } from '../workload/recording.ts';

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
  onPhase('recording the live run');
  const run = startRecordedRun(settings.agents, settings.seed, WARM_OPS);
  const { driver, recording, warmupEntries } = run;
  while (recording.commands.length < warmupEntries + settings.window) driver.step();
  driver.recording = undefined;

  onPhase('replaying the warm-up');
  const engine = replayEngine(run);
  const end = warmupEntries + settings.window;
  const step = (i: number): void => applyEntry(engine, recording, i);
  for (let i = 0; i < warmupEntries; i++) step(i);
  const { commands } = recording;
  let applied = 0;
  for (let i = warmupEntries; i < end; i++) if (commands[i] !== undefined) applied++;

  onPhase('measuring the window');
  onWindow('start');
  for (let i = warmupEntries; i < end; i++) step(i);
  onWindow('end');
  return { commands: applied, entries: settings.window, warmupEntries };
}
