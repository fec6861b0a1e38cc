import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../testing/random.ts';
import { TimerHeap } from './timer-heap.ts';

describe('TimerHeap', () => {
  it('[PERF4] fires in (due time, order) order through random sets, moves and removes', () => {
    const random = new SeededRandom(11);
    const heap = new TimerHeap();
    const reference = new Map<number, { dueMs: number; order: number }>();
    let order = 0;
    const best = (): number | undefined => {
      let row: number | undefined;
      for (const [r, k] of reference) {
        const b = row === undefined ? undefined : (reference.get(row) as typeof k);
        if (!b || k.dueMs < b.dueMs || (k.dueMs === b.dueMs && k.order < b.order)) row = r;
      }
      return row;
    };
    for (let step = 0; step < 20_000; step++) {
      const row = random.int(0, 300);
      const action = random.int(0, 9);
      if (action < 6) {
        // Few distinct times: ties fall to the scheduling order.
        const dueMs = random.int(0, 50) * 1000;
        heap.set(row, dueMs, ++order);
        reference.set(row, { dueMs, order });
      } else if (action < 8) {
        heap.remove(row);
        reference.delete(row);
      } else {
        const top = best();
        if (top !== undefined) {
          expect(heap.topRow).toBe(top);
          expect(heap.topDueMs).toBe(reference.get(top)?.dueMs);
          heap.remove(top);
          reference.delete(top);
        }
      }
      expect(heap.size).toBe(reference.size);
      expect(heap.has(row)).toBe(reference.has(row));
      if (reference.has(row)) expect(heap.dueOf(row)).toBe(reference.get(row)?.dueMs);
    }
  });
});
