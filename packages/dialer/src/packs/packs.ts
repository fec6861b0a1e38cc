// The rule packs. Figures and sources: shared/docs/COMPLIANCE.md and SPEC.md (PK1–PK3).
import type { CallingWindow, RulePack, WeeklyWindows } from './rule-pack.ts';

const at = (hour: number, minute = 0): number => hour * 60 + minute;
const none: readonly CallingWindow[] = [];

// D.223-9: Monday to Friday, 10:00–13:00 and 14:00–20:00; no Saturday or Sunday.
const frenchDay: readonly CallingWindow[] = [
  { fromMinute: at(10), toMinute: at(13) },
  { fromMinute: at(14), toMinute: at(20) },
];

/** France, consumers (PK1): D.223-9, L.3133-1, L.3134-13, loi 2025-594 art. 13. */
export const FRANCE: RulePack = {
  id: 'FR',
  // Metropolitan France and the overseas départements, regions and collectivities.
  countries: ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF', 'NC'],
  hours: {
    code: 'FR.hours',
    weekly: [frenchDay, frenchDay, frenchDay, frenchDay, frenchDay, none, none],
  },
  holidays: { code: 'FR.holiday' },
  // D.223-9: at most 4 calls or attempts per professional per 30 calendar days.
  attempts: { code: 'FR.attempts30d', max: 4, windowDays: 30 },
  // D.223-9: no new solicitation for 60 days after a refusal.
  refusal: { code: 'FR.refusal60d', days: 60 },
  // Loi 2025-594 art. 13: prior consent with proof since 11 August 2026; contracts excepted.
  consent: { code: 'FR.consent', requiredFrom: '2026-08-11', contractExempts: true },
  // D.223-9: prior, express, provable consent puts a call outside the hours rule.
  consentLiftsHours: true,
  // Bloctel ended 10 August 2026: a list is optional, but a loaded one is refused past 30 days.
  suppression: { required: false, maxAgeDays: 30 },
  // No redial lock in French law (silent calls are a harassment risk): campaigns may add one.
  abandonLockHours: null,
  // Arcep (decisions of 2022, in force 1 January 2023): automated dialing presents a number of
  // these ranges (0162, 0163, 0270 … written as E.164); 06/07 mobiles are for calls between people.
  callerId: {
    code: 'FR.callerId',
    allowedPrefixes: [
      '162',
      '163',
      '270',
      '271',
      '377',
      '378',
      '424',
      '425',
      '568',
      '569',
      '948',
      '949',
    ].map((range) => `+33${range}`),
    refusedPrefixes: [
      { prefix: '+336', reason: 'is a mobile (06) number, for calls between people only (Arcep)' },
      { prefix: '+337', reason: 'is a mobile (07) number, for calls between people only (Arcep)' },
    ],
  },
};

const usDay: readonly CallingWindow[] = [{ fromMinute: at(8), toMinute: at(21) }];

/** United States (PK2): 47 CFR 64.1200(c)(1) hours; national and internal do-not-call lists. */
export const UNITED_STATES: RulePack = {
  id: 'US',
  countries: ['US'],
  hours: { code: 'US.hours', weekly: [usDay, usDay, usDay, usDay, usDay, usDay, usDay] },
  holidays: null,
  attempts: null,
  refusal: null,
  consent: null,
  consentLiftsHours: false,
  // 16 CFR 310.4(b)(3)(iv): the registry is accessed within 31 days before a call (not a figure of
  // COMPLIANCE.md; see SPEC.md PK2).
  suppression: { required: true, maxAgeDays: 31 },
  abandonLockHours: null,
};

// No statutory calling hours in the UK; 08:00–21:00 every day is a house default (SPEC.md PK3).
const ukDay: readonly CallingWindow[] = [{ fromMinute: at(8), toMinute: at(21) }];
const ukWeek: WeeklyWindows = [ukDay, ukDay, ukDay, ukDay, ukDay, ukDay, ukDay];

/** United Kingdom (PK3): TPS screening every 28 days; Ofcom 72-hour lock after an abandon. */
export const UNITED_KINGDOM: RulePack = {
  id: 'UK',
  countries: ['GB', 'GG', 'JE', 'IM'],
  hours: { code: 'UK.hours', weekly: ukWeek },
  holidays: null,
  attempts: null,
  refusal: null,
  consent: null,
  consentLiftsHours: false,
  suppression: { required: true, maxAgeDays: 28 },
  abandonLockHours: 72,
};

export const RULE_PACKS: readonly RulePack[] = [FRANCE, UNITED_STATES, UNITED_KINGDOM];

/** The pack that serves a callee's country by default, if any (France for +33 and overseas). */
export function defaultPackFor(country: string): RulePack | undefined {
  return RULE_PACKS.find((pack) => pack.countries.includes(country));
}
