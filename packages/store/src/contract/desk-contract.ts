import { describe, expect, it } from 'vitest';
import { makeUser, uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

export function describeDeskContract(context: () => ContractContext): void {
  describe("a user's language", () => {
    it('is absent until chosen, then kept with the user, changed and forgotten', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const user = await store.createUser(makeUser(tenantId));
      expect(user).not.toHaveProperty('locale');
      expect(await store.getUser(tenantId, user.id)).not.toHaveProperty('locale');
      expect(await store.setUserLocale(tenantId, user.id, 'en')).toBe(true);
      expect(await store.getUser(tenantId, user.id)).toMatchObject({ locale: 'en' });
      expect(await store.findUserByUsername(user.username)).toMatchObject({ locale: 'en' });
      await store.setUserLocale(tenantId, user.id, 'fr');
      expect((await store.listUsers(tenantId))[0]).toMatchObject({ locale: 'fr' });
      await store.setUserLocale(tenantId, user.id, null);
      expect(await store.getUser(tenantId, user.id)).not.toHaveProperty('locale');
    });

    it('changes no user of another tenant, and refuses a language the app does not have', async () => {
      const { store, tenant } = context();
      const [mine, theirs] = [await tenant(), await tenant()];
      const user = await store.createUser(makeUser(mine));
      expect(await store.setUserLocale(theirs, user.id, 'en')).toBe(false);
      expect(await store.getUser(mine, user.id)).not.toHaveProperty('locale');
      await expect(store.setUserLocale(mine, user.id, 'de' as 'fr')).rejects.toThrow();
    });
  });

  describe('contact notes', () => {
    it('keeps one note per contact, replaced with its author and time, in its tenant only', async () => {
      const { store, clock, tenant } = context();
      const [mine, theirs] = [await tenant(), await tenant()];
      const contactId = uniqueId('contact');
      expect(await store.getContactNote(mine, contactId)).toBeUndefined();
      const first = await store.putContactNote(mine, {
        contactId,
        text: 'Client mécontent : facture de mars.',
        author: 'agent.one',
      });
      expect(first).toEqual({
        contactId,
        text: 'Client mécontent : facture de mars.',
        author: 'agent.one',
        updatedAt: clock.now().toISOString(),
      });
      expect(await store.getContactNote(mine, contactId)).toEqual(first);
      clock.advance(60_000);
      const second = await store.putContactNote(mine, {
        contactId,
        text: 'Rappel promis demain.',
        author: 'agent.two',
      });
      expect(await store.getContactNote(mine, contactId)).toEqual(second);
      expect(second.updatedAt).toBe(clock.now().toISOString());
      expect(await store.getContactNote(theirs, contactId)).toBeUndefined();
      await expectStoreError(
        store.putContactNote(uniqueId('ghost'), { contactId, text: 'x', author: 'a' }),
        'UnknownTenant',
      );
    });
  });

  describe("a customer's contacts", () => {
    it('lists them newest first, per client and customer, once each, up to the limit', async () => {
      const { store, tenant } = context();
      const [mine, theirs] = [await tenant(), await tenant()];
      const link = (contactId: string, atMs: number, clientId = 'orbitel', customerKey = 'C-1') =>
        store.addCustomerContact(mine, { clientId, customerKey, contactId, atMs });
      await link('c1', 1_000);
      await link('c3', 3_000);
      await link('c2', 2_000);
      await link('c2', 2_000); // again: no change
      await link('other-client', 4_000, 'voltea');
      await link('other-customer', 5_000, 'orbitel', 'C-2');
      await store.addCustomerContact(theirs, {
        clientId: 'orbitel',
        customerKey: 'C-1',
        contactId: 'theirs',
        atMs: 9_000,
      });
      const query = { clientId: 'orbitel', customerKey: 'C-1' };
      expect(await store.customerContacts(mine, query)).toEqual([
        { contactId: 'c3', atMs: 3_000 },
        { contactId: 'c2', atMs: 2_000 },
        { contactId: 'c1', atMs: 1_000 },
      ]);
      expect(await store.customerContacts(mine, { ...query, limit: 2 })).toHaveLength(2);
      expect(await store.customerContacts(mine, { ...query, customerKey: 'nobody' })).toEqual([]);
      await expectStoreError(
        store.addCustomerContact(uniqueId('ghost'), { ...query, contactId: 'x', atMs: 1 }),
        'UnknownTenant',
      );
    });
  });
}
