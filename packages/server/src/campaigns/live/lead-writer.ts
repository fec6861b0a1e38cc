// The live dialer's events → the store (issue 8): each runtime output becomes store writes, queued
// and written in order, one transaction per flush, off the engine's path. A failed write is
// logged, counted and retried (nothing dropped); the campaign's figures say so meanwhile.
import type { RuntimeEvent } from '@relais/dialer';
import type { DialerWrite, Store } from '@relais/store';
import type { Scheduler } from './scheduler.ts';

const RETRY_MS = 1_000;
/** Writes per transaction: a long backlog is written in slices. */
const BATCH = 2_000;

export interface WriterHooks {
  readonly onError: (error: unknown, pending: number) => void;
  readonly onWritten?: (writes: number) => void;
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
  private queue: DialerWrite[] = [];
  private running: Promise<void> | undefined;
  private retry: (() => void) | undefined;
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

  push(writes: readonly DialerWrite[]): void {
    if (writes.length === 0) return;
    for (const write of writes) this.queue.push(write);
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
    const batch = this.queue.slice(0, BATCH);
    try {
      await this.store.writeDialerBatch(this.tenantId, batch);
      this.queue.splice(0, batch.length);
      this.lastError = undefined;
      this.hooks.onWritten?.(batch.length);
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.hooks.onError(error, this.queue.length);
      if (this.closed) return;
      this.retry = this.scheduler.at(this.clock() + RETRY_MS, () => {
        this.retry = undefined;
        this.kick();
      });
    }
  }
}
