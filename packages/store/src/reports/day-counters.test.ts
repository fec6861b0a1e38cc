import { describe, expect, it } from 'vitest';
import { seededRandom } from '../contract/builders.ts';
import {
  CorruptReportData,
  DayArena,
  decodeDay,
  encodeDay,
  SLOTS_PER_DAY,
  WIDTH,
  type DayCounters,
} from './day-counters.ts';

/** Values of every kind the format distinguishes: small and large integers, negatives, fractions. */
function value(next: () => number): number {
  const kinds = [
    () => 0,
    () => 1 + Math.floor(next() * 20),
    () => Math.floor(next() * 3_600_000),
    () => -Math.floor(next() * 100_000),
    () => (next() - 0.5) * 1e6,
    () => 2 ** 48,
    () => -(2 ** 48),
    () => 2 ** 48 + 2,
    () => Number.MAX_SAFE_INTEGER,
    () => -0,
    () => 1.5,
  ];
  return (kinds[Math.floor(next() * kinds.length)] as () => number)();
}

function randomDay(next: () => number): DayCounters {
  const slots = Array.from({ length: SLOTS_PER_DAY }, (_, slot) => slot).filter(() => next() < 0.4);
  const values = new Float64Array(slots.length * WIDTH);
  for (let i = 0; i < values.length; i++) values[i] = next() < 0.5 ? 0 : value(next);
  return { slots, values };
}

/** The day's non-zero counters as [slot, counter, value] (−0 kept apart from 0). */
function nonZero(day: DayCounters): [number, number, number][] {
  const out: [number, number, number][] = [];
  day.slots.forEach((slot, n) => {
    for (let i = 0; i < WIDTH; i++) {
      const v = day.values[n * WIDTH + i] as number;
      if (!Object.is(v, 0)) out.push([slot, i, v]);
    }
  });
  return out;
}

const encoded = (day: DayCounters): Uint8Array => {
  const bytes = encodeDay(day);
  if (bytes === undefined) throw new Error('expected bytes');
  return bytes;
};

describe('day counters encoding', () => {
  it('round-trips a day: slots with a non-zero counter, their exact values, nothing else', () => {
    const values = new Float64Array(3 * WIDTH);
    values[0] = 3; // slot 0: offered
    values[WIDTH + 5] = 0; // slot 40: all zero, left out
    values[2 * WIDTH + 1] = 1.25; // slot 95
    values[2 * WIDTH + WIDTH - 1] = -42;
    const day = decodeDay(encoded({ slots: [0, 40, 95], values }), () => 'q1');
    expect(day.slots).toEqual([0, 95]);
    expect(nonZero(day)).toEqual([
      [0, 0, 3],
      [95, 1, 1.25],
      [95, WIDTH - 1, -42],
    ]);
    expect(encodeDay({ slots: [3, 7], values: new Float64Array(2 * WIDTH) })).toBeUndefined();
    expect(encodeDay({ slots: [], values: new Float64Array(0) })).toBeUndefined();
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: random days decode to exactly the non-zero counters encoded',
    (seed) => {
      const next = seededRandom(seed);
      for (let n = 0; n < 50; n++) {
        const day = randomDay(next);
        const bytes = encodeDay(day);
        if (bytes === undefined) {
          expect(nonZero(day)).toEqual([]);
          continue;
        }
        const back = decodeDay(bytes, () => `seed ${seed}`);
        // Object.is through toEqual: −0 must come back as −0, NaN-free values exactly.
        expect(nonZero(back)).toEqual(nonZero(day));
        expect(back.values.every((v, i) => Object.is(v, 0) || Object.is(v, back.values[i]))).toBe(
          true,
        );
      }
    },
  );

  it('keeps a 15-counter bucket of a real queue small (integers as varints)', () => {
    const values = new Float64Array(WIDTH);
    for (let i = 0; i < 15; i++) values[i] = i < 8 ? 5 : 1_234_567;
    // Version byte, slot, a 3-byte mask (15 bits), 8 one-byte and 7 four-byte values.
    expect(encoded({ slots: [40], values }).length).toBe(1 + 1 + 3 + 8 + 7 * 4);
  });

  it('decodes days one after another into a shared arena, a failed one leaving nothing behind', () => {
    const arena = new DayArena(4 * SLOTS_PER_DAY * WIDTH);
    const full = new Float64Array(WIDTH).fill(7);
    const good = encoded({ slots: [3], values: full });
    // Slot 3 with every counter, then a slot out of order: fails after writing slot 3.
    const bad = Uint8Array.from([...good, 2, 1, 2]);
    expect(() => decodeDay(bad, () => 'bad', arena)).toThrow(/bucket slot 2 after 3/);
    const sparse = new Float64Array(WIDTH);
    sparse[4] = 1;
    const first = decodeDay(encoded({ slots: [3], values: sparse }), () => 'first', arena);
    const second = decodeDay(good, () => 'second', arena);
    expect(Array.from(first.values)).toEqual(Array.from(sparse));
    expect(Array.from(second.values)).toEqual(Array.from(full));
    expect(first.values.buffer).toBe(second.values.buffer);
  });

  it('refuses slots out of order or out of the day when encoding', () => {
    const values = new Float64Array(2 * WIDTH).fill(1);
    expect(() => encodeDay({ slots: [5, 5], values })).toThrow(RangeError);
    expect(() => encodeDay({ slots: [96], values })).toThrow(/from 0 to 95/);
  });

  it.each([
    ['an empty text', [], /cut short/],
    ['another format version', [2, 0, 1, 2], /format version 2, expected 1/],
    ['a value cut short', [1, 0, 1], /cut short/],
    ['a double cut short', [1, 0, 1, 1, 0, 0], /cut short/],
    ['slots out of order', [1, 4, 1, 2, 3, 1, 2], /bucket slot 3 after 4/],
    ['a slot past the day', [1, 96, 1, 2], /bucket slot 96/],
    ['an empty mask', [1, 0, 0], /counter mask 0/],
    ['a mask past the last counter', [1, 0, 0x80, 0x80, 0x80, 0x80, 0x01, 2], /longer than 4/],
    ['an unknown value tag', [1, 0, 1, 3], /value tag 3/],
    ['a runaway varint', [1, 0, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0], /longer/],
  ])('refuses %s with a clear error', (_, bytes, message) => {
    const read = () => decodeDay(Uint8Array.from(bytes), () => 'queue q1 day 2026-03-02');
    expect(read).toThrow(CorruptReportData);
    expect(read).toThrow(message);
    expect(read).toThrow(/queue q1 day 2026-03-02.*rebuild the report projection/);
  });
});
