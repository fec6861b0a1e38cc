import { describe, expect, it } from 'vitest';
import { uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

const schedule = (queueId: string, positions: number[]) => ({
  queueId,
  date: '2026-12-01',
  intervalMinutes: 30,
  intervals: positions.map((count, index) => ({
    start: `${String(9 + Math.floor(index / 2)).padStart(2, '0')}:${index % 2 === 0 ? '00' : '30'}`,
    positions: count,
  })),
  enteredBy: 'planner.one',
});

export function describePlanningContract(context: () => ContractContext): void {
  describe('planning schedules', () => {
    it('keeps one schedule per queue and day, replaced with its author and time', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const queueId = uniqueId('queue');
      expect(await store.getSchedule(tenantId, queueId, '2026-12-01')).toBeUndefined();
      const first = await store.putSchedule(tenantId, schedule(queueId, [4, 6, 8]));
      expect(first).toEqual({
        ...schedule(queueId, [4, 6, 8]),
        updatedAt: clock.now().toISOString(),
      });
      expect(await store.getSchedule(tenantId, queueId, '2026-12-01')).toEqual(first);
      clock.advance(60_000);
      const second = await store.putSchedule(tenantId, {
        ...schedule(queueId, [5]),
        enteredBy: 'planner.two',
      });
      expect(await store.getSchedule(tenantId, queueId, '2026-12-01')).toEqual(second);
      expect(second.intervals).toEqual([{ start: '09:00', positions: 5 }]);
      expect(second.updatedAt).not.toBe(first.updatedAt);
      // Another day of the same queue is another schedule.
      expect(await store.getSchedule(tenantId, queueId, '2026-12-02')).toBeUndefined();
    });

    it('forgets a schedule once, and touches no other tenant', async () => {
      const { store, tenant } = context();
      const [mine, theirs] = [await tenant(), await tenant()];
      const queueId = uniqueId('queue');
      await store.putSchedule(mine, schedule(queueId, [3]));
      expect(await store.getSchedule(theirs, queueId, '2026-12-01')).toBeUndefined();
      expect(await store.deleteSchedule(theirs, queueId, '2026-12-01')).toBe(false);
      expect(await store.getSchedule(mine, queueId, '2026-12-01')).toBeDefined();
      expect(await store.deleteSchedule(mine, queueId, '2026-12-01')).toBe(true);
      expect(await store.deleteSchedule(mine, queueId, '2026-12-01')).toBe(false);
      expect(await store.getSchedule(mine, queueId, '2026-12-01')).toBeUndefined();
    });

    it('refuses a schedule for an unknown tenant', async () => {
      const { store } = context();
      await expectStoreError(
        store.putSchedule(uniqueId('no-tenant'), schedule(uniqueId('queue'), [1])),
        'UnknownTenant',
      );
    });
  });
}
