import type { Store } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestStore, TEST_BACKENDS } from '../testing/test-stores.ts';
import { holdStoreLease, StoreInUse, type LeaseOptions } from './store-lease.ts';

describe.each(TEST_BACKENDS)('holdStoreLease on %s', (backend) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let nowMs: number;
  beforeEach(async () => {
    ({ store, dispose } = openTestStore(backend));
    await store.migrate();
    nowMs = Date.parse('2026-11-27T09:00:00Z');
  });
  afterEach(async () => {
    await store.close();
    await dispose();
  });

  const options = (fields: Partial<LeaseOptions> = {}): LeaseOptions => ({
    purpose: 'relais serve',
    now: () => nowMs,
    host: 'relais-1',
    pid: 100,
    isRunning: () => true,
    onLost: () => expect.fail('lost the lease'),
    onRenewError: (error) => expect.fail(String(error)),
    ...fields,
  });

  it('[SL6] a second holder is refused with who holds the store, and takes it once released', async () => {
    const first = await holdStoreLease(store, options());
    nowMs += 2_000;
    const refused = await holdStoreLease(store, options({ pid: 200 })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreInUse);
    expect((refused as Error).message).toBe(
      'the store is in use by relais serve (pid 100 on host relais-1) since 2026-11-27T09:00:00.000Z, last heartbeat 2 s ago',
    );
    await first.release();
    const second = await holdStoreLease(store, options({ pid: 200 }));
    expect(second.lease).toMatchObject({ pid: 200, startedAtMs: nowMs });
    await second.release();
    expect(await store.readLease()).toBeUndefined();
  });

  it('[SL7] a holder of this host whose process is gone is replaced at once; one of another host is not', async () => {
    const running = new Set([100]);
    const isRunning = (pid: number): boolean => running.has(pid);
    const remote = await holdStoreLease(store, options({ pid: 300, host: 'relais-2' }));
    await expect(holdStoreLease(store, options({ isRunning }))).rejects.toBeInstanceOf(StoreInUse);
    await remote.release();

    const killed = await holdStoreLease(store, options({ pid: 300, onLost: () => undefined }));
    const next = await holdStoreLease(store, options({ isRunning }));
    expect(next.lease).toMatchObject({ pid: 100, host: 'relais-1' });
    await killed.release();
    await next.release();
  });

  it('[SL8] renewing moves the expiry on; a lease taken over is reported lost and renewing stops', async () => {
    const onLost = vi.fn();
    const held = await holdStoreLease(store, options({ onLost }));
    nowMs += 5_000;
    expect(await held.renew()).toBe(true);
    expect(await store.readLease()).toMatchObject({ expiresAtMs: nowMs + 15_000 });
    // This process sleeps past expiry; another server on another host takes the store.
    nowMs += 15_000;
    const other = await holdStoreLease(store, options({ host: 'relais-2' }));
    expect(await held.renew()).toBe(false);
    expect(onLost).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ holderId: other.lease.holderId, host: 'relais-2' }),
    );
    expect(await held.renew()).toBe(false);
    // Its release frees nothing of the new holder's.
    await held.release();
    expect(await store.readLease()).toMatchObject({ holderId: other.lease.holderId });
    await other.release();
  });
});
