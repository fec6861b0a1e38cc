import { describe, expect, it } from 'vitest';
import { uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

const snapshot = (commandSeq: number) => ({
  commandSeq,
  eventSeq: commandSeq * 3,
  atMs: commandSeq * 1_000,
  state: { agents: [{ id: 'a1', state: 'idle' }], at: commandSeq },
});

export function describeOperationsContract(context: () => ContractContext): void {
  describe('snapshots', () => {
    it('returns the snapshot at the highest command seq', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      expect(await store.latestSnapshot(tenantId)).toBeUndefined();
      for (const seq of [10, 30, 20]) await store.saveSnapshot(tenantId, snapshot(seq));
      expect(await store.latestSnapshot(tenantId)).toEqual(snapshot(30));
    });

    it('replaces a snapshot saved again at the same command seq', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.saveSnapshot(tenantId, snapshot(5));
      const again = { ...snapshot(5), eventSeq: 99, state: { redone: true } };
      await store.saveSnapshot(tenantId, again);
      expect(await store.latestSnapshot(tenantId)).toEqual(again);
      await expectStoreError(store.saveSnapshot(uniqueId('ghost'), snapshot(1)), 'UnknownTenant');
    });
  });

  describe('audit log', () => {
    it('appends entries with growing ids and lists them after an id', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const entries = [];
      for (const action of ['agent.create', 'agent.update', 'queue.delete']) {
        const details = { action, fields: ['name'] };
        entries.push(
          await store.appendAudit(tenantId, { actor: 'u1', action, target: 'a1', details }),
        );
      }
      expect(entries[0]).toMatchObject({ at: clock.now().toISOString(), actor: 'u1' });
      const ids = entries.map((entry) => entry.id);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(await store.listAudit(tenantId, 0, 100)).toEqual(entries);
      expect(await store.listAudit(tenantId, ids[0] ?? 0, 1)).toEqual([entries[1]]);
      await expectStoreError(
        store.appendAudit(uniqueId('ghost'), {
          actor: 'system',
          action: 'x',
          target: 'y',
          details: {},
        }),
        'UnknownTenant',
      );
    });
  });

  describe('webhook deliveries', () => {
    const t = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00.000Z`;

    it('queues one delivery per webhook and event, due oldest first', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.enqueueDeliveries(tenantId, [
        { webhookId: 'w1', eventSeq: 1, nextAttemptAt: t(5) },
        { webhookId: 'w1', eventSeq: 2, nextAttemptAt: t(1) },
        { webhookId: 'w2', eventSeq: 1, nextAttemptAt: t(3) },
        { webhookId: 'w1', eventSeq: 1, nextAttemptAt: t(0) },
      ]);
      await store.enqueueDeliveries(tenantId, [
        { webhookId: 'w1', eventSeq: 2, nextAttemptAt: t(0) },
      ]);
      const due = await store.dueDeliveries(tenantId, t(4), 10);
      expect(due.map((d) => [d.webhookId, d.eventSeq, d.nextAttemptAt])).toEqual([
        ['w1', 2, t(1)],
        ['w2', 1, t(3)],
      ]);
      expect(due[0]).toMatchObject({ attempts: 0, status: 'pending' });
      expect(due[0]).not.toHaveProperty('lastStatusCode');
      expect(await store.dueDeliveries(tenantId, t(59), 1)).toHaveLength(1);
    });

    it('records attempts: a retry stays pending, a delivered one is no longer due', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.enqueueDeliveries(tenantId, [
        { webhookId: 'w', eventSeq: 1, nextAttemptAt: t(0) },
        { webhookId: 'w', eventSeq: 2, nextAttemptAt: t(0) },
      ]);
      const [first, second] = await store.dueDeliveries(tenantId, t(0), 10);
      if (first === undefined || second === undefined) throw new Error('two deliveries expected');
      await store.recordDeliveryAttempt(tenantId, first.id, {
        status: 'pending',
        nextAttemptAt: t(10),
        statusCode: 503,
        error: 'Service Unavailable',
        at: t(1),
      });
      await store.recordDeliveryAttempt(tenantId, second.id, {
        status: 'delivered',
        nextAttemptAt: t(1),
        statusCode: 200,
        at: t(1),
      });
      expect(await store.dueDeliveries(tenantId, t(5), 10)).toEqual([]);
      const listed = await store.listDeliveries(tenantId, 'w', 10);
      expect(listed).toEqual([
        {
          ...second,
          attempts: 1,
          status: 'delivered',
          nextAttemptAt: t(1),
          lastStatusCode: 200,
          updatedAt: t(1),
        },
        {
          ...first,
          attempts: 1,
          nextAttemptAt: t(10),
          lastStatusCode: 503,
          lastError: 'Service Unavailable',
          updatedAt: t(1),
        },
      ]);
      expect(await store.dueDeliveries(tenantId, t(10), 10)).toEqual([listed[1]]);
    });

    it('refuses deliveries for an unknown tenant', async () => {
      const { store } = context();
      const delivery = { webhookId: 'w', eventSeq: 1, nextAttemptAt: t(0) };
      await expectStoreError(
        store.enqueueDeliveries(uniqueId('ghost'), [delivery]),
        'UnknownTenant',
      );
    });
  });
}
