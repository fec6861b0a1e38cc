// One tenant's live engine: commands in, durable events out. The engine is rebuilt at start from
// the latest snapshot and the commands logged after it (ARCHITECTURE: the log is the source of
// truth), and every step it takes afterwards is logged before anyone hears of it.
import {
  Engine,
  EngineError,
  type Command,
  type EngineEvent,
  type EngineOptions,
} from '@relais/engine';
import type { ConfigWrite, IdempotentResponse, LogBatch, LoggedEvent, Store } from '@relais/store';
import { Directory } from './directory.ts';
import { GroupCommit } from './group-commit.ts';
import { KeyFilter } from './key-filter.ts';
import { replayEntry, toLoggedEvent, type LogEntry } from './log-records.ts';
import { restoreSnapshot } from './snapshots.ts';

export type Clock = () => number;
export type EventListener = (events: readonly LoggedEvent[]) => void;
export type AppliedListener = (events: readonly EngineEvent[]) => void;

const REPLAY_PAGE = 5000;
/** Idempotency keys read per page while the key filter loads. */
const KEY_PAGE = 10_000;
/** Idempotency answers kept in memory, for requests that race the first one with their key. */
const RECENT_KEYS = 10_000;
/** SQLite commits fsync on the event loop's thread: at most ~250 a second keeps that under control. */
const SQLITE_COMMIT_INTERVAL_MS = 4;
/**
 * A PostgreSQL commit costs the server about 255 µs of CPU plus 43 µs per contact in it
 * (measured here on the relais_append_log call): at 500 contacts/s, one commit per event-loop
 * turn made ~770 commits a second, a fifth of a core; spaced by 2 ms, about half as many.
 */
const POSTGRES_COMMIT_INTERVAL_MS = 2;

export class RuntimeUnavailable extends Error {
  override readonly name = 'RuntimeUnavailable';
}

export interface RuntimeOptions {
  engine?: EngineOptions;
  clock?: Clock;
  /** Least time between two log commits (default: 4 ms on SQLite, 2 ms on PostgreSQL). */
  commitIntervalMs?: number;
  /** Told of every durable commit and how long it took (metrics). */
  onCommit?: (batch: LogBatch, commitMs: number) => void;
  /** Replay progress while recovering: the last command replayed so far. */
  onReplay?: (commandSeq: number) => void;
  /** How recovery went: from which snapshot (or why none was used), and what was replayed. */
  onRecovered?: (recovery: Recovery) => void;
  /** Start from the latest usable snapshot (default true); false replays the whole log. */
  useSnapshots?: boolean;
}

export interface Recovery {
  tenantId: string;
  /** The snapshot's last command, or 0 when the whole log was replayed. */
  fromCommandSeq: number;
  /** Commands replayed after it. */
  replayed: number;
  /** Why the latest snapshot was not used, if there was one. */
  snapshotSkipped?: string;
}

export class TenantRuntime {
  private readonly commit: GroupCommit;
  private readonly listeners = new Set<EventListener>();
  private readonly agentListeners = new Map<string, Set<EventListener>>();
  private readonly appliedListeners = new Set<AppliedListener>();
  private commandSeq: number;
  private lastNowMs: number;
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Infinity;
  private closed = false;
  /** Idempotency keys being written or answered lately (the oldest are let go past RECENT_KEYS). */
  private readonly inFlight = new Map<string, Promise<IdempotentResponse>>();
  /** Every key stored or being stored, once loaded: a key it has never seen needs no lookup. */
  private readonly keys = new KeyFilter();
  private keysLoaded = false;
  private engineOptions: EngineOptions | undefined;

  private constructor(
    readonly tenantId: string,
    private readonly store: Store,
    readonly engine: Engine,
    private readonly clock: Clock,
    commandSeq: number,
    readonly directory: Directory,
    commitIntervalMs: number,
    onCommit: RuntimeOptions['onCommit'],
  ) {
    this.commandSeq = commandSeq;
    this.lastNowMs = engine.nowMs;
    this.commit = new GroupCommit(
      store,
      tenantId,
      (batch, commitMs) => {
        onCommit?.(batch, commitMs);
        this.published(batch);
      },
      commitIntervalMs,
    );
  }

