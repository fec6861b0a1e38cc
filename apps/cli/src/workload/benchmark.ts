import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Engine } from '@relais/engine';
import { nationalSize } from './national-network.ts';
import { applyEntry, replayEngine, startRecordedRun, type RecordedRun } from './recording.ts';

export interface BenchSettings {
  agents: number;
  /** Commands to apply in the measured part of the run. */
  ops: number;
  seed: number;
}

/** The benchmark's figures; the first eight fields are the stable contract of `relais bench`. */
export interface BenchResult {
  agents: number;
  queues: number;
  sites: number;
  ops: number;
  opsPerSec: number;
  decisionP50Us: number;
  decisionP99Us: number;
  heapMb: number;
  liveOpsPerSec: number;
  clients: number;
  profiles: number;
  pools: number;
  /** Routing decisions (offers made) in the measured part only, like everything below. */
  decisions: number;
  decisionsPerOp: number;
  latencySamples: number;
  headsPerDecision: number;
  occupancy: number;
  contactsCompleted: number;
  contactsAbandoned: number;
  virtualSeconds: number;
  warmupOps: number;
  setupSeconds: number;
  seed: number;
}

/**
 * Runs a full garbage collection so heapUsed counts live objects only. Without --expose-gc the
 * flag is set at run time and `gc` taken from a fresh context (a common V8 idiom).
 */
export function collectGarbage(): void {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The value at quantile q of sorted samples (nearest rank). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

/** Every decision-making call of the replay whose latency is sampled (1 in LATENCY_EVERY). */
const LATENCY_EVERY = 8;

/**
 * Runs the engine on a national network under ~90% occupancy and measures it, in two passes.
 * Live: the workload harness drives an engine and records every command with its time
 * (`liveOpsPerSec`, harness included). Replay: a fresh engine gets the recorded commands with
 * nothing else in the loop — the engine's own throughput (`opsPerSec`), the latency of the
 * calls that route (an arrival looking for an agent, a freed agent looking for a contact;
 * every 8th one is timed) and the engine's heap.
 */
export function runBenchmark(
  settings: BenchSettings,
  onProgress?: (phase: 'warm-up' | 'measure' | 'replay', fraction: number) => void,
): BenchResult {
  const run = startRecordedRun(settings.agents, settings.seed, settings.ops / 10, (fraction) =>
    onProgress?.('warm-up', fraction),
  );
  const { driver, warmupOps, setupSeconds } = run;
  const startMs = driver.nowMs;
  const before = { ...driver.counts };
  driver.agentTime.open(startMs);

  const target = warmupOps + settings.ops;
  const reportEvery = 1 << 16;
  let nextReport = warmupOps + reportEvery;
  const t0 = performance.now();
  while (driver.ops < target) {
    driver.step();
    if (onProgress !== undefined && driver.ops >= nextReport) {
      onProgress('measure', (driver.ops - warmupOps) / settings.ops);
      nextReport += reportEvery;
    }
  }
  const liveSeconds = (performance.now() - t0) / 1000;
  driver.agentTime.close(driver.nowMs);
  const counts = driver.counts;
  const occupancy = driver.agentTime.occupancy;
  const endMs = driver.nowMs;
  driver.recording = undefined;

  const replay = replayRecording(run, onProgress);
  const metrics = replay.engine.metrics();
  // Decisions and heads weighed over the measured ops only: the warm-up grows with the network
  // (four handle times of virtual time), so totals since the start would not compare across sizes.
  const decisions = metrics.decisions - replay.warm.decisions;
  const heads = metrics.headsWeighed - replay.warm.headsWeighed;
  const size = nationalSize(settings.agents);
  return {
    agents: metrics.agents,
    queues: metrics.queues,
    sites: metrics.sites,
    ops: replay.ops,
    opsPerSec: Math.round(replay.ops / replay.seconds),
    decisionP50Us: round(quantile(replay.samples, 0.5), 2),
    decisionP99Us: round(quantile(replay.samples, 0.99), 2),
    heapMb: round(replay.heapMb, 1),
    liveOpsPerSec: Math.round(settings.ops / liveSeconds),
    clients: size.clients,
    profiles: metrics.profiles,
    pools: metrics.pools,
    decisions,
    decisionsPerOp: round(decisions / Math.max(1, replay.ops), 3),
    latencySamples: replay.samples.length,
    headsPerDecision: round(heads / Math.max(1, decisions), 1),
    occupancy: round(occupancy, 4),
    contactsCompleted: counts.completed - before.completed,
    contactsAbandoned: counts.abandoned - before.abandoned,
    virtualSeconds: Math.round((endMs - startMs) / 1000),
    warmupOps,
    setupSeconds: round(setupSeconds, 2),
    seed: settings.seed,
  };
}

interface Replay {
  engine: Engine;
  /** The engine's counters when the warm-up ends. */
  warm: { decisions: number; headsWeighed: number };
  ops: number;
  seconds: number;
  samples: Float64Array;
  heapMb: number;
}

/** Applies the recorded commands to a fresh engine; times the part after the warm-up. */
function replayRecording(
  run: RecordedRun,
  onProgress?: (phase: 'replay', fraction: number) => void,
): Replay {
  const { recording, warmupEntries } = run;
  const { times, commands } = recording;
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const engine = replayEngine(run);
  const step = (i: number): void => applyEntry(engine, recording, i);
  for (let i = 0; i < warmupEntries; i++) step(i);
  const { decisions, headsWeighed } = engine.metrics();
  onProgress?.('replay', 0);
  const samples = new Float64Array(commands.length);
  let sampleCount = 0;
  let routing = 0;
  let ops = 0;
  const t0 = performance.now();
  for (let i = warmupEntries; i < commands.length; i++) {
    const command = commands[i];
    if (command === undefined) {
      engine.advance(times[i] as number);
      continue;
    }
    ops++;
    const timed =
      (command.type === 'arrive' || command.type === 'endWrapUp') &&
      routing++ % LATENCY_EVERY === 0;
    if (!timed) {
      if (!engine.apply(command, times[i] as number).ok) step(i);
      continue;
    }
    const s = performance.now();
    const ok = engine.apply(command, times[i] as number).ok;
    samples[sampleCount++] = (performance.now() - s) * 1000;
    if (!ok) step(i);
  }
  const seconds = (performance.now() - t0) / 1000;
  onProgress?.('replay', 1);
  collectGarbage();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  return {
    engine,
    warm: { decisions, headsWeighed },
    ops,
    seconds,
    samples: samples.subarray(0, sampleCount).sort(),
    heapMb,
  };
}
