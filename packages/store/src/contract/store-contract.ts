// The conformance suite every Store adapter runs (sqlite.test.ts, postgres.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreErrorCode } from '../errors.ts';
import type { Store } from '../port.ts';
import { describeAuthContract } from './auth-contract.ts';
import { describeCampaignsContract } from './campaigns-contract.ts';
import { makeClock, makeTenant, type TestClock } from './builders.ts';
import { describeConfigContract } from './config-contract.ts';
import { describeDeskContract } from './desk-contract.ts';
import { describeDialerValuesContract } from './dialer-values-contract.ts';
import { describeIsolationContract } from './isolation-contract.ts';
import { describeLeaseContract } from './lease-contract.ts';
import { describeLeadStagingContract } from './lead-staging-contract.ts';
import { describeLogContract } from './log-contract.ts';
import { describeOperationsContract } from './operations-contract.ts';
import { describePlanningContract } from './planning-contract.ts';
import { describeReportsContract } from './reports-contract.ts';

export interface ContractContext {
  store: Store;
  clock: TestClock;
  /** A new tenant, stored. */
  tenant: () => Promise<string>;
}

/** Passes when `promise` rejects with a StoreError of this code. */
export async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode) {
  await expect(promise).rejects.toMatchObject({ name: 'StoreError', code });
}

/**
 * Runs the contract against one adapter. `open` makes a store on an empty (or reused) database;
 * tests share it and keep apart by using fresh tenants and names.
 */
export function describeStoreContract(name: string, open: (now: () => Date) => Store): void {
  describe(`${name} conforms to the Store port`, () => {
    const clock = makeClock();
    let store: Store | undefined;
    const context: () => ContractContext = () => {
      if (store === undefined) throw new Error('store not opened');
      const opened = store;
      return {
        store: opened,
        clock,
        tenant: async () => (await opened.createTenant(makeTenant())).id,
      };
    };

    beforeAll(async () => {
      store = open(clock.now);
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('lifecycle and tenants', () => {
      it('answers ping and migrates again as a no-op', async () => {
        const { store, tenant } = context();
        const tenantId = await tenant();
        await store.ping();
        await store.migrate();
        expect(await store.getTenant(tenantId)).toBeDefined();
      });

      it('creates, gets and lists tenants, stamped by the clock', async () => {
        const { store } = context();
        clock.advance(1_000);
        const tenant = await store.createTenant({ id: makeTenant().id, name: 'Assurances' });
        expect(tenant).toEqual({
          ...tenant,
          name: 'Assurances',
          createdAt: clock.now().toISOString(),
        });
        expect(await store.getTenant(tenant.id)).toEqual(tenant);
        expect(await store.listTenants()).toContainEqual(tenant);
        expect(await store.getTenant('no-such-tenant')).toBeUndefined();
      });

      it('refuses a second tenant with the same id', async () => {
        const { store, tenant } = context();
        const id = await tenant();
        await expectStoreError(store.createTenant({ id, name: 'again' }), 'Duplicate');
      });
    });

    describeConfigContract(context);
    describeAuthContract(context);
    describeLogContract(context);
    describeOperationsContract(context);
    describeReportsContract(context);
    describeIsolationContract(context);
    describeDeskContract(context);
    describePlanningContract(context);
    describeCampaignsContract(context);
    describeDialerValuesContract(context);
    describeLeadStagingContract(context);
    describeLeaseContract(context);
  });
}
