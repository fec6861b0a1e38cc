import { describe, expect, it } from 'vitest';
import { KeyFilter } from './key-filter.ts';

describe('KeyFilter', () => {
  it('never says absent for a key it was given, as it grows past its first size', () => {
    const filter = new KeyFilter();
    const first = filter.bytes;
    const keys = Array.from({ length: 200_000 }, (_, i) => `ivr-${i}-${(i * 7919) % 1000}`);
    for (const key of keys) filter.add(key);
    expect(keys.every((key) => filter.mayHave(key))).toBe(true);
    expect(filter.size).toBe(200_000);
    expect(filter.bytes).toBeGreaterThan(first);
    // A few bytes a key: 200,000 keys in under a megabyte.
    expect(filter.bytes).toBeLessThan(1_000_000);
  });

  it('says maybe for few keys it was not given (about 1 %, bounded as it grows)', () => {
    const filter = new KeyFilter();
    for (let i = 0; i < 150_000; i++) filter.add(`key-${i}`);
    let maybe = 0;
    const tries = 100_000;
    for (let i = 0; i < tries; i++) if (filter.mayHave(`other-${i}`)) maybe++;
    expect(maybe / tries).toBeLessThan(0.03);
  });

  it('an empty filter has nothing', () => {
    expect(new KeyFilter().mayHave('')).toBe(false);
    expect(new KeyFilter().mayHave('c1')).toBe(false);
  });
});
