// Engine checkpoints (SPEC CKP1–CKP3): the whole engine state between two commands, as JSON, so a
// server can restart from a checkpoint plus the commands logged after it instead of the whole log.
import { HeapNode, IndexedHeap } from '../collections/indexed-heap.ts';
import { TimerHeap } from '../collections/timer-heap.ts';
import { ContactIndex } from '../contacts/contact-index.ts';
import { Core, settingsFrom, type Settings } from '../core.ts';
import type { EngineOptions } from '../model/config.ts';
import { ContactRuntime } from '../model/contact-runtime.ts';
import {
  AgentChannel,
  AgentRuntime,
  QueueRuntime,
  SiteRuntime,
  SiteStateCounts,
} from '../model/runtime.ts';
import { AgentPool } from '../routing/agent-pool.ts';
import { Bucket } from '../routing/bucket.ts';
import { BucketTable, PoolTable } from '../routing/pool-table.ts';
import { TopCandidates } from '../routing/top-candidates.ts';
import { Topology } from '../routing/topology.ts';
import { QueueStats } from '../stats/queue-stats.ts';
import {
  decodeGraph,
  encodeGraph,
  GraphError,
  type ClassRegistry,
  type EncodedGraph,
} from './object-graph.ts';

/**
 * Written into every checkpoint. A checkpoint is the engine's internal layout, so it is only
 * valid for the engine code that wrote it: callers keep their own fingerprint of that code
 * next to it (the server hashes the engine's sources) and replay the log when it differs.
 */
// 3: queue records copy the configuration fields arrivals and offers read (SPEC PERF7); a /2
// checkpoint would restore queue records without them, so it is refused (replay the log).
export const CHECKPOINT_FORMAT = 'relais.engine.checkpoint/3';

export interface EngineCheckpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** The last event sequence number and the engine time, for a quick check against a log. */
  seq: number;
  nowMs: number;
  graph: EncodedGraph;
}

/** A checkpoint that cannot be restored: malformed, from another format, or other options. */
export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/** Every class an engine state holds; a class missing here makes checkpoint() throw. */
const CLASSES: ClassRegistry = new Map<string, abstract new (...args: never[]) => unknown>([
  ['Core', Core],
  ['HeapNode', HeapNode],
  ['IndexedHeap', IndexedHeap],
  ['TimerHeap', TimerHeap],
  ['ContactIndex', ContactIndex],
  ['ContactRuntime', ContactRuntime],
  ['SiteRuntime', SiteRuntime],
  ['SiteStateCounts', SiteStateCounts],
  ['AgentChannel', AgentChannel],
  ['AgentRuntime', AgentRuntime],
  ['QueueRuntime', QueueRuntime],
  ['QueueStats', QueueStats],
  ['AgentPool', AgentPool],
  ['Bucket', Bucket],
  ['PoolTable', PoolTable],
  ['BucketTable', BucketTable],
  ['TopCandidates', TopCandidates],
  ['Topology', Topology],
]);

/** The state of `core` between two commands (its output buffer is not state). */
export function checkpointOf(core: Core): EngineCheckpoint {
  const out = core.out;
  core.out = [];
  try {
    return {
      format: CHECKPOINT_FORMAT,
      seq: core.seq,
      nowMs: core.nowMs,
      graph: encodeGraph(core, CLASSES),
    };
  } finally {
    core.out = out;
  }
}

/** The Core a checkpoint holds, checked against the options the engine is now started with. */
export function coreFrom(checkpoint: unknown, options: EngineOptions = {}): Core {
  if (typeof checkpoint !== 'object' || checkpoint === null) {
    throw new CheckpointError('not an engine checkpoint: expected an object');
  }
  const { format, graph } = checkpoint as Partial<EngineCheckpoint>;
  if (format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      `checkpoint format ${JSON.stringify(format)} is not ${CHECKPOINT_FORMAT}; replay the log instead`,
    );
  }
  let core: unknown;
  try {
    core = decodeGraph(graph, CLASSES);
  } catch (error) {
    if (error instanceof GraphError) throw new CheckpointError(`checkpoint: ${error.message}`);
    throw error;
  }
  if (!(core instanceof Core))
    throw new CheckpointError('checkpoint: its root is not an engine state');
  const wanted = settingsFrom(options);
  const differs = (Object.keys(wanted) as (keyof Settings)[]).filter(
    (key) => core.settings[key] !== wanted[key],
  );
  if (differs.length > 0) {
    throw new CheckpointError(
      `checkpoint was taken with other engine options (${differs.join(', ')}); replay the log instead`,
    );
  }
  return core;
}
