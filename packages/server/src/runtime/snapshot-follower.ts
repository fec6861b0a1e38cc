// Snapshots are made by following the durable log, not by stopping the live engine: taking a
// checkpoint of a large network holds a thread for a good fraction of a second, so this runs on a
// worker thread of its own (snapshot-worker.ts). It rebuilds each tenant's engine from its latest
// snapshot and the commands logged since, and saves a new snapshot once enough have piled up.
// A snapshot made this way holds only durable commands, by construction.
import type { EngineOptions } from '@relais/engine';
import type { Store } from '@relais/store';
import { SNAPSHOT_EVERY_COMMANDS, takeSnapshot } from './snapshots.ts';
import { replayLog } from './tenant-runtime.ts';

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

  constructor(
    private readonly store: Store,
    private readonly options: FollowerOptions = {},
  ) {}

  async pass(): Promise<FollowResult[]> {
    const results: FollowResult[] = [];
    for (const tenant of await this.store.listTenants()) {
      try {
        const saved = await this.follow(tenant.id);
        if (saved !== undefined) results.push({ tenantId: tenant.id, saved });
      } catch (error) {
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
    if (end.command - latest < every) return undefined;
    const started = performance.now();
    const { engine, directory, commandSeq, recovery } = await replayLog(tenantId, this.store, {
      until: end,
      ...(this.options.engine === undefined ? {} : { engine: this.options.engine }),
    });
    await this.store.saveSnapshot(tenantId, takeSnapshot(engine, directory, commandSeq));
    this.known.set(tenantId, commandSeq);
    const saved = { commandSeq, ms: Math.round(performance.now() - started) };
    return recovery.snapshotSkipped === undefined
      ? saved
      : { ...saved, snapshotSkipped: recovery.snapshotSkipped };
  }
}
