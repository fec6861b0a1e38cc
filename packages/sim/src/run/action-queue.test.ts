import { describe, expect, it } from 'vitest';
import { ActionQueue } from './action-queue.ts';
import { randomStream } from '../random/streams.ts';

function drain(queue: ActionQueue): [number, number, number][] {
  const out: [number, number, number][] = [];
  while (queue.pop()) out.push([queue.poppedAtMs, queue.poppedKind, queue.poppedRef]);
  return out;
}

describe('ActionQueue', () => {
  it('is empty at first: Infinity as next time, pop returns false', () => {
    const queue = new ActionQueue();
    expect(queue.peekTime()).toBe(Infinity);
    expect(queue.pop()).toBe(false);
  });

  it('returns actions by time, ties in scheduling order', () => {
    const queue = new ActionQueue();
    queue.push(30, 1, 1);
    queue.push(10, 2, 2);
    queue.push(30, 3, 3);
    queue.push(10, 4, 4);
    queue.push(20, 5, 5);
    expect(queue.peekTime()).toBe(10);
    expect(drain(queue)).toEqual([
      [10, 2, 2],
      [10, 4, 4],
      [20, 5, 5],
      [30, 1, 1],
      [30, 3, 3],
    ]);
  });

  it('always pops the earliest action, through growth and interleaved pops (seeded fuzz)', () => {
    const draw = randomStream(11, 'action-queue-test');
    const random = {
      int: (min: number, max: number): number => min + Math.floor(draw() * (max - min + 1)),
      chance: (p: number): boolean => draw() < p,
    };
    const queue = new ActionQueue();
    // The model: [time, ref]; refs grow with scheduling order, so they break ties.
    const model: [number, number][] = [];
    const earliest = (): [number, number] =>
      model.reduce((a, b) => (b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? b : a));
    for (let ref = 0; ref < 5000; ref++) {
      const at = random.int(0, 1000);
      queue.push(at, ref % 8, ref);
      model.push([at, ref]);
      if (random.chance(0.4)) {
        const [at0, ref0] = earliest();
        expect(queue.pop()).toBe(true);
        expect([queue.poppedAtMs, queue.poppedRef, queue.poppedKind]).toEqual([
          at0,
          ref0,
          ref0 % 8,
        ]);
        model.splice(
          model.findIndex(([, r]) => r === ref0),
          1,
        );
      }
    }
    expect(queue.size).toBe(model.length);
    model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(drain(queue).map(([at, , r]) => [at, r])).toEqual(model);
  });
});
