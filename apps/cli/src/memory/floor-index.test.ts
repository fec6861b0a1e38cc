import { describe, expect, it } from 'vitest';
import { Random } from '../workload/random.ts';
import { hashOfId, IdIndex } from './floor-index.ts';

/** Ids whose hashes share one home slot in an index of `capacity` slots. */
function sameHome(capacity: number, count: number): string[] {
  const byHome = new Map<number, string[]>();
  for (let i = 0; ; i++) {
    const id = `c${i}`;
    const home = hashOfId(id) & (capacity - 1);
    const ids = byHome.get(home) ?? [];
    ids.push(id);
    byHome.set(home, ids);
    if (ids.length === count) return ids;
  }
}

describe('id index', () => {
  it('finds the rows it stored, and nothing else', () => {
    const index = new IdIndex(100);
    for (let i = 0; i < 100; i++) index.insert(`c${i}`, i);
    for (let i = 0; i < 100; i++) expect(index.rowOf(`c${i}`)).toBe(i);
    expect(index.rowOf('c100')).toBe(-1);
    expect(index.rowOf('a0')).toBe(-1);
    expect(index.size).toBe(100);
  });

  it('hashes are never 0, the mark of an empty slot', () => {
    for (let i = 0; i < 10_000; i++) expect(hashOfId(`c${i}`)).not.toBe(0);
    expect(hashOfId('')).not.toBe(0);
  });

  it('removing the first of a run shifts the later ones back, so they stay found', () => {
    // 16 slots; three ids with one home fill it and the two slots after it.
    const [a, b, c] = sameHome(16, 3) as [string, string, string];
    const index = new IdIndex(4);
    index.insert(a, 0);
    index.insert(b, 1);
    index.insert(c, 2);
    index.removeAt(index.slotOf(a));
    expect(index.rowOf(a)).toBe(-1);
    expect(index.rowOf(b)).toBe(1);
    expect(index.rowOf(c)).toBe(2);
    // Shifted back: b now sits in its home slot, where a was.
    expect(index.slotOf(b)).toBe(hashOfId(b) & 15);
    index.removeAt(index.slotOf(b));
    expect(index.rowOf(c)).toBe(2);
    expect(index.slotOf(c)).toBe(hashOfId(c) & 15);
    expect(index.size).toBe(1);
  });

  it('agrees with a Map through seeded random inserts and removals (runs wrap round the end)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = new Random(seed);
      const index = new IdIndex(8);
      const model = new Map<string, number>();
      const removed: string[] = [];
      let next = 0;
      for (let step = 0; step < 4000; step++) {
        const live = [...model.keys()];
        if (live.length > 0 && random.chance(model.size > 40 ? 0.6 : 0.4)) {
          const id = random.pick(live);
          index.removeAt(index.slotOf(id));
          model.delete(id);
          removed.push(id);
        } else {
          const id = `c${next}`;
          index.insert(id, next++);
          model.set(id, next - 1);
        }
        expect(index.size).toBe(model.size);
        if (step % 50 === 0) {
          for (const [id, row] of model) expect(index.rowOf(id)).toBe(row);
          for (const id of removed.slice(-200)) expect(index.rowOf(id)).toBe(-1);
        }
      }
    }
  });

  it('grows past half full and keeps every entry', () => {
    const index = new IdIndex(1);
    for (let i = 0; i < 1000; i++) index.insert(`c${i}`, 1000 - i);
    for (let i = 0; i < 1000; i++) expect(index.rowOf(`c${i}`)).toBe(1000 - i);
  });
});
