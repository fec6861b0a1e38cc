import { describe, expect, it } from 'vitest';
import { DialerInputError, LooseningRefused } from '../errors.ts';
import { FRANCE, UNITED_KINGDOM, UNITED_STATES, defaultPackFor } from './packs.ts';
import { tightenPack, type PackTightening } from './tighten.ts';

describe('rule packs', () => {
  it('[PK1] France carries the figures of D.223-9 and loi 2025-594', () => {
    const weekday = [
      { fromMinute: 600, toMinute: 780 },
      { fromMinute: 840, toMinute: 1200 },
    ];
    expect(FRANCE.hours.weekly).toEqual([weekday, weekday, weekday, weekday, weekday, [], []]);
    expect(FRANCE.attempts).toMatchObject({ max: 4, windowDays: 30 });
    expect(FRANCE.refusal?.days).toBe(60);
    expect(FRANCE.consent).toMatchObject({ requiredFrom: '2026-08-11', contractExempts: true });
    expect(FRANCE.suppression).toEqual({ required: false, maxAgeDays: 30 });
  });

  it('[PK1][PK2][PK3] the default pack follows the number: France for overseas numbers too', () => {
    for (const region of ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'NC', 'PF']) {
      expect(defaultPackFor(region)).toBe(FRANCE);
    }
    expect(defaultPackFor('US')).toBe(UNITED_STATES);
    expect(defaultPackFor('GB')).toBe(UNITED_KINGDOM);
    expect(defaultPackFor('MA')).toBeUndefined();
    expect(UNITED_KINGDOM.abandonLockHours).toBe(72);
    expect(UNITED_KINGDOM.suppression?.maxAgeDays).toBe(28);
  });
});

describe('[PK4] a campaign may only tighten its pack', () => {
  it('[PK4] accepts stricter settings', () => {
    const morning = [{ fromMinute: 600, toMinute: 720 }];
    const pack = tightenPack(FRANCE, {
      weekly: [morning, morning, morning, morning, [], [], []],
      attempts: { max: 3, windowDays: 45 },
      refusalDays: 90,
      consentRequiredFrom: '2026-01-01',
      contractExempts: false,
      consentLiftsHours: false,
      suppression: { required: true, maxAgeDays: 14 },
      abandonLockHours: 72,
    });
    expect(pack.attempts).toEqual({ code: 'FR.attempts30d', max: 3, windowDays: 45 });
    expect(pack.refusal).toEqual({ code: 'FR.refusal60d', days: 90 });
    expect(pack.consent).toMatchObject({ requiredFrom: '2026-01-01', contractExempts: false });
    expect(pack.abandonLockHours).toBe(72);
    expect(pack.hours.weekly[4]).toEqual([]);
    expect(tightenPack(UNITED_STATES, { blockHolidays: true }).holidays).toEqual({
      code: 'US.holiday',
    });
  });

  const saturday = [{ fromMinute: 600, toMinute: 700 }];
  const lunch = [{ fromMinute: 720, toMinute: 870 }];
  it.each<[string, PackTightening]>([
    ['weekly[5][0]', { weekly: [[], [], [], [], [], saturday, []] }],
    ['weekly[0][0]', { weekly: [lunch, [], [], [], [], [], []] }],
    ['attempts.max', { attempts: { max: 5, windowDays: 30 } }],
    ['attempts.windowDays', { attempts: { max: 4, windowDays: 29 } }],
    ['refusalDays', { refusalDays: 59 }],
    ['consentRequiredFrom', { consentRequiredFrom: '2026-09-01' }],
    ['suppression.maxAgeDays', { suppression: { required: false, maxAgeDays: 31 } }],
  ])('[PK4] refuses loosening %s', (field, tightening) => {
    expect(() => tightenPack(FRANCE, tightening)).toThrow(LooseningRefused);
    expect(() => tightenPack(FRANCE, tightening)).toThrow(field);
  });

  it('[PK4] a malformed date is bad input, named', () => {
    const call = () => tightenPack(FRANCE, { consentRequiredFrom: '11/08/2026' });
    expect(call).toThrow(DialerInputError);
    expect(call).toThrow('consentRequiredFrom');
  });

  it('[PK4] refuses dropping a required list or shortening a lock', () => {
    const optional = { suppression: { required: false, maxAgeDays: 10 } };
    expect(() => tightenPack(UNITED_KINGDOM, optional)).toThrow('suppression.required');
    expect(() => tightenPack(UNITED_KINGDOM, { abandonLockHours: 24 })).toThrow('abandonLockHours');
  });
});
