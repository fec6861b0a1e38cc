import { checkpointOf, coreFrom, type EngineCheckpoint } from './checkpoint/checkpoint.ts';
import { dispatch } from './commands/dispatch.ts';
import { fireTimer } from './contacts/contact-flow.ts';
import { Core, settingsFrom } from './core.ts';
import type { Command } from './model/commands.ts';
import type { EngineOptions } from './model/config.ts';
import { EngineError } from './model/errors.ts';
import type { ContactRuntime } from './model/contact-runtime.ts';
import type { EngineEvent } from './model/events.ts';
import { inspect, type EngineSnapshot } from './queries/inspect.ts';
import { placeInLine, type PlaceInLine } from './queries/place-in-line.ts';
import {
  agentStatus,
  queueStatus,
  siteStatus,
  type AgentStatus,
  type QueueStatus,
  type SiteStatus,
} from './queries/status.ts';
import { whyWaiting, type WaitExplanation } from './queries/why-waiting.ts';
import { drainWork } from './routing/assign.ts';

export type ApplyResult =
  | { ok: true; events: EngineEvent[] }
  /** The command changed nothing; `events` holds only what due timers did before it. */
  | { ok: false; error: EngineError; events: EngineEvent[] };

/**
 * The routing engine of one tenant: a deterministic state machine. Time comes in as `nowMs`
 * arguments; the same commands at the same times give the same events (ARCHITECTURE).
 */
export class Engine {
  // Not readonly: restore() swaps in the checkpoint's state.
  private core: Core;

  constructor(options: EngineOptions = {}) {
    this.core = new Core(settingsFrom(options));
  }

  /**
   * The engine a checkpoint holds: it behaves exactly as the one that wrote it (SPEC CKP1).
   * Throws CheckpointError when the checkpoint is malformed or was taken with other options.
   */
  static restore(checkpoint: unknown, options: EngineOptions = {}): Engine {
    const engine = new Engine(options);
    engine.core = coreFrom(checkpoint, options);
    return engine;
  }

  /** The whole state, JSON-ready, between two commands (SPEC CKP1). */
  checkpoint(): EngineCheckpoint {
    return checkpointOf(this.core);
  }

  /** Runs timers due up to `nowMs`, then the command (SPEC EVT2). */
  apply(command: Command, nowMs: number): ApplyResult {
    const core = this.core;
    if (!(nowMs >= core.nowMs)) {
      const error = new EngineError(
        'ClockWentBackwards',
        `time ${nowMs} is before the engine's time ${core.nowMs}`,
        { nowMs, engineNowMs: core.nowMs },
      );
      return { ok: false, error, events: [] };
    }
    const before = core.nowMs;
    const due = core.nextTimerMs();
    const timersDue = due !== undefined && due <= nowMs;
    const events = this.advance(nowMs);
    core.out = events;
    core.nowMs = nowMs;
    try {
      dispatch(core, command);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      // Refused and no timer came due: nothing changed, not even the clock (SPEC ERR1).
      if (!timersDue) core.nowMs = before;
      return { ok: false, error, events };
    }
    drainWork(core);
    core.recycleContacts();
    return { ok: true, events };
  }

  /** Like apply, but throws the EngineError of a bad command. */
  applyOrThrow(command: Command, nowMs: number): EngineEvent[] {
    const result = this.apply(command, nowMs);
    if (!result.ok) throw result.error;
    return result.events;
  }

  /** When the next timer is due (offer timeout, step, wrap-up end, callback), if any. */
  nextDeadline(): number | undefined {
    return this.core.nextTimerMs();
  }

  /** Fires every timer due up to `nowMs`, each at its own time, in order (SPEC TMR1). */
  advance(nowMs: number): EngineEvent[] {
    const core = this.core;
    const events: EngineEvent[] = [];
    if (!(nowMs >= core.nowMs)) return events;
    core.out = events;
    for (;;) {
      const timers = core.timers;
      if (timers.size === 0 || timers.topDueMs > nowMs) break;
      const row = timers.topRow;
      core.nowMs = timers.topDueMs;
      timers.remove(row);
      fireTimer(core, core.contactRows[row] as ContactRuntime);
      drainWork(core);
    }
    core.recycleContacts();
    core.nowMs = nowMs;
    return events;
  }

  get nowMs(): number {
    return this.core.nowMs;
  }

  /** The last sequence number emitted. */
  get seq(): number {
    return this.core.seq;
  }

  queueStatus(queueId: string): QueueStatus {
    return queueStatus(this.core, queueId);
  }

  siteStatus(siteId: string): SiteStatus {
    return siteStatus(this.core, siteId);
  }

  agentStatus(agentId: string): AgentStatus {
    return agentStatus(this.core, agentId);
  }

  /** "Why is this contact still waiting?" with counts of eligible agents by state (SPEC EXP2). */
  whyWaiting(contactId: string): WaitExplanation {
    return whyWaiting(this.core, contactId);
  }

  /** A waiting contact's place in line and estimated wait (SPEC RT6); undefined if not in line. */
  placeInLine(contactId: string): PlaceInLine | undefined {
    return placeInLine(this.core, contactId);
  }

  /** A canonical, JSON-ready picture of the whole state; equal states give equal snapshots. */
  inspect(): EngineSnapshot {
    return inspect(this.core);
  }

  /** Sizes of the indexes, for benchmarks and capacity planning. */
  metrics(): {
    agents: number;
    queues: number;
    sites: number;
    activeContacts: number;
    pools: number;
    profiles: number;
    /** Bucket table rows ever allocated (rows of dropped buckets are reused). */
    bucketRows: number;
    decisions: number;
    headsWeighed: number;
  } {
    const core = this.core;
    return {
      agents: core.agents.size,
      queues: core.queues.size,
      sites: core.sites.size,
      activeContacts: core.contacts.size,
      pools: core.topology.poolCount,
      profiles: core.topology.profileCount,
      bucketRows: core.topology.bucketTable.size,
      decisions: core.decisions,
      headsWeighed: core.headsWeighed,
    };
  }
}
