// One writer per store (packages/store/SPEC.md, SL6–SL8): `relais serve` and `relais import`
// hold the store's lease while they write, renewing it on a timer. The server's engine, phone
// book and claims index assume nobody else writes the store; the lease makes that true.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DEFAULT_LEASE_TTL_MS, type Store, type StoreLease } from '@relais/store';

/** The store is held by another live process: `heldBy` says which. */
export class StoreInUse extends Error {
  override readonly name = 'StoreInUse';
  constructor(
    readonly heldBy: StoreLease,
    readonly nowMs: number,
  ) {
    super(`the store is in use by ${describeHolder(heldBy, nowMs)}`);
  }
}

export interface LeaseOptions {
  /** Named in the refusals others get: 'relais serve', 'relais import'. */
  purpose: string;
  /** How long the lease outlives its last renewal (default 15 s). */
  ttlMs?: number;
  /** Default: a third of `ttlMs` (5 s), so two renewals may fail before it expires. */
  renewEveryMs?: number;
  now?: () => number;
  host?: string;
  pid?: number;
  /** Whether a process of this host runs (default: signal 0). */
  isRunning?: (pid: number) => boolean;
  /** Another process took the lease over (this one slept or lost the database past expiry). */
  onLost: (heldBy: StoreLease | undefined) => void;
  /** A renewal failed (database unreachable): the timer tries again. */
  onRenewError: (error: unknown) => void;
}

export interface HeldLease {
  readonly lease: StoreLease;
  /** Renews now (the timer calls it); false once the lease is lost or released. */
  renew(): Promise<boolean>;
  /** Stops renewing and frees the lease: the next process starts at once. */
  release(): Promise<void>;
}

/** `process.kill(pid, 0)`: no signal sent, only whether the process exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** "relais serve (pid 41 on host web-1) since …, last heartbeat 2 s ago". */
export function describeHolder(lease: StoreLease, nowMs: number): string {
  const ago = Math.max(0, Math.round((nowMs - lease.heartbeatAtMs) / 1000));
  return (
    `${lease.purpose} (pid ${lease.pid} on host ${lease.host}) since ` +
    `${new Date(lease.startedAtMs).toISOString()}, last heartbeat ${ago} s ago`
  );
}

/**
 * Takes the store's lease and renews it until released; throws StoreInUse when another live
 * process holds it. A holder on this host whose process is gone (killed, crashed) is replaced
 * at once rather than after its expiry.
 */
export async function holdStoreLease(store: Store, options: LeaseOptions): Promise<HeldLease> {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const holder = {
    holderId: randomUUID(),
    purpose: options.purpose,
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
  };
  let attempt = await store.takeLease(holder, { nowMs: now(), ttlMs });
  if (!attempt.taken) {
    const { heldBy } = attempt;
    const alive = options.isRunning ?? isRunning;
    // Same pid on this host: this very process (another server in it), which is alive.
    const gone = heldBy.host === holder.host && heldBy.pid !== holder.pid && !alive(heldBy.pid);
    if (gone) {
      attempt = await store.takeLease(holder, { nowMs: now(), ttlMs, replacing: heldBy.holderId });
    }
  }
  if (!attempt.taken) throw new StoreInUse(attempt.heldBy, now());

  let stopped = false;
  let renewing: Promise<boolean> | undefined;
  const renewOnce = async (): Promise<boolean> => {
    try {
      const renewed = await store.renewLease(holder.holderId, { nowMs: now(), ttlMs });
      if (renewed !== undefined || stopped) return !stopped;
      stopped = true;
      clearInterval(timer);
      options.onLost(await store.readLease().catch(() => undefined));
      return false;
    } catch (error) {
      options.onRenewError(error);
      return !stopped;
    }
  };
  const renew = (): Promise<boolean> => {
    if (stopped) return Promise.resolve(false);
    // One renewal at a time: a slow database must not pile them up.
    renewing ??= renewOnce().finally(() => (renewing = undefined));
    return renewing;
  };
  const timer = setInterval(() => void renew(), options.renewEveryMs ?? ttlMs / 3);
  timer.unref();
  return {
    lease: attempt.lease,
    renew,
    async release() {
      stopped = true;
      clearInterval(timer);
      await renewing;
      await store.releaseLease(holder.holderId);
    },
  };
}
