import { describe, expect, it } from 'vitest';
import type { LeaseHolder } from '../port.ts';
import { uniqueId } from './builders.ts';
import type { ContractContext } from './store-contract.ts';

const makeHolder = (fields: Partial<LeaseHolder> = {}): LeaseHolder => ({
  holderId: uniqueId('holder'),
  purpose: 'relais serve',
  pid: 4242,
  host: 'relais-1',
  ...fields,
});

// The lease is one row per store: each test starts far after the last one's expiries and frees
// what it took, so the tests sharing a database do not see each other's leases.
let startMs = Date.parse('2030-01-01T00:00:00Z');
const nextStart = (): number => (startMs += 86_400_000);

export function describeLeaseContract(context: () => ContractContext): void {
  describe('store lease', () => {
    it('[SL1] two holders racing for a free lease: exactly one wins, the other learns who', async () => {
      const { store } = context();
      const nowMs = nextStart();
      const first = makeHolder({ pid: 1 });
      const second = makeHolder({ pid: 2, host: 'relais-2' });
      const attempts = await Promise.all([
        store.takeLease(first, { nowMs }),
        store.takeLease(second, { nowMs }),
      ]);
      const winners = attempts.filter((attempt) => attempt.taken);
      expect(winners).toHaveLength(1);
      const held = await store.readLease();
      const loser = attempts.find((attempt) => !attempt.taken);
      expect(loser).toEqual({ taken: false, heldBy: held });
      expect(held).toMatchObject({ startedAtMs: nowMs, heartbeatAtMs: nowMs });
      expect(held?.expiresAtMs).toBe(nowMs + 15_000);
      expect([first.holderId, second.holderId]).toContain(held?.holderId);
      // Asking again before expiry, even at its last millisecond, is refused.
      const again = held?.holderId === first.holderId ? second : first;
      expect(await store.takeLease(again, { nowMs: nowMs + 14_999 })).toMatchObject({
        taken: false,
      });
      expect(await store.releaseLease(held?.holderId ?? '')).toBe(true);
    });

    it('[SL2] an expired lease is taken over; the holder taking it again keeps its start', async () => {
      const { store } = context();
      const nowMs = nextStart();
      const crashed = makeHolder();
      const next = makeHolder({ purpose: 'relais import', pid: 7, host: 'relais-2' });
      await store.takeLease(crashed, { nowMs, ttlMs: 5_000 });
      const taken = await store.takeLease(next, { nowMs: nowMs + 5_000 });
      expect(taken).toEqual({
        taken: true,
        lease: {
          ...next,
          startedAtMs: nowMs + 5_000,
          heartbeatAtMs: nowMs + 5_000,
          expiresAtMs: nowMs + 20_000,
        },
      });
      const retaken = await store.takeLease(next, { nowMs: nowMs + 6_000 });
      expect(retaken).toMatchObject({
        taken: true,
        lease: { startedAtMs: nowMs + 5_000, expiresAtMs: nowMs + 21_000 },
      });
      expect(await store.releaseLease(next.holderId)).toBe(true);
    });

    it('[SL3] a live lease is taken from the holder named in `replacing` only', async () => {
      const { store } = context();
      const nowMs = nextStart();
      const dead = makeHolder();
      const next = makeHolder();
      await store.takeLease(dead, { nowMs });
      const wrongGuess = await store.takeLease(next, { nowMs, replacing: 'someone-else' });
      expect(wrongGuess).toMatchObject({ taken: false, heldBy: { holderId: dead.holderId } });
      const replaced = await store.takeLease(next, { nowMs, replacing: dead.holderId });
      expect(replaced).toMatchObject({ taken: true, lease: { holderId: next.holderId } });
      await store.releaseLease(next.holderId);
    });

    it('[SL4] release frees the lease at once; only the holder releases it', async () => {
      const { store } = context();
      const nowMs = nextStart();
      const holder = makeHolder();
      await store.takeLease(holder, { nowMs });
      expect(await store.releaseLease('not-the-holder')).toBe(false);
      expect(await store.readLease()).toMatchObject({ holderId: holder.holderId });
      expect(await store.releaseLease(holder.holderId)).toBe(true);
      expect(await store.readLease()).toBeUndefined();
      expect(await store.releaseLease(holder.holderId)).toBe(false);
      const next = makeHolder();
      expect(await store.takeLease(next, { nowMs: nowMs + 1 })).toMatchObject({ taken: true });
      await store.releaseLease(next.holderId);
    });

    it('[SL5] the holder renews (heartbeat, new expiry); a holder it was taken from cannot', async () => {
      const { store } = context();
      const nowMs = nextStart();
      const holder = makeHolder();
      await store.takeLease(holder, { nowMs, ttlMs: 10_000 });
      const renewed = await store.renewLease(holder.holderId, {
        nowMs: nowMs + 5_000,
        ttlMs: 10_000,
      });
      expect(renewed).toMatchObject({ heartbeatAtMs: nowMs + 5_000, expiresAtMs: nowMs + 15_000 });
      expect(await store.renewLease('not-the-holder', { nowMs: nowMs + 6_000 })).toBeUndefined();
      expect(await store.readLease()).toEqual(renewed);
      // It sleeps past expiry; another takes the lease; its renewal then fails.
      const next = makeHolder();
      expect(await store.takeLease(next, { nowMs: nowMs + 15_000 })).toMatchObject({
        taken: true,
      });
      expect(await store.renewLease(holder.holderId, { nowMs: nowMs + 16_000 })).toBeUndefined();
      expect(await store.readLease()).toMatchObject({ holderId: next.holderId });
      await store.releaseLease(next.holderId);
    });
  });
}
