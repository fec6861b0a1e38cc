// Snapshots bound recovery: the engine's checkpoint and the runtime's directory, saved every so
// many commands, so a restart replays only the commands logged after the latest one. The log
// stays the source of truth: a snapshot that cannot be used is skipped, never trusted halfway.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckpointError, Engine, type EngineOptions } from '@relais/engine';
import type { Snapshot } from '@relais/store';
import { Directory, type DirectoryState } from './directory.ts';

/** Commands between two snapshots, by default: recovery replays at most this many. */
export const SNAPSHOT_EVERY_COMMANDS = 50_000;

/** What the store keeps: the engine code's fingerprint, and the state, gzipped JSON in base64. */
export interface SnapshotState {
  /** Which engine code wrote the checkpoint (SPEC CKP2): another one replays the log instead. */
  engineCode: string;
  gzip: string;
}

interface SnapshotContent {
  engine: ReturnType<Engine['checkpoint']>;
  directory: DirectoryState;
}

let fingerprint: string | undefined;

/** A hash of the engine package's sources: a checkpoint is only valid for the code that wrote it. */
export function engineFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const src = path.dirname(fileURLToPath(import.meta.resolve('@relais/engine')));
  const hash = createHash('sha256');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(readFileSync(path.join(src, file)));
  }
  fingerprint = hash.digest('hex').slice(0, 32);
  return fingerprint;
}

/** The snapshot of the state right after command `commandSeq` (taken before anything else runs). */
export function takeSnapshot(engine: Engine, directory: Directory, commandSeq: number): Snapshot {
  const content: SnapshotContent = { engine: engine.checkpoint(), directory: directory.save() };
  // Level 1: most of the size goes (a checkpoint repeats itself a lot) for little time.
  const gzip = gzipSync(JSON.stringify(content), { level: 1 }).toString('base64');
  const state: SnapshotState = { engineCode: engineFingerprint(), gzip };
  return { commandSeq, eventSeq: engine.seq, atMs: engine.nowMs, state };
}

/** The engine and directory a snapshot holds, or why it cannot be used. */
export function restoreSnapshot(
  snapshot: Snapshot,
  options: EngineOptions | undefined,
): { engine: Engine; directory: Directory } | { unusable: string } {
  const state = snapshot.state as Partial<SnapshotState> | null;
  if (typeof state !== 'object' || state === null) return { unusable: 'it holds no state' };
  if (state.engineCode !== engineFingerprint()) {
    return { unusable: 'it was written by another version of the engine' };
  }
  if (typeof state.gzip !== 'string') return { unusable: 'it holds no gzipped state' };
  let content: Partial<SnapshotContent>;
  try {
    content = JSON.parse(gunzipSync(Buffer.from(state.gzip, 'base64')).toString('utf8')) as object;
  } catch (error) {
    return { unusable: `its state cannot be read (${String(error)})` };
  }
  try {
    const engine = Engine.restore(content.engine, options);
    if (engine.seq !== snapshot.eventSeq) {
      return { unusable: `its engine is at event ${engine.seq}, not ${snapshot.eventSeq}` };
    }
    return { engine, directory: Directory.load(content.directory) };
  } catch (error) {
    if (error instanceof CheckpointError || error instanceof TypeError) {
      return { unusable: error.message };
    }
    throw error;
  }
}
