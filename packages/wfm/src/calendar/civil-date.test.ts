import { describe, expect, it } from 'vitest';
import { clockTime, dayNumberOf, isoDate, parseIsoDate, weekdayOf } from './civil-date.ts';

describe('civil dates', () => {
  it('numbers days from 1970-01-01 and back, years 84 to 9909, leap years and centuries', () => {
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
    expect(parseIsoDate('1999-02-15')).toBe(10_637);
    for (let day = -700_000; day < 2_900_000; day += 997) {
      expect(parseIsoDate(isoDate(day))).toBe(day);
    }
    expect(isoDate(parseIsoDate('2000-02-29') as number)).toBe('2000-02-29');
  });

  it('knows the weekday: 1 February 1999 was a Monday, 2024-02-29 a Thursday', () => {
    expect(weekdayOf(parseIsoDate('1999-02-01') as number)).toBe(1);
    expect(weekdayOf(parseIsoDate('2024-02-29') as number)).toBe(4);
    expect(weekdayOf(-1)).toBe(3);
  });

  it('refuses dates that do not exist', () => {
    for (const text of ['1999-02-29', '1900-02-29', '1999-13-01', '1999-2-1', 'tomorrow']) {
      expect(parseIsoDate(text)).toBeUndefined();
    }
  });

  it('writes times of day', () => {
    expect(clockTime(7 * 3600 + 30 * 60)).toBe('07:30:00');
    expect(clockTime(86_399)).toBe('23:59:59');
  });
});
