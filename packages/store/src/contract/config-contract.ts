import { describe, expect, it } from 'vitest';
import { CONFIG_KINDS, type ConfigKind } from '../port.ts';
import { uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

export function describeConfigContract(context: () => ContractContext): void {
  describe('configuration', () => {
    it('creates at version 1, replaces at version + 1, keeping createdAt', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const created = await store.putConfig(tenantId, 'queue', 'q-fr', { name: 'FR', slaSec: 20 });
      expect(created).toMatchObject({ id: 'q-fr', version: 1, data: { name: 'FR', slaSec: 20 } });
      clock.advance(60_000);
      const replaced = await store.putConfig(tenantId, 'queue', 'q-fr', { name: 'FR 2' });
      expect(replaced).toEqual({
        id: 'q-fr',
        version: 2,
        data: { name: 'FR 2' },
        createdAt: created.createdAt,
        updatedAt: clock.now().toISOString(),
      });
      expect(await store.getConfig(tenantId, 'queue', 'q-fr')).toEqual(replaced);
    });

    it('keeps every kind in its own table', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      for (const kind of CONFIG_KINDS) await store.putConfig(tenantId, kind, 'same-id', { kind });
      for (const kind of CONFIG_KINDS) {
        const records = await store.listConfig(tenantId, kind);
        expect(records.map((record) => record.data)).toEqual([{ kind }]);
      }
    });

    it('lists by id, paged with after and limit', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      for (const id of ['c', 'a', 'e', 'b', 'd']) {
        await store.putConfig(tenantId, 'skill', id, { id });
      }
      const ids = async (page: { after?: string; limit?: number }) =>
        (await store.listConfig(tenantId, 'skill', page)).map((record) => record.id);
      expect(await ids({})).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await ids({ limit: 2 })).toEqual(['a', 'b']);
      expect(await ids({ after: 'b', limit: 2 })).toEqual(['c', 'd']);
      expect(await ids({ after: 'e' })).toEqual([]);
      expect(await ids({ limit: 0 })).toEqual([]);
    });

    it('keeps data as JSON: nesting, arrays, unicode, null', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const data = { name: 'Agent «Zoé»', skills: { fr: 8, en: 3 }, tags: ['a', null], on: true };
      await store.putConfig(tenantId, 'agent', 'zoe', data);
      expect((await store.getConfig(tenantId, 'agent', 'zoe'))?.data).toEqual(data);
    });

    it('checks expectedVersion: 0 means absent, otherwise the stored version', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.putConfig(tenantId, 'site', 'paris', { v: 1 }, { expectedVersion: 0 });
      await expectStoreError(
        store.putConfig(tenantId, 'site', 'paris', { v: 2 }, { expectedVersion: 0 }),
        'VersionConflict',
      );
      await expectStoreError(
        store.putConfig(tenantId, 'site', 'paris', { v: 2 }, { expectedVersion: 2 }),
        'VersionConflict',
      );
      await expectStoreError(
        store.putConfig(tenantId, 'site', 'lyon', { v: 1 }, { expectedVersion: 1 }),
        'VersionConflict',
      );
      const next = await store.putConfig(
        tenantId,
        'site',
        'paris',
        { v: 2 },
        { expectedVersion: 1 },
      );
      expect(next.version).toBe(2);
      expect((await store.getConfig(tenantId, 'site', 'paris'))?.data).toEqual({ v: 2 });
      expect(await store.getConfig(tenantId, 'site', 'lyon')).toBeUndefined();
    });

    it('lets one of two concurrent writers of the same version win', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.putConfig(tenantId, 'client', 'acme', { n: 0 });
      const outcomes = await Promise.allSettled(
        [1, 2].map((n) =>
          store.putConfig(tenantId, 'client', 'acme', { n }, { expectedVersion: 1 }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: 'VersionConflict' });
      expect((await store.getConfig(tenantId, 'client', 'acme'))?.version).toBe(2);
    });

    it('deletes, saying whether there was a row', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.putConfig(tenantId, 'disposition', 'sold', { label: 'Sold' });
      expect(await store.deleteConfig(tenantId, 'disposition', 'sold')).toBe(true);
      expect(await store.deleteConfig(tenantId, 'disposition', 'sold')).toBe(false);
      expect(await store.getConfig(tenantId, 'disposition', 'sold')).toBeUndefined();
    });

    it('refuses an unknown tenant, an unknown kind and data JSON cannot hold', async () => {
      const { store, tenant } = context();
      await expectStoreError(
        store.putConfig(uniqueId('ghost'), 'site', 'paris', {}),
        'UnknownTenant',
      );
      const tenantId = await tenant();
      const bogus = 'robot' as ConfigKind;
      await expect(store.putConfig(tenantId, bogus, 'r', {})).rejects.toThrow(
        /unknown configuration kind/,
      );
      await expect(store.listConfig(tenantId, bogus)).rejects.toThrow(RangeError);
      await expect(store.putConfig(tenantId, 'site', 'x', undefined)).rejects.toThrow(TypeError);
      expect(await store.listConfig(tenantId, 'site')).toEqual([]);
    });
  });
}
