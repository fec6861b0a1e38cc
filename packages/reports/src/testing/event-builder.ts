// Builds engine events by hand for projection tests: the figures expected from them are then
// computed by hand too, not by the engine under test.
import type { EngineEvent, EventBody } from '@relais/engine';

/** 2026-03-02 09:00:00 UTC (a Monday), the start of most test days. */
export const NINE = Date.UTC(2026, 2, 2, 9, 0, 0);
export const MIN = 60_000;
export const SEC = 1000;

export class EventLog {
  readonly events: EngineEvent[] = [];

  /** Appends an event at `atMs` with the next sequence number. */
  at(atMs: number, body: EventBody): this {
    this.events.push({ ...body, seq: this.events.length + 1, atMs });
    return this;
  }

  queue(atMs: number, id: string, extra: Record<string, unknown> = {}): this {
    return this.at(atMs, {
      type: 'queueConfigured',
      queue: { id, clientId: 'acme', channel: 'voice', skills: {}, homeSiteId: 'rabat', ...extra },
    });
  }

  /** A contact arrives and enters `queueId`. */
  arrive(atMs: number, contactId: string, queueId = 'q1'): this {
    return this.at(atMs, {
      type: 'contactArrived',
      contactId,
      queueId,
      channel: 'voice',
      priority: 0,
    }).at(atMs, { type: 'contactQueued', contactId, queueId, reason: 'arrival', position: 1 });
  }

  connect(atMs: number, contactId: string, agentId: string, waitMs: number, queueId = 'q1'): this {
    return this.at(atMs, {
      type: 'contactConnected',
      contactId,
      queueId,
      agentId,
      channel: 'voice',
      waitMs,
      ringMs: 0,
    });
  }

  /** Talk ends at `atMs`, wrap-up lasts `wrapMs`, the contact completes. */
  finish(
    atMs: number,
    contactId: string,
    agentId: string,
    talkMs: number,
    holdMs: number,
    wrapMs: number,
    queueId = 'q1',
  ): this {
    return this.at(atMs, { type: 'contactEnded', contactId, queueId, agentId, talkMs, holdMs }).at(
      atMs + wrapMs,
      { type: 'contactCompleted', contactId, queueId, agentId, wrapMs },
    );
  }

  abandon(atMs: number, contactId: string, waitMs: number, queueId = 'q1'): this {
    return this.at(atMs, { type: 'contactAbandoned', contactId, queueId, waitMs, position: 1 });
  }

  state(atMs: number, agentId: string, from: string, to: string, reason?: string): this {
    return this.at(atMs, {
      type: 'agentStateChanged',
      agentId,
      siteId: 'rabat',
      from,
      to,
      ...(reason === undefined ? {} : { reason }),
    } as EventBody);
  }
}
