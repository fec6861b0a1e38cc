import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.tsx';
import { en } from '../i18n/messages-en.ts';
import { fr } from '../i18n/messages-fr.ts';
import { explainReason, reasonFamily } from './reasons.ts';

// Every code the compliance gate gives (packages/dialer ReasonCode, the three packs).
const CODES = [
  'FR.hours',
  'US.hours',
  'UK.hours',
  'FR.holiday',
  'FR.attempts30d',
  'FR.refusal60d',
  'FR.consent',
  'pack.country',
  'optout.listed',
  'optout.missing',
  'optout.stale',
  'lock.abandon',
  // The server's own: every rule passes, the recycling delay or callback time has not come.
  'campaign.waiting',
];

describe('blocking reasons in words', () => {
  it('reads each code as its rule and pack', () => {
    expect(reasonFamily('FR.hours')).toEqual({ family: 'hours', pack: 'FR' });
    expect(reasonFamily('UK.hours')).toEqual({ family: 'hours', pack: 'UK' });
    expect(reasonFamily('FR.refusal60d')).toEqual({ family: 'refusal60d', pack: 'FR' });
    expect(reasonFamily('optout.stale')).toEqual({ family: 'optout.stale' });
    expect(reasonFamily('lock.abandon')).toEqual({ family: 'lock.abandon' });
    expect(reasonFamily('XX.weather')).toEqual({ family: 'unknown' });
    expect(reasonFamily('')).toEqual({ family: 'unknown' });
  });

  it('explains every code of the gate in French and in English, differently', () => {
    const inFrench = translator('fr');
    const inEnglish = translator('en');
    for (const code of CODES) {
      const reason = explainReason(code);
      expect(reason.family, code).not.toBe('unknown');
      for (const key of [reason.title, reason.explanation]) {
        expect(en[key], `${code}: ${key} in English`).toBeTypeOf('string');
        expect(fr[key], `${code}: ${key} in French`).toBeTypeOf('string');
        const values = { pack: reason.pack ?? '', code };
        expect(inFrench(key, values)).not.toBe(inEnglish(key, values));
        expect(inFrench(key, values)).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('says which reasons waiting frees and which need new data', () => {
    const waits = CODES.filter((code) => explainReason(code).waitFrees);
    expect(waits).toEqual([
      'FR.hours',
      'US.hours',
      'UK.hours',
      'FR.holiday',
      'FR.attempts30d',
      'FR.refusal60d',
      'lock.abandon',
      'campaign.waiting',
    ]);
  });

  it('names the French calling hours and the other packs’ own', () => {
    const t = translator('fr');
    expect(t(explainReason('FR.hours').explanation)).toContain('10 h à 13 h et de 14 h à 20 h');
    expect(translator('en')(explainReason('US.hours').explanation, { pack: 'US' })).toContain(
      'US pack',
    );
  });

  it('keeps a generic text naming an unknown code', () => {
    const reason = explainReason('XX.weather');
    expect(translator('en')(reason.title, { code: 'XX.weather' })).toBe('Rule XX.weather');
    expect(reason.waitFrees).toBe(false);
  });
});
