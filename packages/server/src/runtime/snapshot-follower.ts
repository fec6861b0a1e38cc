// Snapshots are made by following the durable log, not by stopping the live engine: taking a
// checkpoint of a large network holds a thread for a good fraction of a second, so this runs on a
// worker thread of its own (snapshot-worker.ts). It rebuilds each tenant's engine once, from its
// latest snapshot and the log, then keeps it and applies what each pass finds newly logged; it
// saves a new snapshot once enough commands have piled up.
// A snapshot made this way holds only durable commands, by construction.
import type { EngineOptions } from '@relais/engine';
import type { Store } from '@relais/store';
import { SNAPSHOT_EVERY_COMMANDS, takeSnapshot } from './snapshots.ts';
import { replayCommands, replayLog, type ReplayedState } from './tenant-runtime.ts';

export interface FollowerOptions {
  /** A new snapshot once this many commands were logged after the latest (default 50,000). */
  every?: number;
  engine?: EngineOptions;
}

export type FollowResult =
  | { tenantId: string; saved: { commandSeq: number; ms: number; snapshotSkipped?: string } }
  | { tenantId: string; error: string };

/**
 * One pass over every tenant: a snapshot for each whose log grew by `every` commands since its
 * latest. Tenants are independent: one whose log cannot be replayed is reported, not fatal.
 */
export class SnapshotFollower {
  /** The latest snapshot's command seq per tenant, as far as this follower knows. */
  private readonly known = new Map<string, number>();
  /**
   * Each tenant's engine as the previous pass left it: a pass applies only the commands logged
   * since, a few thousand, instead of restoring the latest snapshot and replaying up to
   * `every` commands each time (a second of CPU every few seconds under load, on a machine
   * whose cores also serve the requests).
   */
  private readonly followed = new Map<string, ReplayedState>();

  constructor(
    private readonly store: Store,
    private readonly options: FollowerOptions = {},
  ) {}

  private running: Promise<unknown> = Promise.resolve();

  /** One pass; passes run one after another (each moves the engines the follower keeps). */
  pass(): Promise<FollowResult[]> {
    const next = this.running.then(() => this.passNow());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async passNow(): Promise<FollowResult[]> {
    const results: FollowResult[] = [];
    for (const tenant of await this.store.listTenants()) {
      try {
        const saved = await this.follow(tenant.id);
        if (saved !== undefined) results.push({ tenantId: tenant.id, saved });
      } catch (error) {
        // Rebuilt from the log on the next pass, rather than trusted.
        this.followed.delete(tenant.id);
        results.push({ tenantId: tenant.id, error: String(error) });
      }
    }
    return results;
  }

  private async follow(
    tenantId: string,
  ): Promise<{ commandSeq: number; ms: number; snapshotSkipped?: string } | undefined> {
    const every = this.options.every ?? SNAPSHOT_EVERY_COMMANDS;
    const end = await this.store.lastSeqs(tenantId);
    let latest = this.known.get(tenantId);
    if (latest === undefined) {
      latest = (await this.store.latestSnapshot(tenantId))?.commandSeq ?? 0;
      this.known.set(tenantId, latest);
    }
    const started = performance.now();
    let state = this.followed.get(tenantId);
    let snapshotSkipped: string | undefined;
    if (state === undefined) {
      // First pass: rebuilt from the latest snapshot and the log after it.
      const replayed = await replayLog(tenantId, this.store, {
        until: end,
        ...(this.options.engine === undefined ? {} : { engine: this.options.engine }),
      });
      state = replayed;
      snapshotSkipped = replayed.recovery.snapshotSkipped;
    } else if (end.command > state.commandSeq) {
      state.commandSeq = await replayCommands(tenantId, this.store, state, end);
      if (state.commandSeq !== end.command || state.engine.seq !== end.event) {
        // pass() forgets the engine on any error: the next pass rebuilds it.
        throw new Error(
          `tenant ${tenantId}: following the log reached command ${state.commandSeq} and event ${state.engine.seq}, the log has ${end.command} and ${end.event}; rebuilt on the next pass`,
        );
      }
    }
    this.followed.set(tenantId, state);
    if (state.commandSeq - latest < every) return undefined;
    const { engine, directory, commandSeq } = state;
    await this.store.saveSnapshot(tenantId, takeSnapshot(engine, directory, commandSeq));
    this.known.set(tenantId, commandSeq);
    const saved = { commandSeq, ms: Math.round(performance.now() - started) };
    return snapshotSkipped === undefined ? saved : { ...saved, snapshotSkipped };
  }
}
