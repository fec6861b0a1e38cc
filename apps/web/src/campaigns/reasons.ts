// "Why isn't it dialing?" in words: each blocking reason code of the compliance gate
// (@relais/dialer ReasonCode, e.g. FR.hours, optout.stale) read as a rule a person understands,
// with the pack it comes from and whether waiting will free the leads it holds.
import type { MessageKey } from '../i18n/messages-en.ts';

export type ReasonFamily =
  | 'hours'
  | 'holiday'
  | 'attempts30d'
  | 'refusal60d'
  | 'consent'
  | 'pack.country'
  | 'optout.listed'
  | 'optout.missing'
  | 'optout.stale'
  | 'lock.abandon'
  /** The server's: every rule passes, the recycling delay or callback time has not come. */
  | 'campaign.waiting'
  | 'unknown';

export interface ReasonText {
  family: ReasonFamily;
  /** The rule pack the code belongs to (FR, US, UK), for the pack-specific rules. */
  pack?: string;
  title: MessageKey;
  explanation: MessageKey;
  /** Waiting frees these leads (hours, holiday, attempts, refusal, lock); else new data must. */
  waitFrees: boolean;
}

const PACK_RULES = ['hours', 'holiday', 'attempts30d', 'refusal60d', 'consent'] as const;
const WAITING = new Set<ReasonFamily>([
  'hours',
  'holiday',
  'attempts30d',
  'refusal60d',
  'lock.abandon',
  'campaign.waiting',
]);
const FIXED = [
  'pack.country',
  'optout.listed',
  'optout.missing',
  'optout.stale',
  'lock.abandon',
  'campaign.waiting',
];

/** The family of a reason code: `FR.hours` → hours of pack FR; `optout.stale` → itself. */
export function reasonFamily(code: string): { family: ReasonFamily; pack?: string } {
  if (FIXED.includes(code)) return { family: code as ReasonFamily };
  const dot = code.indexOf('.');
  if (dot > 0) {
    const rule = code.slice(dot + 1);
    const known = PACK_RULES.find((r) => r === rule);
    if (known !== undefined) return { family: known, pack: code.slice(0, dot) };
  }
  return { family: 'unknown' };
}

/** The words for a reason code; an unknown code keeps a generic text naming it. */
export function explainReason(code: string): ReasonText {
  const { family, pack } = reasonFamily(code);
  const key = family === 'hours' && pack !== undefined && pack !== 'FR' ? 'hoursOther' : family;
  return {
    family,
    ...(pack === undefined ? {} : { pack }),
    title: `campaigns.reason.${key}.title` as MessageKey,
    explanation: `campaigns.reason.${key}.text` as MessageKey,
    waitFrees: WAITING.has(family),
  };
}
