// The live dialer's events → the store (issue 8): each runtime output becomes store writes, queued
// and written in order, one transaction per flush, off the engine's path. A batch that fails for
// a passing reason is retried, backing off (nothing dropped); one the store refuses for good is
// split until the refused writes are found: they are set aside and reported, the others written.
import type { RuntimeEvent } from '@relais/dialer';
import { refusedForGood, type DialerWrite, type Store } from '@relais/store';
import type { Scheduler } from './scheduler.ts';

/** The first retry's delay; each failure in a row doubles it, up to RETRY_CAP_MS. */
export const RETRY_MS = 1_000;
export const RETRY_CAP_MS = 60_000;
/** Writes per transaction: a long backlog is written in slices. */
const BATCH = 2_000;

export interface WriterHooks {
  /** A batch failed for a passing reason; it is tried again in `retryMs`. */
  readonly onError: (error: unknown, pending: number, retryMs: number) => void;
  /** The store refused this write for good: it is set aside, the writes after it go on. */
  readonly onRejected: (write: DialerWrite, campaignId: string, error: unknown) => void;
  readonly onWritten?: (writes: number) => void;
}

/** Writes still wait for the store (a passing failure): what reads the store now reads it stale. */
export class HistoryNotWritten extends Error {
  constructor(pending: number, lastError: string | undefined) {
    super(`${pending} lead history writes wait for the store (${lastError ?? 'writer closed'})`);
    this.name = 'HistoryNotWritten';
  }
}

/** A write waiting in the queue, with the campaign whose events made it. */
interface QueuedWrite {
  readonly campaignId: string;
  readonly write: DialerWrite;
}

/** What the writer remembers of a call until its outcome is written. */
interface PlacedCall {
  readonly atMs: number;
  readonly agentId?: string;
}

/** The store writes of a batch of runtime events (the placement time is the attempt's time). */
export function writesOf(
  events: readonly RuntimeEvent[],
  placed: Map<string, PlacedCall>,
  createdBy: string,
): DialerWrite[] {
  const writes: DialerWrite[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'attemptPlaced':
        placed.set(event.callId, {
          atMs: event.atMs,
          ...(event.agentId === undefined ? {} : { agentId: event.agentId }),
        });
        writes.push({ kind: 'blocking', leadId: event.leadId });
        break;
      case 'attemptOutcome': {
        const call = placed.get(event.callId);
        placed.delete(event.callId);
        const agentId = event.agentId ?? call?.agentId;
        writes.push({
          kind: 'attempt',
          callId: event.callId,
          leadId: event.leadId,
          atMs: call?.atMs ?? event.atMs,
          outcome: event.outcome,
          ringSeconds: event.ringMs / 1000,
          ...(agentId === undefined ? {} : { agentId }),
        });
        break;
      }
      case 'dispositionApplied':
        writes.push({
          kind: 'disposition',
          callId: event.callId,
          leadId: event.leadId,
          dispositionId: event.dispositionId,
          flag: event.flag,
          ...(event.agentId === undefined ? {} : { agentId: event.agentId }),
          ...(event.talkMs === undefined ? {} : { talkSeconds: event.talkMs / 1000 }),
        });
        break;
      case 'leadStateChanged':
        writes.push({
          kind: 'leadState',
          leadId: event.leadId,
          state: event.to,
          ...(event.nextAt === undefined || event.to === 'done' ? {} : { nextAtMs: event.nextAt }),
        });
        break;
      case 'leadBlocked':
        writes.push({
          kind: 'blocking',
          leadId: event.leadId,
          blockedBy: event.reason,
          dialableAtMs: event.dialableAt,
        });
        break;
      case 'callbackScheduled':
        writes.push({
          kind: 'callback',
          leadId: event.leadId,
          atMs: event.dueAtMs,
          ...(event.agentId === undefined ? {} : { agentId: event.agentId }),
          createdBy: event.agentId === undefined ? createdBy : `agent:${event.agentId}`,
        });
        break;
    }
  }
  return writes;
}

/** One tenant's queue of dialer writes. */
export class LeadWriter {
  private queue: QueuedWrite[] = [];
  private running: Promise<void> | undefined;
  private retry: (() => void) | undefined;
  private retryMs = RETRY_MS;
  private closed = false;
  /** The last write failure while writes are pending, for the figures. */
  lastError: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly tenantId: string,
    private readonly scheduler: Scheduler,
    private readonly clock: () => number,
    private readonly hooks: WriterHooks,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  push(campaignId: string, writes: readonly DialerWrite[]): void {
    if (writes.length === 0) return;
    for (const write of writes) this.queue.push({ campaignId, write });
    if (this.retry === undefined) this.kick();
  }

  /** Resolves when every write queued so far is written (or the writer is closed). */
  async drained(): Promise<void> {
    while (this.running !== undefined || (this.queue.length > 0 && !this.closed)) {
      if (this.running === undefined) {
        if (this.retry !== undefined) return; // waiting to retry: not drained, but not hanging
        this.kick();
      }
      await this.running;
    }
  }

  /**
   * Resolves once every write queued so far is stored or set aside; throws HistoryNotWritten when
   * some wait for a retry.
   */
  async written(): Promise<void> {
    await this.drained();
    if (this.queue.length > 0) throw new HistoryNotWritten(this.queue.length, this.lastError);
  }

  /** Writes what is queued (one last attempt), then stops. */
  async close(): Promise<void> {
    this.retry?.();
    this.retry = undefined;
    await this.drained();
    this.closed = true;
  }

  private kick(): void {
    if (this.running !== undefined || this.closed) return;
    this.running = this.flush().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0 && this.retry === undefined && !this.closed) this.kick();
    });
  }

  private async flush(): Promise<void> {
    try {
      await this.writeHead(Math.min(BATCH, this.queue.length));
      this.lastError = undefined;
      this.retryMs = RETRY_MS;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      const retryMs = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, RETRY_CAP_MS);
      this.hooks.onError(error, this.queue.length, retryMs);
      if (this.closed) return;
      this.retry = this.scheduler.at(this.clock() + retryMs, () => {
        this.retry = undefined;
        this.kick();
      });
    }
  }

  /**
   * Writes the first `count` queued writes, in order, each piece taken off the queue once
   * stored. A piece refused for good is halved until the refused writes stand alone; they are
   * set aside. A passing failure is thrown: what is still queued is tried again later.
   */
  private async writeHead(count: number): Promise<void> {
    const pieces = [count]; // lengths of the pieces still to write, the next one last
    for (let length = pieces.pop(); length !== undefined; length = pieces.pop()) {
      if (length === 0) continue;
      const piece = this.queue.slice(0, length);
      try {
        await this.store.writeDialerBatch(
          this.tenantId,
          piece.map((queued) => queued.write),
        );
      } catch (error) {
        if (!refusedForGood(error)) throw error;
        const [only] = piece;
        if (length === 1 && only !== undefined) {
          this.queue.shift();
          this.hooks.onRejected(only.write, only.campaignId, error);
          continue;
        }
        const first = Math.ceil(length / 2);
        pieces.push(length - first, first);
        continue;
      }
      this.queue.splice(0, length);
      this.hooks.onWritten?.(length);
    }
  }
}