  /** Rebuilds the tenant's engine by replaying its log, then starts its timers. */
  static async open(
    tenantId: string,
    store: Store,
    options: RuntimeOptions = {},
  ): Promise<TenantRuntime> {
    const { engine, directory, commandSeq, recovery } = await replayLog(tenantId, store, options);
    options.onRecovered?.(recovery);
    const clock = options.clock ?? Date.now;
    const interval =
      options.commitIntervalMs ??
      (store.dialect === 'sqlite' ? SQLITE_COMMIT_INTERVAL_MS : POSTGRES_COMMIT_INTERVAL_MS);
    const runtime = new TenantRuntime(
      tenantId,
      store,
      engine,
      clock,
      commandSeq,
      directory,
      interval,
      options.onCommit,
    );
    runtime.engineOptions = options.engine;
    runtime.schedule();
    // In the background: until it is loaded, every key is looked up in the store.
    void runtime.loadKeys();
    return runtime;
  }

  /** Reads the stored idempotency keys into the key filter; keys written meanwhile are added too. */
  private async loadKeys(): Promise<void> {
    try {
      for (let after = ''; !this.closed;) {
        const page = await this.store.listIdempotencyKeys(this.tenantId, after, KEY_PAGE);
        for (const key of page) this.keys.add(key);
        if (page.length < KEY_PAGE) {
          this.keysLoaded = !this.closed;
          return;
        }
        after = page[page.length - 1] as string;
      }
    } catch {
      // Not loaded (the store went away, or failed): lookups keep going to the store.
    }
  }

  /** Whether creates with a new key skip the store's lookup yet (tests, metrics). */
  get keyFilterLoaded(): boolean {
    return this.keysLoaded;
  }

  /** A copy of the engine as it is now, to try changes on without touching the live one. */
  scratchEngine(): Engine {
    return Engine.restore(this.engine.checkpoint(), this.engineOptions);
  }

  /** The engine's time, never behind a time it has already seen. */
  now(): number {
    this.lastNowMs = Math.max(this.lastNowMs, this.clock());
    return this.lastNowMs;
  }

  /**
   * Applies a command and resolves with its events once they are durable. A command the engine
   * refuses rejects with its EngineError and changes nothing (timers that came due are still kept).
   */
  async execute(command: Command, with_: { config?: ConfigWrite[] } = {}): Promise<EngineEvent[]> {
    this.assertUsable();
    const { atMs, events } = this.applyNow(command);
    await this.log(command, atMs, events, undefined, with_.config);
    return events;
  }

  /**
   * Applies a command now and returns its events at once, with the promise of their durability:
   * for hosts whose own state machine must see the engine's answer in the same turn (the dialer's
   * campaign runtime asks the engine synchronously). Events reach subscribers once durable, as
   * with `execute`; a refused command throws its EngineError and changes nothing.
   */
  applyNowDurableLater(command: Command): { events: EngineEvent[]; durable: Promise<void> } {
    this.assertUsable();
    const { atMs, events } = this.applyNow(command);
    return { events, durable: this.log(command, atMs, events) };
  }

  /**
   * Runs `create` at most once per key: a repeated key gets the stored answer, a key reused with
   * another body is refused. The answer is written in the same transaction as the command.
   */
  async idempotent(
    key: string,
    requestHash: string,
    command: Command,
    answer: (events: EngineEvent[]) => { status: number; body: unknown },
  ): Promise<IdempotentResponse> {
    this.assertUsable();
    const known = this.inFlight.get(key);
    let stored =
      known !== undefined
        ? await known
        : this.keysLoaded && !this.keys.mayHave(key)
          ? undefined
          : await this.store.getIdempotent(this.tenantId, key);
    // While this read was out, a first request with the key may have started: wait for it.
    const racing = this.inFlight.get(key);
    if (stored === undefined && racing !== undefined) stored = await racing;
    if (stored !== undefined) {
      if (stored.requestHash !== requestHash) {
        throw new EngineError(
          'InvalidCommand',
          `Idempotency-Key "${key}" was already used with a different request body; use a new key`,
          { key },
        );
      }
      return stored;
    }
    const work = (async (): Promise<IdempotentResponse> => {
      const { atMs, events } = this.applyNow(command);
      const response: IdempotentResponse = { key, requestHash, ...answer(events) };
      await this.log(command, atMs, events, [response]);
      return response;
    })();
    this.inFlight.set(key, work);
    this.keys.add(key);
    // Answered keys stay here a while: a request whose store read raced this one finds them.
    work.catch(() => this.inFlight.delete(key));
    if (this.inFlight.size > RECENT_KEYS)
      this.inFlight.delete(this.inFlight.keys().next().value as string);
    return work;
  }

