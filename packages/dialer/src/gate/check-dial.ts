// The compliance gate (GATE1–GATE4): checked before every dial.
import { DialerInputError } from '../errors.ts';
import type { ReasonCode, RulePack } from '../packs/rule-pack.ts';
import {
  DAY_MS,
  dayOfIsoDate,
  firstInstantAtOrAfterWall,
  isKnownTimeZone,
  localDay,
} from '../time/zoned-time.ts';
import { callingTimeFailure, type RuleFailure } from './calling-time.ts';
import type { CampaignContext, ConsentRecord, Lead, LeadHistory } from './types.ts';

const HOUR_MS = 3_600_000;
const MAX_SEARCH_STEPS = 200;

/** The gate's answer: dial now, or the rule that stops the lead and when it will not. */
export type DialDecision =
  | { readonly dialable: true }
  | {
      readonly dialable: false;
      /** The first rule that stops the lead now (the order of SPEC.md GATE2). */
      readonly reason: ReasonCode;
      /** Every rule that stops it now. */
      readonly reasons: readonly ReasonCode[];
      /** The earliest instant every rule passes, or null when none will without new data. */
      readonly dialableAt: number | null;
    };

function consentValid(consent: ConsentRecord | undefined, atMs: number): boolean {
  return (
    consent !== undefined &&
    consent.proof.trim() !== '' &&
    consent.givenAtMs <= atMs &&
    (consent.revokedAtMs === undefined || atMs < consent.revokedAtMs)
  );
}

function startOfLocalDay(lead: Lead, day: number): number {
  return firstInstantAtOrAfterWall(lead.timeZone, day * DAY_MS);
}

function failures(
  lead: Lead,
  history: LeadHistory,
  campaign: CampaignContext,
  pack: RulePack,
  atMs: number,
): RuleFailure[] {
  const found: RuleFailure[] = [];
  if (!pack.countries.includes(lead.country)) found.push({ code: 'pack.country', nextMs: null });
  const list = campaign.suppression;
  if (history.doNotCall === true || list?.numbers.has(lead.phoneE164) === true) {
    found.push({ code: 'optout.listed', nextMs: null });
  }
  if (list === null && pack.suppression?.required === true) {
    found.push({ code: 'optout.missing', nextMs: null });
  }
  const maxAgeDays = pack.suppression?.maxAgeDays;
  if (list !== null && maxAgeDays !== undefined && atMs - list.scrubbedAtMs > maxAgeDays * DAY_MS) {
    found.push({ code: 'optout.stale', nextMs: null });
  }
  const today = localDay(lead.timeZone, atMs);
  const consentOk = consentValid(lead.consent, atMs);
  if (pack.consent !== null && today >= dayOfIsoDate(pack.consent.requiredFrom) && !consentOk) {
    const contract = pack.consent.contractExempts && lead.contractRelation === true;
    if (!contract) {
      const later =
        lead.consent !== undefined && consentValid(lead.consent, lead.consent.givenAtMs);
      const nextMs = later && lead.consent.givenAtMs > atMs ? lead.consent.givenAtMs : null;
      found.push({ code: pack.consent.code, nextMs });
    }
  }
  if (pack.refusal !== null) {
    let lastDay = -Infinity;
    for (const refusal of history.refusals) {
      if (refusal.clientId === campaign.clientId) {
        lastDay = Math.max(lastDay, localDay(lead.timeZone, refusal.atMs));
      }
    }
    // The refusal's day and the `days` calendar days after it are closed.
    if (today <= lastDay + pack.refusal.days) {
      const nextMs = startOfLocalDay(lead, lastDay + pack.refusal.days + 1);
      found.push({ code: pack.refusal.code, nextMs });
    }
  }
  if (pack.attempts !== null) {
    const { max, windowDays, code } = pack.attempts;
    const days: number[] = [];
    for (const attempt of history.attempts) {
      if (attempt.clientId !== campaign.clientId) continue;
      const day = localDay(lead.timeZone, attempt.atMs);
      if (day > today - windowDays) days.push(day);
    }
    // One more call must keep every `windowDays` run of calendar days at `max` or fewer.
    if (days.length >= max) {
      days.sort((a, b) => a - b);
      const freedDay = (days[days.length - max] ?? today) + windowDays;
      found.push({ code, nextMs: startOfLocalDay(lead, freedDay) });
    }
  }
  if (pack.abandonLockHours !== null && history.abandonsAtMs.length > 0) {
    const unlockMs = Math.max(...history.abandonsAtMs) + pack.abandonLockHours * HOUR_MS;
    if (atMs < unlockMs) found.push({ code: 'lock.abandon', nextMs: unlockMs });
  }
  const hoursLifted =
    pack.consentLiftsHours && consentOk && lead.consent?.coversCallingHours === true;
  const timeFailure = callingTimeFailure(lead, pack, atMs, hoursLifted);
  if (timeFailure !== null) found.push(timeFailure);
  return found;
}

function checkInstants(field: string, instants: readonly number[], nowMs: number): void {
  for (let index = 0; index < instants.length; index++) {
    const atMs = instants[index] ?? Number.NaN;
    if (!Number.isFinite(atMs) || atMs > nowMs) {
      throw new DialerInputError(`${field}[${index}]`, 'must be finite and not after nowMs');
    }
  }
}

function checkEntries(field: string, entries: readonly { atMs: number }[], nowMs: number): void {
  for (let index = 0; index < entries.length; index++) {
    const atMs = entries[index]?.atMs ?? Number.NaN;
    if (!Number.isFinite(atMs) || atMs > nowMs) {
      throw new DialerInputError(`${field}[${index}].atMs`, 'must be finite and not after nowMs');
    }
  }
}

function validate(lead: Lead, history: LeadHistory, nowMs: number): void {
  if (!Number.isFinite(nowMs)) throw new DialerInputError('nowMs', 'must be finite epoch ms');
  checkEntries('history.attempts', history.attempts, nowMs);
  checkEntries('history.refusals', history.refusals, nowMs);
  checkInstants('history.abandonsAtMs', history.abandonsAtMs, nowMs);
  if (lead.phoneE164 === '') throw new DialerInputError('lead.phoneE164', 'is empty');
  if (!isKnownTimeZone(lead.timeZone)) {
    throw new DialerInputError('lead.timeZone', `unknown IANA time zone "${lead.timeZone}"`);
  }
}

/** Checks every rule of the pack for one lead at `nowMs`; says which rule stops it and until when. */
export function checkDial(
  lead: Lead,
  history: LeadHistory,
  campaign: CampaignContext,
  pack: RulePack,
  nowMs: number,
): DialDecision {
  validate(lead, history, nowMs);
  const now = failures(lead, history, campaign, pack, nowMs);
  const first = now[0];
  if (first === undefined) return { dialable: true };
  const reasons = now.map((failure) => failure.code);
  let pending = now;
  let dialableAt: number | null = null;
  for (let step = 0; step < MAX_SEARCH_STEPS; step++) {
    let next = -Infinity;
    for (const failure of pending) {
      if (failure.nextMs === null)
        return { dialable: false, reason: first.code, reasons, dialableAt };
      next = Math.max(next, failure.nextMs);
    }
    pending = failures(lead, history, campaign, pack, next);
    if (pending.length === 0) {
      dialableAt = next;
      break;
    }
  }
  return { dialable: false, reason: first.code, reasons, dialableAt };
}
