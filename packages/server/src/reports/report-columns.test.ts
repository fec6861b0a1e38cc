import { COUNTER_FIELDS } from '@relais/reports';
import { REPORT_COUNTERS } from '@relais/store';
import { describe, expect, it } from 'vitest';

describe('report columns', () => {
  it('the store keeps exactly the counters the projection makes, in the same order', () => {
    expect([...REPORT_COUNTERS]).toEqual([...COUNTER_FIELDS]);
  });
});