  /**
   * Live events after they are durable; returns the unsubscribe function. With `agentId`, only
   * the events about that agent: thousands of agent sockets then cost one map lookup per event,
   * not one filter call per socket.
   */
  subscribe(listener: EventListener, agentId?: string): () => void {
    if (agentId === undefined) {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }
    let set = this.agentListeners.get(agentId);
    if (set === undefined) this.agentListeners.set(agentId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.agentListeners.delete(agentId);
    };
  }

  /**
   * Every step's events as the engine takes it, before they are durable: for a host whose own
   * state machine must not lag the engine (the dialer: a drop must not be declared for a contact
   * an agent's command has just connected). Called synchronously, in sequence order; a listener
   * must not apply commands from inside the call (defer to a microtask). Returns the unsubscribe.
   */
  onApplied(listener: AppliedListener): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  /** True when a write failed: the engine is ahead of the log and this runtime must be replaced. */
  get failed(): boolean {
    return this.commit.failure !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.commit.drain();
  }

  /**
   * Applies a command at the current time; a refused one throws its EngineError, after logging
   * the timers that came due on the way (SPEC ERR1), or a replay would run them later.
   */
  private applyNow(command: Command): { atMs: number; events: EngineEvent[] } {
    const atMs = this.now();
    const before = this.engine.nowMs;
    const result = this.engine.apply(command, atMs);
    if (result.ok) return { atMs, events: result.events };
    if (result.events.length > 0 || this.engine.nowMs !== before) {
      void this.log({ type: 'advance' }, atMs, result.events).catch(() => undefined);
    }
    this.schedule();
    throw result.error;
  }

  private assertUsable(): void {
    if (this.closed) throw new RuntimeUnavailable(`tenant ${this.tenantId} is shutting down`);
    if (this.failed)
      throw new RuntimeUnavailable(`tenant ${this.tenantId}: the log could not be written; retry`);
  }

  private log(
    entry: LogEntry,
    atMs: number,
    events: EngineEvent[],
    idempotency?: IdempotentResponse[],
    config?: ConfigWrite[],
  ): Promise<void> {
    for (const event of events) this.directory.observe(event);
    const batch: LogBatch = {
      commands: [{ seq: ++this.commandSeq, atMs, command: entry }],
      events: events.map((event) => toLoggedEvent(event, this.directory)),
    };
    if (idempotency !== undefined) batch.idempotency = idempotency;
    if (config !== undefined) batch.config = config;
    const durable = this.commit.add(batch);
    this.schedule();
    if (events.length > 0) for (const listener of this.appliedListeners) listener(events);
    return durable;
  }

  private published(batch: LogBatch): void {
    if (batch.events.length === 0) return;
    for (const listener of this.listeners) listener(batch.events);
    if (this.agentListeners.size === 0) return;
    const byAgent = new Map<string, LoggedEvent[]>();
    for (const event of batch.events) {
      const agentId = event.refs.agentId;
      if (agentId === undefined || !this.agentListeners.has(agentId)) continue;
      let list = byAgent.get(agentId);
      if (list === undefined) byAgent.set(agentId, (list = []));
      list.push(event);
    }
    for (const [agentId, events] of byAgent) {
      for (const listener of this.agentListeners.get(agentId) ?? []) listener(events);
    }
  }

