import type { HolidayRegion } from '../time/holidays.ts';

/** Proof of the callee's prior consent (loi 2025-594; D.223-9 when it covers calling hours). */
export interface ConsentRecord {
  readonly givenAtMs: number;
  /** Where the proof is kept (a recording, a signed form): required for the record to count. */
  readonly proof: string;
  readonly revokedAtMs?: number;
  /** The callee agreed to be called outside the calling hours. */
  readonly coversCallingHours?: boolean;
}

/** A lead after normalisation: an E.164 number, its country, time zone and holiday calendar. */
export interface Lead {
  readonly id: string;
  readonly phoneE164: string;
  readonly country: string;
  readonly timeZone: string;
  readonly holidayRegion: HolidayRegion;
  readonly consent?: ConsentRecord;
  readonly contractRelation?: boolean;
}

/** What happened to this number before, across every campaign of the tenant. */
export interface LeadHistory {
  readonly attempts: readonly { readonly atMs: number; readonly clientId: string }[];
  readonly refusals: readonly { readonly atMs: number; readonly clientId: string }[];
  readonly abandonsAtMs: readonly number[];
  /** The callee asked never to be called again (internal do-not-call). */
  readonly doNotCall?: boolean;
}

/** An opposition / suppression list (E.164 numbers) and when it was last scrubbed. */
export interface SuppressionList {
  readonly scrubbedAtMs: number;
  readonly numbers: ReadonlySet<string>;
}

/** The campaign facts the gate needs. */
export interface CampaignContext {
  readonly id: string;
  readonly clientId: string;
  readonly suppression: SuppressionList | null;
}
