import { describe, expect, it } from 'vitest';
import { maskPhones } from './mask.ts';

describe('maskPhones', () => {
  it('keeps the last two digits of phone numbers in log text', () => {
    expect(maskPhones('/api/v1/contacts?number=+33612345678')).toBe(
      '/api/v1/contacts?number=**********78',
    );
    expect(maskPhones('callback 06 12 34 56 78 due')).toBe('callback ************78 due');
  });

  it('leaves short numbers alone (ids, counts, seqs)', () => {
    expect(maskPhones('/api/v1/events?afterSeq=1200&limit=100')).toBe(
      '/api/v1/events?afterSeq=1200&limit=100',
    );
  });
});
