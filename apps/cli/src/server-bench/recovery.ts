// Restart recovery (issue 4): a log of about a million events, as the server writes it, then the
// time a restarting server takes to rebuild the tenant's engine from it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { Engine, type Command } from '@relais/engine';
import {
  Directory,
  SNAPSHOT_EVERY_COMMANDS,
  TenantRuntime,
  takeSnapshot,
  toLoggedEvent,
  type Recovery,
} from '@relais/server';
import {
  openPostgresStore,
  openSqliteStore,
  type LogBatch,
  type Snapshot,
  type Store,
} from '@relais/store';
import { WorkloadDriver } from '../workload/driver.ts';
import { dropSchema } from './pg-schema.ts';
import { buildNationalNetwork } from '../workload/national-network.ts';
import { networkCommands } from '../workload/network.ts';
import { DEFAULT_WORKLOAD } from '../workload/workload-options.ts';

export interface RecoverySettings {
  events: number;
  agents: number;
  pg: string | undefined;
}

export interface RecoveryResult {
  database: 'sqlite' | 'postgres';
  events: number;
  commands: number;
  writeSeconds: number;
  /** A restart as the server does it: the latest snapshot, then the commands after it. */
  recoverySeconds: number;
  /** The commands the restart replayed after its snapshot. */
  replayedCommands: number;
  /** The same restart replaying the whole log, without snapshots. */
  fullReplaySeconds: number;
  /** Taking one snapshot (it holds the event loop), median, and the largest one's JSON size. */
  snapshotMs: number;
  snapshotMb: number;
  commandsPerSec: number;
  agents: number;
}

type Entry = { atMs: number; command: Command | { type: 'advance' } };

/** Commands of a national-network workload until the engine has emitted `events` events. */
function workload(
  settings: RecoverySettings,
  progress: (phase: string, f: number) => void,
): Entry[] {
  const network = buildNationalNetwork(settings.agents, 1);
  const entries: Entry[] = networkCommands(network).map((command) => ({ atMs: 0, command }));
  const engine = new Engine();
  for (const entry of entries) engine.applyOrThrow(entry.command as Command, 0);
  const driver = new WorkloadDriver(engine, network, { ...DEFAULT_WORKLOAD, seed: 1 });
  const recording = { times: [] as number[], commands: [] as (Command | undefined)[] };
  driver.recording = recording;
  driver.start();
  while (engine.seq < settings.events) {
    driver.step();
    if ((driver.ops & 0xffff) === 0) progress('record', engine.seq / settings.events);
  }
  recording.commands.forEach((command, i) =>
    entries.push({ atMs: recording.times[i] ?? 0, command: command ?? { type: 'advance' } }),
  );
  return entries;
}

/**
 * Writes the entries and their events as the server does: command + events, group commits of
 * 500, and a snapshot every SNAPSHOT_EVERY_COMMANDS commands, saved once its command is written.
 */
async function writeLog(
  store: Store,
  tenantId: string,
  entries: readonly Entry[],
  progress: (phase: string, f: number) => void,
): Promise<{ snapshotMs: number; snapshotMb: number }> {
  const engine = new Engine();
  const snapshotMs: number[] = [];
  let snapshotMb = 0;
  const directory = new Directory();
  let batch: LogBatch = { commands: [], events: [] };
  let snapshot: Snapshot | undefined;
  for (let i = 0; i < entries.length; i++) {
    const { atMs, command } = entries[i] as Entry;
    const events =
      command.type === 'advance' ? engine.advance(atMs) : engine.applyOrThrow(command, atMs);
    for (const event of events) directory.observe(event);
    batch.commands.push({ seq: i + 1, atMs, command });
    for (const event of events) batch.events.push(toLoggedEvent(event, directory));
    if ((i + 1) % SNAPSHOT_EVERY_COMMANDS === 0) {
      const started = performance.now();
      snapshot = takeSnapshot(engine, directory, i + 1);
      snapshotMs.push(performance.now() - started);
      snapshotMb = Math.max(snapshotMb, JSON.stringify(snapshot.state).length / 1e6);
    }
    if (batch.commands.length === 500 || i === entries.length - 1) {
      await store.appendLog(tenantId, batch);
      if (snapshot !== undefined) await store.saveSnapshot(tenantId, snapshot);
      snapshot = undefined;
      batch = { commands: [], events: [] };
      if (i % 50_000 < 500) progress('write', i / entries.length);
    }
  }
  snapshotMs.sort((a, b) => a - b);
  return {
    snapshotMs: Number((snapshotMs[snapshotMs.length >> 1] ?? 0).toFixed(1)),
    snapshotMb: Number(snapshotMb.toFixed(1)),
  };
}

export async function runRecoveryBenchmark(
  settings: RecoverySettings,
  progress: (phase: string, f: number) => void,
): Promise<RecoveryResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-recovery-'));
  // On PostgreSQL, a schema of its own, dropped at the end.
  const schema = `relais_recovery_${Date.now().toString(36)}`;
  const open = (): Store =>
    settings.pg === undefined
      ? openSqliteStore({ file: path.join(dir, 'relais.sqlite') })
      : openPostgresStore({ url: settings.pg, schema });
  try {
    const entries = workload(settings, progress);
    const store = open();
    await store.migrate();
    const tenant = await store.createTenant({ id: randomUUID(), name: `recovery-${Date.now()}` });
    const writeStart = performance.now();
    const snapshots = await writeLog(store, tenant.id, entries, progress);
    const writeSeconds = (performance.now() - writeStart) / 1000;
    const { event } = await store.lastSeqs(tenant.id);
    await store.close();
    // The restart: a new connection, then the engine rebuilt from the latest snapshot and the
    // commands after it; then the same from the whole log.
    const restart = async (useSnapshots: boolean): Promise<[number, Recovery]> => {
      const start = performance.now();
      const restarted = open();
      let recovery: Recovery | undefined;
      const runtime = await TenantRuntime.open(tenant.id, restarted, {
        useSnapshots,
        onReplay: (n) => progress(useSnapshots ? 'recover' : 'replay all', n / entries.length),
        onRecovered: (r) => (recovery = r),
      });
      const seconds = (performance.now() - start) / 1000;
      await runtime.close();
      await restarted.close();
      return [seconds, recovery as Recovery];
    };
    const [recoverySeconds, recovery] = await restart(true);
    const [fullReplaySeconds] = await restart(false);
    return {
      database: settings.pg === undefined ? 'sqlite' : 'postgres',
      events: event,
      commands: entries.length,
      writeSeconds: Number(writeSeconds.toFixed(2)),
      recoverySeconds: Number(recoverySeconds.toFixed(2)),
      replayedCommands: recovery.replayed,
      fullReplaySeconds: Number(fullReplaySeconds.toFixed(2)),
      ...snapshots,
      commandsPerSec: Math.round(entries.length / fullReplaySeconds),
      agents: settings.agents,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (settings.pg !== undefined) await dropSchema(settings.pg, schema);
  }
}
