import { describe, expect, it } from 'vitest';
import { abandonAgainstTarget, listAge, orderedCounts } from './stats-model.ts';

describe('live campaign thresholds', () => {
  it('shows the abandon rate amber from 80 % of the target and red above it', () => {
    expect(abandonAgainstTarget(0.01, 0.03)).toBe('ok');
    expect(abandonAgainstTarget(0.024, 0.03)).toBe('warn');
    expect(abandonAgainstTarget(0.03, 0.03)).toBe('warn');
    expect(abandonAgainstTarget(0.031, 0.03)).toBe('alarm');
    expect(abandonAgainstTarget(0, 0)).toBe('ok');
    expect(abandonAgainstTarget(0.001, 0)).toBe('alarm');
    expect(abandonAgainstTarget(Number.NaN, 0.03)).toBe('ok');
  });

  it('orders counts by the known keys first, then the others by name', () => {
    expect(
      orderedCounts({ done: 2, zeta: 1, new: 5, alpha: 3 }, ['new', 'dialing', 'done']),
    ).toEqual([
      ['new', 5],
      ['done', 2],
      ['alpha', 3],
      ['zeta', 1],
    ]);
  });

  it('flags a suppression list scrubbed more than 30 days ago as stale', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(listAge('2026-11-20T00:00:00Z', now)).toEqual({ days: 6, stale: false });
    expect(listAge('2026-10-27T12:00:00Z', now)).toEqual({ days: 30, stale: false });
    expect(listAge('2026-10-27T11:00:00Z', now)).toEqual({ days: 30, stale: true });
    expect(listAge('2026-12-01T00:00:00Z', now)).toEqual({ days: 0, stale: false });
  });
});
