// An independent, slow reading of the rules for property tests: fresh Intl calls with calendar
// date strings and date-holidays' own listing, none of the gate's caches or day arithmetic.
import Holidays from 'date-holidays';
import type { CampaignContext, Lead, LeadHistory } from '../gate/types.ts';
import type { RulePack } from '../packs/rule-pack.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();
const holidayLists = new Map<string, readonly string[]>();

interface LocalClock {
  readonly isoDate: string;
  readonly weekday: number;
  readonly minutes: number;
}

function localClock(timeZone: string, atMs: number): LocalClock {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(atMs).map((p) => [p.type, p.value]));
  const seconds = Number(parts.second) + (((atMs % 1000) + 1000) % 1000) / 1000;
  return {
    isoDate: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    minutes: Number(parts.hour) * 60 + Number(parts.minute) + seconds / 60,
  };
}

function isPublicHoliday(lead: Lead, isoDate: string): boolean {
  const { country, subdivision } = lead.holidayRegion;
  const key = `${country}/${subdivision ?? ''}/${isoDate.slice(0, 4)}`;
  let list = holidayLists.get(key);
  if (list === undefined) {
    const calendar =
      subdivision === undefined ? new Holidays(country) : new Holidays(country, subdivision);
    list = calendar
      .getHolidays(Number(isoDate.slice(0, 4)))
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10));
    holidayLists.set(key, list);
  }
  return list.includes(isoDate);
}

const daysBetween = (fromIso: string, toIso: string): number =>
  Math.round((Date.parse(toIso) - Date.parse(fromIso)) / DAY);

/** The rules that fail at an instant, as the gate's reason codes (GATE1's order is not kept). */
export function oracle(
  lead: Lead,
  history: LeadHistory,
  campaign: CampaignContext,
  pack: RulePack,
) {
  const attemptDates = history.attempts
    .filter((a) => a.clientId === campaign.clientId)
    .map((a) => localClock(lead.timeZone, a.atMs).isoDate);
  const refusalDates = history.refusals
    .filter((r) => r.clientId === campaign.clientId)
    .map((r) => localClock(lead.timeZone, r.atMs).isoDate);
  const lastAbandon = Math.max(-Infinity, ...history.abandonsAtMs);
  return (atMs: number): Set<string> => {
    const failing = new Set<string>();
    const clock = localClock(lead.timeZone, atMs);
    if (!pack.countries.includes(lead.country)) failing.add('pack.country');
    const list = campaign.suppression;
    if (history.doNotCall === true || list?.numbers.has(lead.phoneE164))
      failing.add('optout.listed');
    if (list === null && pack.suppression?.required) failing.add('optout.missing');
    if (
      list !== null &&
      pack.suppression &&
      atMs - list.scrubbedAtMs > pack.suppression.maxAgeDays * DAY
    ) {
      failing.add('optout.stale');
    }
    const consent = lead.consent;
    const consentValid =
      consent !== undefined &&
      consent.proof.trim().length > 0 &&
      consent.givenAtMs <= atMs &&
      !(consent.revokedAtMs !== undefined && consent.revokedAtMs <= atMs);
    if (pack.consent && clock.isoDate >= pack.consent.requiredFrom && !consentValid) {
      if (!(pack.consent.contractExempts && lead.contractRelation === true))
        failing.add(pack.consent.code);
    }
    if (pack.refusal) {
      const days = pack.refusal.days;
      if (refusalDates.some((d) => daysBetween(d, clock.isoDate) <= days))
        failing.add(pack.refusal.code);
    }
    if (pack.attempts) {
      const { max, windowDays } = pack.attempts;
      const inWindow = attemptDates.filter((d) => daysBetween(d, clock.isoDate) < windowDays);
      if (inWindow.length >= max) failing.add(pack.attempts.code);
    }
    if (pack.abandonLockHours !== null && atMs < lastAbandon + pack.abandonLockHours * HOUR) {
      failing.add('lock.abandon');
    }
    if (pack.holidays && isPublicHoliday(lead, clock.isoDate)) {
      failing.add(pack.holidays.code);
    } else {
      const windows = pack.hours.weekly[clock.weekday] ?? [];
      const lifted = pack.consentLiftsHours && consentValid && consent?.coversCallingHours === true;
      const open = lifted
        ? windows.length > 0
        : windows.some((w) => clock.minutes >= w.fromMinute && clock.minutes < w.toMinute);
      if (!open) failing.add(pack.hours.code);
    }
    return failing;
  };
}
