import { describe, expect, it } from 'vitest';
import type { ContactRuntime } from '../model/runtime.ts';
import { SeededRandom } from '../testing/random.ts';
import { ContactIndex } from './contact-index.ts';

const record = (id: string): ContactRuntime => ({ id }) as ContactRuntime;

describe('ContactIndex', () => {
  it('[PERF2] agrees with a Map through random adds and deletes, across growth', () => {
    const random = new SeededRandom(7);
    const index = new ContactIndex();
    const reference = new Map<string, ContactRuntime>();
    for (let step = 0; step < 20_000; step++) {
      const id = `c${random.int(0, 3_000)}`;
      const known = reference.get(id);
      if (known) {
        index.delete(known);
        reference.delete(id);
      } else {
        const contact = record(id);
        index.add(contact);
        reference.set(id, contact);
      }
      // A fresh string with the same text finds the record too.
      const probe = `c${random.int(0, 3_000)}`;
      expect(index.get(probe)).toBe(reference.get(probe));
      expect(index.has(probe)).toBe(reference.has(probe));
    }
    expect(index.size).toBe(reference.size);
    const ids = (records: Iterable<ContactRuntime>): string[] =>
      [...records].map((c) => c.id).sort();
    expect(ids(index.values())).toEqual(ids(reference.values()));
  });
});
