// A campaign picks a pack and may only tighten it (PK4).
import { DialerInputError, LooseningRefused } from '../errors.ts';
import { dayOfIsoDate } from '../time/zoned-time.ts';
import type { CallingWindow, RulePack, WeeklyWindows } from './rule-pack.ts';

/** What a campaign may change in its pack; every field may only make the pack stricter. */
export interface PackTightening {
  readonly weekly?: WeeklyWindows;
  readonly blockHolidays?: true;
  readonly attempts?: { readonly max: number; readonly windowDays: number };
  readonly refusalDays?: number;
  readonly consentRequiredFrom?: string;
  readonly contractExempts?: false;
  readonly consentLiftsHours?: false;
  readonly suppression?: { readonly required: boolean; readonly maxAgeDays: number };
  readonly abandonLockHours?: number;
}

function within(inner: CallingWindow, outer: readonly CallingWindow[]): boolean {
  return outer.some((w) => inner.fromMinute >= w.fromMinute && inner.toMinute <= w.toMinute);
}

function checkWindow(window: CallingWindow, field: string): void {
  const { fromMinute, toMinute } = window;
  if (!Number.isInteger(fromMinute) || !Number.isInteger(toMinute)) {
    throw new LooseningRefused(field, 'must be whole minutes');
  }
  if (fromMinute < 0 || toMinute > 1440 || fromMinute >= toMinute) {
    throw new LooseningRefused(field, 'must be 0 ≤ fromMinute < toMinute ≤ 1440');
  }
}

function positive(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new LooseningRefused(field, 'must be a whole number ≥ 1');
  }
}

/** The campaign's pack: the base pack with the tightening applied; refuses any loosening. */
export function tightenPack(pack: RulePack, tightening: PackTightening): RulePack {
  let result: RulePack = pack;
  const t = tightening;
  if (t.weekly !== undefined) {
    t.weekly.forEach((windows, day) => {
      windows.forEach((window, index) => {
        const field = `weekly[${day}][${index}]`;
        checkWindow(window, field);
        if (!within(window, pack.hours.weekly[day] ?? [])) {
          throw new LooseningRefused(field, "is outside the pack's calling windows");
        }
      });
    });
    result = { ...result, hours: { ...pack.hours, weekly: t.weekly } };
  }
  if (t.blockHolidays === true && pack.holidays === null) {
    result = { ...result, holidays: { code: `${pack.id}.holiday` } };
  }
  if (t.attempts !== undefined) {
    positive(t.attempts.max, 'attempts.max');
    positive(t.attempts.windowDays, 'attempts.windowDays');
    if (pack.attempts !== null && t.attempts.max > pack.attempts.max) {
      throw new LooseningRefused('attempts.max', `exceeds the pack's ${pack.attempts.max}`);
    }
    if (pack.attempts !== null && t.attempts.windowDays < pack.attempts.windowDays) {
      const limit = pack.attempts.windowDays;
      throw new LooseningRefused('attempts.windowDays', `is shorter than the pack's ${limit}`);
    }
    result = {
      ...result,
      attempts: { code: pack.attempts?.code ?? `${pack.id}.attempts30d`, ...t.attempts },
    };
  }
  if (t.refusalDays !== undefined) {
    positive(t.refusalDays, 'refusalDays');
    if (pack.refusal !== null && t.refusalDays < pack.refusal.days) {
      throw new LooseningRefused('refusalDays', `is shorter than the pack's ${pack.refusal.days}`);
    }
    const code = pack.refusal?.code ?? `${pack.id}.refusal60d`;
    result = { ...result, refusal: { code, days: t.refusalDays } };
  }
  if (t.consentRequiredFrom !== undefined || t.contractExempts !== undefined) {
    const from = t.consentRequiredFrom ?? pack.consent?.requiredFrom ?? '1970-01-01';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from))) {
      throw new DialerInputError('consentRequiredFrom', `"${from}" is not a YYYY-MM-DD date`);
    }
    if (pack.consent !== null && dayOfIsoDate(from) > dayOfIsoDate(pack.consent.requiredFrom)) {
      throw new LooseningRefused(
        'consentRequiredFrom',
        `is after the pack's ${pack.consent.requiredFrom}`,
      );
    }
    const contractExempts = t.contractExempts ?? pack.consent?.contractExempts ?? true;
    const code = pack.consent?.code ?? `${pack.id}.consent`;
    result = { ...result, consent: { code, requiredFrom: from, contractExempts } };
  }
  if (t.consentLiftsHours === false) result = { ...result, consentLiftsHours: false };
  if (t.suppression !== undefined) {
    positive(t.suppression.maxAgeDays, 'suppression.maxAgeDays');
    const base = pack.suppression;
    if (base?.required === true && !t.suppression.required) {
      throw new LooseningRefused('suppression.required', 'the pack requires a list');
    }
    if (base !== null && t.suppression.maxAgeDays > base.maxAgeDays) {
      throw new LooseningRefused('suppression.maxAgeDays', `exceeds the pack's ${base.maxAgeDays}`);
    }
    result = { ...result, suppression: t.suppression };
  }
  if (t.abandonLockHours !== undefined) {
    if (!(t.abandonLockHours > 0)) {
      throw new LooseningRefused('abandonLockHours', 'must be a positive number of hours');
    }
    if (pack.abandonLockHours !== null && t.abandonLockHours < pack.abandonLockHours) {
      const limit = pack.abandonLockHours;
      throw new LooseningRefused('abandonLockHours', `is shorter than the pack's ${limit}`);
    }
    result = { ...result, abandonLockHours: t.abandonLockHours };
  }
  return result;
}
