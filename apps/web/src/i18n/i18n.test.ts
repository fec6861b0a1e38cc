import { describe, expect, it } from 'vitest';
import { formatters } from './format.ts';
import { translator } from './i18n.tsx';
import { browserLocale, initialLocale, rememberLocale } from './locale-choice.ts';
import { en } from './messages-en.ts';
import { fr } from './messages-fr.ts';

describe('messages', () => {
  it('has every English message in French too, and no French one left empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(fr).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  it('fills placeholders, and leaves unknown ones visible', () => {
    const t = translator('fr');
    expect(t('agent.offer.countdown', { seconds: 12 })).toBe('12 s pour répondre');
    expect(t('agent.offer.countdown')).toBe('{seconds} s pour répondre');
  });
});

describe('locale choice', () => {
  it('takes the first French or English language of the browser, else French', () => {
    expect(browserLocale(['ar-MA', 'en-US', 'fr'])).toBe('en');
    expect(browserLocale(['fr-MA'])).toBe('fr');
    expect(browserLocale(['ar-MA', 'es'])).toBe('fr');
  });

  it('remembers a choice per user, and the last one for the sign-in page', () => {
    localStorage.clear();
    rememberLocale('en', 'agent.one');
    rememberLocale('fr', 'agent.two');
    expect(initialLocale('agent.one')).toBe('en');
    expect(initialLocale('agent.two')).toBe('fr');
    expect(initialLocale()).toBe('fr');
  });
});

describe('formats', () => {
  it('writes numbers the French and the English way', () => {
    const french = formatters('fr', '—');
    const english = formatters('en', '—');
    // Intl's French thousands separator is a narrow no-break space.
    expect(french.integer(12345)).toBe('12\u202f345');
    expect(english.integer(12345)).toBe('12,345');
    expect(french.percent(0.875)).toBe('87,5\u00a0%');
    expect(english.percent(0.875)).toBe('87.5%');
    expect(french.percent(null)).toBe('—');
  });

  it('writes durations as m:ss, and h:mm:ss from an hour on', () => {
    const { duration } = formatters('fr', '—');
    expect(duration(0)).toBe('0:00');
    expect(duration(65_400)).toBe('1:05');
    expect(duration(3_725_000)).toBe('1:02:05');
    expect(duration(-5)).toBe('0:00');
  });

  it("writes times in the zone it is given (a site), not the browser's", () => {
    // 2026-07-01 12:00 UTC: 13:00 in Casablanca (UTC+1), 21:00 in Tokyo (UTC+9).
    const at = Date.UTC(2026, 6, 1, 12, 0, 0);
    expect(formatters('fr', '—', 'Africa/Casablanca').time(at)).toBe('13:00:00');
    expect(formatters('fr', '—', 'Asia/Tokyo').time(at)).toBe('21:00:00');
    expect(formatters('en', '—', 'Asia/Tokyo').dateTime(at)).toBe('01/07/2026, 21:00');
  });
});
