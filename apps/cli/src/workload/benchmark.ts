import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine } from '@relais/engine';
import { WorkloadDriver } from './driver.ts';
import { DEFAULT_WORKLOAD, meanHandleSeconds } from './workload-options.ts';
import { buildNationalNetwork, nationalSize } from './national-network.ts';
import { configureNetwork } from './network.ts';

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
  clients: number;
  profiles: number;
  pools: number;
  decisions: number;
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
function collectGarbage(): void {
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

/**
 * Runs the engine on a national network under ~90% occupancy and measures it: commands per
 * second of wall time (harness included, so the figure is conservative) and the latency of
 * the calls that route (an arrival looking for an agent, a freed agent looking for a contact).
 */
export function runBenchmark(
  settings: BenchSettings,
  onProgress?: (phase: 'warm-up' | 'measure', fraction: number) => void,
): BenchResult {
  const setupStart = performance.now();
  const network = buildNationalNetwork(settings.agents, settings.seed);
  const engine = new Engine();
  configureNetwork(engine, network);
  const workload = { ...DEFAULT_WORKLOAD, seed: settings.seed };
  const driver = new WorkloadDriver(engine, network, workload);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  // Warm-up: logins, then at least 10% of the measured ops and four handle times of virtual
  // time (occupancy ramps up as 1 - e^(-t/handle): 98% of steady state), and the JIT settles.
  driver.start();
  const warmOps = settings.ops / 10;
  const warmUntilMs = 4 * meanHandleSeconds(workload) * 1000;
  while (driver.ops < warmOps || driver.nowMs < warmUntilMs) {
    driver.step();
    if (onProgress !== undefined && (driver.ops & 0xffff) === 0) {
      onProgress('warm-up', Math.min(driver.ops / warmOps, driver.nowMs / warmUntilMs));
    }
  }
  const warmupOps = driver.ops;
  const startMs = driver.nowMs;
  const before = { ...driver.counts };
  driver.agentTime.open(startMs);
  driver.latencyUs = new Float64Array(settings.ops);

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
  const seconds = (performance.now() - t0) / 1000;
  onProgress?.('measure', 1);
  driver.agentTime.close(driver.nowMs);

  const samples = driver.latencyUs.subarray(0, driver.latencyCount).sort();
  collectGarbage();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const metrics = engine.metrics();
  const size = nationalSize(settings.agents);
  return {
    agents: metrics.agents,
    queues: metrics.queues,
    sites: metrics.sites,
    ops: settings.ops,
    opsPerSec: Math.round(settings.ops / seconds),
    decisionP50Us: round(quantile(samples, 0.5), 2),
    decisionP99Us: round(quantile(samples, 0.99), 2),
    heapMb: round(heapMb, 1),
    clients: size.clients,
    profiles: metrics.profiles,
    pools: metrics.pools,
    decisions: samples.length,
    occupancy: round(driver.agentTime.occupancy, 4),
    contactsCompleted: driver.counts.completed - before.completed,
    contactsAbandoned: driver.counts.abandoned - before.abandoned,
    virtualSeconds: Math.round((driver.nowMs - startMs) / 1000),
    warmupOps,
    setupSeconds: round(setupSeconds, 2),
    seed: settings.seed,
  };
}