  /** Arms one timer for the engine's next deadline. */
  private schedule(): void {
    if (this.closed) return;
    const deadline = this.engine.nextDeadline();
    if (deadline === undefined) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.timerAtMs = Infinity;
      return;
    }
    if (this.timer !== undefined && deadline >= this.timerAtMs) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAtMs = deadline;
    this.timer = setTimeout(() => this.fire(), Math.max(0, deadline - this.clock()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAtMs = Infinity;
    if (this.closed || this.failed) return;
    const atMs = this.now();
    const events = this.engine.advance(atMs);
    if (events.length > 0) void this.log({ type: 'advance' }, atMs, events).catch(() => undefined);
    else this.schedule();
  }
}

/** An engine rebuilt from the log, with the directory, up to a command. */
export interface ReplayedState {
  engine: Engine;
  directory: Directory;
  commandSeq: number;
}

/**
 * Applies to `state` the commands logged after its `commandSeq`, up to `until` (the whole log
 * when absent), page by page. Returns the last command applied; `state` itself is not updated.
 */
export async function replayCommands(
  tenantId: string,
  store: Store,
  state: ReplayedState,
  until?: LogEnd,
  onReplay?: (commandSeq: number) => void,
): Promise<number> {
  const { engine, directory } = state;
  let after = state.commandSeq;
  const last = until?.command ?? Infinity;
  while (after < last) {
    const page = await store.readCommands(tenantId, after, REPLAY_PAGE);
    if (page.length === 0) break;
    for (const logged of page) {
      if (logged.seq > last) break;
      for (const event of replayEntry(engine, logged.command as LogEntry, logged.atMs)) {
        directory.observe(event);
      }
      after = logged.seq;
    }
    onReplay?.(after);
  }
  return after;
}

/** Where the log ends: what a replay must reach. */
export interface LogEnd {
  command: number;
  event: number;
}

/**
 * The tenant's engine as its log leaves it, with nothing running: what recovery starts from, and
 * a scratch copy to check changes against. It starts from the latest usable snapshot. With
 * `until`, it stops there (the log may grow meanwhile: the snapshot follower reads a live log).
 */
export async function replayLog(
  tenantId: string,
  store: Store,
  options: Pick<RuntimeOptions, 'engine' | 'onReplay' | 'useSnapshots'> & { until?: LogEnd } = {},
): Promise<{ engine: Engine; directory: Directory; commandSeq: number; recovery: Recovery }> {
  const end = options.until;
  let engine = new Engine(options.engine);
  let directory = new Directory();
  let after = 0;
  let snapshotSkipped: string | undefined;
  const snapshot =
    options.useSnapshots === false ? undefined : await store.latestSnapshot(tenantId);
  if (snapshot !== undefined && end !== undefined && snapshot.commandSeq > end.command) {
    snapshotSkipped = `it is past the end of the log (command ${snapshot.commandSeq} of ${end.command})`;
  } else if (snapshot !== undefined) {
    const restored = restoreSnapshot(snapshot, options.engine);
    if ('unusable' in restored) snapshotSkipped = restored.unusable;
    else {
      ({ engine, directory } = restored);
      after = snapshot.commandSeq;
    }
  }
  const from = after;
  after = await replayCommands(
    tenantId,
    store,
    { engine, directory, commandSeq: after },
    end,
    options.onReplay,
  );
  const logEnd = end ?? (await store.lastSeqs(tenantId));
  if (logEnd.event !== engine.seq && from > 0) {
    // The snapshot and the log disagree: the log wins.
    const full = await replayLog(tenantId, store, { ...options, useSnapshots: false });
    full.recovery.snapshotSkipped = `it does not match the log (events up to ${engine.seq}, the log has ${logEnd.event})`;
    return full;
  }
  if (logEnd.event !== engine.seq || (end !== undefined && after !== end.command)) {
    throw new Error(
      `tenant ${tenantId}: replaying ${after} commands gave events up to ${engine.seq}, the log has ${logEnd.event}`,
    );
  }
  const recovery: Recovery = { tenantId, fromCommandSeq: from, replayed: after - from };
  if (snapshotSkipped !== undefined) recovery.snapshotSkipped = snapshotSkipped;
  return { engine, directory, commandSeq: after, recovery };
}
