import { describe, expect, it } from 'vitest';
import { isPublicHoliday } from './holidays.ts';

const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('isPublicHoliday', () => {
  it('[GATE6] finds the year of a day without a Date, on both sides of New Year', () => {
    const france = { country: 'FR' };
    expect(isPublicHoliday(france, dayOf('2026-01-01'))).toBe(true);
    expect(isPublicHoliday(france, dayOf('2025-12-31'))).toBe(false);
    expect(isPublicHoliday(france, dayOf('2025-12-25'))).toBe(true);
    expect(isPublicHoliday(france, dayOf('2028-12-25'))).toBe(true); // after a leap year's end
    expect(isPublicHoliday(france, dayOf('2024-02-29'))).toBe(false);
    expect(isPublicHoliday({ country: 'FR', subdivision: '57' }, dayOf('2026-12-26'))).toBe(true);
    expect(isPublicHoliday(france, dayOf('2026-12-26'))).toBe(false);
  });
});
