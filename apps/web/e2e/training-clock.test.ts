// The outbound browser test's training clock (training-clock.ts): the next working Tuesday,
// skipping a fixed-date holiday, and 10:30 in Paris in winter and in summer time.
import { describe, expect, it } from 'vitest';
import { addDays, nextWorkingTuesday, parisInstant } from './training-clock.ts';

describe('the training clock of the outbound browser test', () => {
  it('[LIVE10] picks the next Tuesday after today in Paris, never today, skipping 14 July', () => {
    expect(nextWorkingTuesday(Date.parse('2026-11-27T03:00:00Z'))).toBe('2026-12-01');
    // Tuesday 1 December, 23:30 UTC is already Wednesday in Paris.
    expect(nextWorkingTuesday(Date.parse('2026-12-01T23:30:00Z'))).toBe('2026-12-08');
    expect(nextWorkingTuesday(Date.parse('2026-12-01T08:00:00Z'))).toBe('2026-12-08');
    // Tuesday 14 July 2026 is Bastille Day.
    expect(nextWorkingTuesday(Date.parse('2026-07-10T12:00:00Z'))).toBe('2026-07-21');
  });

  it('[LIVE10] reads 10:30 in Paris in winter (+01:00) and summer (+02:00) time', () => {
    expect(new Date(parisInstant('2026-12-01', '10:30')).toISOString()).toBe(
      '2026-12-01T09:30:00.000Z',
    );
    expect(new Date(parisInstant('2026-07-21', '10:30')).toISOString()).toBe(
      '2026-07-21T08:30:00.000Z',
    );
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    // 02:30 on the night clocks go forward does not exist in Paris.
    expect(() => parisInstant('2026-03-29', '02:30')).toThrow('not a time Paris');
  });
});
