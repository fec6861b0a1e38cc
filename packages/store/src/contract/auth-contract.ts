import { describe, expect, it } from 'vitest';
import { makeApiKey, makeSession, makeUser, uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

export function describeAuthContract(context: () => ContractContext): void {
  describe('users', () => {
    it('creates a user and finds it by id, by username and in the list', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const user = await store.createUser(makeUser(tenantId, { scope: { siteIds: ['p', 'l'] } }));
      expect(user).toMatchObject({ failedLogins: 0, createdAt: clock.now().toISOString() });
      expect(user).not.toHaveProperty('lockedUntil');
      expect(await store.getUser(tenantId, user.id)).toEqual(user);
      expect(await store.findUserByUsername(user.username)).toEqual(user);
      expect(await store.listUsers(tenantId)).toEqual([user]);
      expect(await store.findUserByUsername(uniqueId('nobody'))).toBeUndefined();
    });

    it('refuses a username taken in another tenant, and a user id taken in this one', async () => {
      const { store, tenant } = context();
      const [first, second] = [await tenant(), await tenant()];
      const user = await store.createUser(makeUser(first));
      await expectStoreError(
        store.createUser(makeUser(second, { username: user.username })),
        'Duplicate',
      );
      await expectStoreError(store.createUser(makeUser(first, { id: user.id })), 'Duplicate');
      await expectStoreError(store.createUser(makeUser(uniqueId('ghost'))), 'UnknownTenant');
      expect(await store.listUsers(second)).toEqual([]);
    });

    it('counts failed logins, locks, keeps the lock on a failure without one, and resets', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const { id } = await store.createUser(makeUser(tenantId));
      await store.recordLoginFailure(tenantId, id);
      await store.recordLoginFailure(tenantId, id, '2026-03-02T09:15:00Z');
      await store.recordLoginFailure(tenantId, id);
      expect(await store.getUser(tenantId, id)).toMatchObject({
        failedLogins: 3,
        lockedUntil: '2026-03-02T09:15:00.000Z',
      });
      await store.resetLoginFailures(tenantId, id);
      const reset = await store.getUser(tenantId, id);
      expect(reset?.failedLogins).toBe(0);
      expect(reset).not.toHaveProperty('lockedUntil');
    });

    it('sets a password', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const { id } = await store.createUser(makeUser(tenantId));
      await store.setPassword(tenantId, id, 'new-hash');
      expect((await store.getUser(tenantId, id))?.passwordHash).toBe('new-hash');
    });

    it("ends all of a user's sessions, in its own tenant only", async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const user = await store.createUser(makeUser(tenantId));
      const other = await store.createUser(makeUser(tenantId));
      const [a, b, c] = [makeSession(user), makeSession(user), makeSession(other)];
      for (const session of [a, b, c]) await store.createSession(session);
      expect(await store.deleteSessionsOf(await tenant(), user.id)).toBe(0);
      expect(await store.deleteSessionsOf(tenantId, user.id)).toBe(2);
      expect(await store.getSession(a.tokenHash)).toBeUndefined();
      expect(await store.getSession(c.tokenHash)).toBeDefined();
    });

    it("changes a user's role and scope, only in its own tenant", async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const otherTenant = await tenant();
      const user = await store.createUser(makeUser(tenantId));
      const access = { role: 'supervisor' as const, scope: { siteIds: ['casa', 'rabat'] } };
      expect(await store.setUserAccess(otherTenant, user.id, access)).toBe(false);
      expect((await store.getUser(tenantId, user.id))?.role).toBe(user.role);
      expect(await store.setUserAccess(tenantId, user.id, access)).toBe(true);
      expect(await store.getUser(tenantId, user.id)).toMatchObject(access);
      expect(await store.setUserAccess(tenantId, 'nobody', access)).toBe(false);
    });

    it('deletes a user with their sessions, and only in its own tenant', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const otherTenant = await tenant();
      const user = await store.createUser(makeUser(tenantId));
      const session = await store.createSession(makeSession(user));
      expect(await store.deleteUser(otherTenant, user.id)).toBe(false);
      expect(await store.getUser(tenantId, user.id)).toBeDefined();
      expect(await store.deleteUser(tenantId, user.id)).toBe(true);
      expect(await store.getUser(tenantId, user.id)).toBeUndefined();
      expect(await store.getSession(session.tokenHash)).toBeUndefined();
      expect(await store.deleteUser(tenantId, user.id)).toBe(false);
    });
  });

  describe('sessions', () => {
    it('creates, reads and deletes a session', async () => {
      const { store, clock, tenant } = context();
      const user = await store.createUser(makeUser(await tenant()));
      const session = await store.createSession(makeSession(user));
      expect(session.createdAt).toBe(clock.now().toISOString());
      expect(await store.getSession(session.tokenHash)).toEqual(session);
      await store.deleteSession(session.tokenHash);
      expect(await store.getSession(session.tokenHash)).toBeUndefined();
    });

    it('returns times in toISOString form, whatever form they were given in', async () => {
      const { store, tenant } = context();
      const user = await store.createUser(makeUser(await tenant()));
      const given = makeSession(user, { expiresAt: '2030-06-01T12:00:00+02:00' });
      const session = await store.createSession(given);
      expect(session.expiresAt).toBe('2030-06-01T10:00:00.000Z');
      expect(await store.getSession(given.tokenHash)).toEqual(session);
      await expect(store.createSession(makeSession(user, { expiresAt: 'soon' }))).rejects.toThrow(
        RangeError,
      );
    });

    it('deletes expired sessions only', async () => {
      const { store, tenant } = context();
      const user = await store.createUser(makeUser(await tenant()));
      const expired = await store.createSession(
        makeSession(user, { expiresAt: '2001-01-01T00:00:00.000Z' }),
      );
      const live = await store.createSession(makeSession(user));
      expect(await store.deleteExpiredSessions('2001-06-01T00:00:00Z')).toBe(1);
      expect(await store.getSession(expired.tokenHash)).toBeUndefined();
      expect(await store.getSession(live.tokenHash)).toEqual(live);
    });

    it('refuses a session pairing a tenant with a user of another tenant', async () => {
      const { store, tenant } = context();
      const user = await store.createUser(makeUser(await tenant()));
      const otherTenant = await tenant();
      await expectStoreError(
        store.createSession(makeSession({ id: user.id, tenantId: otherTenant })),
        'UnknownUser',
      );
    });
  });

  describe('api keys', () => {
    it('creates, gets, lists and revokes a key once', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const key = await store.createApiKey(makeApiKey(tenantId, { scope: { clientId: 'acme' } }));
      expect(key).not.toHaveProperty('revokedAt');
      expect(await store.getApiKey(key.id)).toEqual(key);
      expect(await store.listApiKeys(tenantId)).toEqual([key]);
      const at = clock.now().toISOString();
      expect(await store.revokeApiKey(tenantId, key.id, at)).toBe(true);
      expect(await store.revokeApiKey(tenantId, key.id, at)).toBe(false);
      expect(await store.getApiKey(key.id)).toEqual({ ...key, revokedAt: at });
    });

    it('refuses a duplicate key id and an unknown tenant', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const key = await store.createApiKey(makeApiKey(tenantId));
      await expectStoreError(store.createApiKey(makeApiKey(tenantId, { id: key.id })), 'Duplicate');
      await expectStoreError(store.createApiKey(makeApiKey(uniqueId('ghost'))), 'UnknownTenant');
    });
  });
}
