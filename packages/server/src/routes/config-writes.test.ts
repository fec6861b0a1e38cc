// The turns of configuration row writes (TEL30), one row or many at once (TEL32): a write of
// several rows waits for every earlier write of any of them and holds back later ones, and
// writers of overlapping rows, listed in any order, never wait for each other in a circle.
import { describe, expect, it } from 'vitest';
import { ConfigWrites, type RowKey } from './config-writes.ts';

const row = (id: string): RowKey => ({ tenantId: 't1', kind: 'agent', id });

/** A write that runs until `finish` is called; `started` tells whether it has begun. */
function pendingWrite(): {
  write: () => Promise<void>;
  finish: () => void;
  started: () => boolean;
} {
  let finish = (): void => undefined;
  let started = false;
  const write = (): Promise<void> => {
    started = true;
    return new Promise<void>((resolve) => (finish = resolve));
  };
  return { write, finish: () => finish(), started: () => started };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ConfigWrites', () => {
  it('[TEL32] a write of many rows waits for an earlier write of one of them and holds back a later one', async () => {
    const turns = new ConfigWrites();
    const single = pendingWrite();
    const many = pendingWrite();
    const later = pendingWrite();
    const order: string[] = [];
    const done = [
      turns.serialize(row('b'), single.write).then(() => order.push('single')),
      turns
        .serializeRows([row('a'), row('b'), row('c')], many.write)
        .then(() => order.push('many')),
      turns.serialize(row('c'), later.write).then(() => order.push('later')),
    ];
    await settle();
    expect([single.started(), many.started(), later.started()]).toEqual([true, false, false]);
    single.finish();
    await settle();
    expect([many.started(), later.started()]).toEqual([true, false]);
    many.finish();
    await settle();
    later.finish();
    await Promise.all(done);
    expect(order).toEqual(['single', 'many', 'later']);
    for (const id of ['a', 'b', 'c']) expect(turns.queued(row(id))).toBe(0);
  });

  it('[TEL32] writers of overlapping rows listed in opposite orders, and a row listed twice, all finish', async () => {
    const turns = new ConfigWrites();
    const ids = Array.from({ length: 50 }, (_, i) => `r${i}`);
    const first = pendingWrite();
    const order: string[] = [];
    const done = [
      turns.serializeRows(ids.map(row), first.write).then(() => order.push('first')),
      turns
        .serializeRows([...ids].reverse().map(row), () => Promise.resolve())
        .then(() => order.push('reversed')),
      turns
        .serializeRows([row('r7'), row('r7'), row('x')], () => Promise.resolve())
        .then(() => order.push('twice')),
    ];
    await settle();
    expect(order).toEqual([]);
    expect(turns.queued(row('r7'))).toBe(3);
    first.finish();
    await Promise.all(done);
    expect(order).toEqual(['first', 'reversed', 'twice']);
    expect(turns.queued(row('r7'))).toBe(0);
  });

  it('[TEL32] a failed write of many rows gives their turns back', async () => {
    const turns = new ConfigWrites();
    const failing = turns.serializeRows([row('a'), row('b')], () =>
      Promise.reject(new Error('refused')),
    );
    await expect(failing).rejects.toThrow('refused');
    await expect(turns.serialize(row('b'), () => Promise.resolve('next'))).resolves.toBe('next');
    expect(turns.queued(row('a'))).toBe(0);
  });

  it('[TEL32] a write of 5,000 rows takes its turns behind 5,000 single writes', async () => {
    const turns = new ConfigWrites();
    const ids = Array.from({ length: 5_000 }, (_, i) => `a${i}`);
    const singles = ids.map((id) => turns.serialize(row(id), () => Promise.resolve()));
    const all = turns.serializeRows(ids.map(row), () => Promise.resolve('imported'));
    await expect(all).resolves.toBe('imported');
    await Promise.all(singles);
    expect(turns.queued(row('a4999'))).toBe(0);
  });
});
