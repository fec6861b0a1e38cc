import type { EngineEvent } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import { QueueKpis } from './queue-kpis.ts';

let seq = 0;
const at = (body: object): EngineEvent => ({ ...body, seq: ++seq, atMs: 0 }) as EngineEvent;
const queued = (id: string, reason = 'arrival') =>
  at({ type: 'contactQueued', contactId: id, queueId: 'q', reason, position: 1 });
const connected = (id: string, waitMs: number) =>
  at({
    type: 'contactConnected',
    contactId: id,
    queueId: 'q',
    agentId: 'a',
    channel: 'voice',
    waitMs,
    ringMs: 0,
  });
const abandoned = (id: string, waitMs: number) =>
  at({ type: 'contactAbandoned', contactId: id, queueId: 'q', waitMs, position: 1 });
const ended = (id: string, talkMs: number, holdMs: number) =>
  at({ type: 'contactEnded', contactId: id, queueId: 'q', agentId: 'a', talkMs, holdMs });
const completed = (id: string, wrapMs: number) =>
  at({ type: 'contactCompleted', contactId: id, queueId: 'q', agentId: 'a', wrapMs });

describe('QueueKpis', () => {
  it("computes offered, SL 'offered' = ans(T) / (ans + ab − short), ASA and AHT", () => {
    const kpis = new QueueKpis(['q', 'empty']);
    kpis.observe([
      ...['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => queued(id)),
      queued('c1', 'requeue'), // a declined offer is the same contact
      connected('c1', 10_000),
      connected('c2', 30_000),
      connected('c3', 20_000),
      abandoned('c4', 3000), // short: left out of the service level
      abandoned('c5', 60_000),
      ended('c1', 100_000, 20_000),
      completed('c1', 30_000),
      ended('c2', 200_000, 0),
      completed('c2', 10_000),
    ]);
    const [q, empty, all] = kpis.rows();
    expect(q).toMatchObject({
      queueId: 'q',
      offered: 5,
      answered: 3,
      abandoned: 2,
      shortAbandoned: 1,
      answeredWithinThreshold: 2,
      handled: 2,
    });
    expect(q?.serviceLevel).toBeCloseTo(2 / (3 + 2 - 1), 9);
    expect(q?.asaSeconds).toBeCloseTo(20, 9);
    expect(q?.ahtSeconds).toBeCloseTo((150 + 210) / 2, 9);
    expect(empty).toMatchObject({
      offered: 0,
      serviceLevel: null,
      asaSeconds: null,
      ahtSeconds: null,
    });
    expect(all).toMatchObject({ queueId: 'all', offered: 5, answered: 3, handled: 2 });
  });
});
