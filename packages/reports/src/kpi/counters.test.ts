import { describe, expect, it } from 'vitest';
import { COUNTER_FIELDS, countersOf, mergeRow, newRow } from './counters.ts';

describe('counter rows', () => {
  it('countersOf names every field in COUNTER_FIELDS order, each with its own value', () => {
    const row = Float64Array.from(COUNTER_FIELDS, (_, i) => i + 0.5);
    const counters = countersOf(row);
    expect(Object.keys(counters)).toEqual([...COUNTER_FIELDS]);
    COUNTER_FIELDS.forEach((name, i) => expect(counters[name], name).toBe(i + 0.5));
  });

  it('mergeRow adds every field but the maximum wait, which keeps the larger', () => {
    const into = newRow();
    const a = Float64Array.from(COUNTER_FIELDS, (name) => (name === 'maxWaitMs' ? 30 : 1));
    const b = Float64Array.from(COUNTER_FIELDS, (name) => (name === 'maxWaitMs' ? 20 : 2));
    mergeRow(into, a);
    mergeRow(into, b);
    for (const [name, value] of Object.entries(countersOf(into))) {
      expect(value, name).toBe(name === 'maxWaitMs' ? 30 : 3);
    }
  });
});
