import { describe, expect, it } from 'vitest';
import { makeApiKey, makeCommands, makeEvents, makeUser } from './builders.ts';
import type { ContractContext } from './store-contract.ts';

const at = '2026-03-02T10:00:00.000Z';

/** Tenant A with one of everything; tenant B, empty, must see none of it. */
async function twoTenants({ store, tenant }: ContractContext) {
  const [a, b] = [await tenant(), await tenant()];
  await store.putConfig(a, 'agent', 'a1', { siteId: 'paris' });
  const user = await store.createUser(makeUser(a));
  const key = await store.createApiKey(makeApiKey(a));
  await store.appendLog(a, {
    commands: makeCommands(1, 2),
    events: makeEvents(1, 2),
    idempotency: [{ key: 'idem', requestHash: 'h', status: 200, body: {} }],
  });
  await store.saveSnapshot(a, { commandSeq: 2, eventSeq: 2, atMs: 2, state: {} });
  const entry = await store.appendAudit(a, { actor: 'u', action: 'x', target: 'y', details: {} });
  await store.enqueueDeliveries(a, [{ webhookId: 'w', eventSeq: 1, nextAttemptAt: at }]);
  const [delivery] = await store.dueDeliveries(a, at, 1);
  if (delivery === undefined) throw new Error('a delivery expected');
  return { a, b, user, key, entry, delivery };
}

export function describeIsolationContract(context: () => ContractContext): void {
  describe('tenant isolation', () => {
    it('shows tenant B none of tenant A’s configuration, users, log, snapshots, audit or deliveries', async () => {
      const { store } = context();
      const { b, user, key } = await twoTenants(context());
      expect(await store.listConfig(b, 'agent')).toEqual([]);
      expect(await store.getConfig(b, 'agent', 'a1')).toBeUndefined();
      expect(await store.getUser(b, user.id)).toBeUndefined();
      expect(await store.listUsers(b)).toEqual([]);
      expect(await store.listApiKeys(b)).toEqual([]);
      expect(await store.readCommands(b, 0, 100)).toEqual([]);
      expect(await store.readEvents(b, {})).toEqual([]);
      expect(await store.lastSeqs(b)).toEqual({ command: 0, event: 0 });
      expect(await store.getIdempotent(b, 'idem')).toBeUndefined();
      expect(await store.latestSnapshot(b)).toBeUndefined();
      expect(await store.listAudit(b, 0, 100)).toEqual([]);
      expect(await store.dueDeliveries(b, at, 100)).toEqual([]);
      expect(await store.listDeliveries(b, 'w', 100)).toEqual([]);
      expect(key.tenantId).not.toBe(b);
    });

    it('lets tenant B change nothing of tenant A’s', async () => {
      const { store } = context();
      const { a, b, user, key, delivery } = await twoTenants(context());
      expect(await store.deleteConfig(b, 'agent', 'a1')).toBe(false);
      await store.putConfig(b, 'agent', 'a1', { siteId: 'lyon' });
      await store.setPassword(b, user.id, 'hijacked');
      await store.recordLoginFailure(b, user.id, at);
      expect(await store.revokeApiKey(b, key.id, at)).toBe(false);
      await store.recordDeliveryAttempt(b, delivery.id, {
        status: 'failed',
        nextAttemptAt: at,
        at,
      });
      // B's own log starts at 1, whatever A's holds.
      await store.appendLog(b, { commands: makeCommands(1, 1), events: makeEvents(1, 1) });

      expect(await store.getConfig(a, 'agent', 'a1')).toMatchObject({
        version: 1,
        data: { siteId: 'paris' },
      });
      expect(await store.getUser(a, user.id)).toEqual(user);
      expect(await store.getApiKey(key.id)).toEqual(key);
      expect(await store.dueDeliveries(a, at, 10)).toEqual([delivery]);
      expect(await store.lastSeqs(a)).toEqual({ command: 2, event: 2 });
    });
  });
}
