// The tenant-wide history the gate reads (RUN2): attempts and refusals per number and client,
// across every campaign, abandon locks and do-not-call marks.
import type { LeadHistory } from '../gate/types.ts';

interface MutableHistory {
  attempts: { atMs: number; clientId: string }[];
  refusals: { atMs: number; clientId: string }[];
  abandonsAtMs: number[];
  doNotCall?: boolean;
}

const EMPTY: LeadHistory = { attempts: [], refusals: [], abandonsAtMs: [] };
// Entries older than this are dropped when a number is written: no pack looks back further
// (FR refusal: 60 days, attempts: 30 days; US abandon window: 30 days).
const KEEP_MS = 400 * 86_400_000;

export class TenantHistory {
  private readonly byNumber = new Map<string, MutableHistory>();

  /** What the gate needs to know of this number. */
  of(phoneE164: string): LeadHistory {
    return this.byNumber.get(phoneE164) ?? EMPTY;
  }

  recordAttempt(phoneE164: string, clientId: string, atMs: number): void {
    const history = this.entry(phoneE164, atMs);
    history.attempts.push({ atMs, clientId });
  }

  recordRefusal(phoneE164: string, clientId: string, atMs: number): void {
    this.entry(phoneE164, atMs).refusals.push({ atMs, clientId });
  }

  recordAbandon(phoneE164: string, atMs: number): void {
    this.entry(phoneE164, atMs).abandonsAtMs.push(atMs);
  }

  markDoNotCall(phoneE164: string, atMs: number): void {
    this.entry(phoneE164, atMs).doNotCall = true;
  }

  private entry(phoneE164: string, atMs: number): MutableHistory {
    let history = this.byNumber.get(phoneE164);
    if (history === undefined) {
      history = { attempts: [], refusals: [], abandonsAtMs: [] };
      this.byNumber.set(phoneE164, history);
    } else if ((history.attempts[0]?.atMs ?? Infinity) < atMs - KEEP_MS) {
      const since = atMs - KEEP_MS;
      history.attempts = history.attempts.filter((a) => a.atMs >= since);
      history.refusals = history.refusals.filter((r) => r.atMs >= since);
      history.abandonsAtMs = history.abandonsAtMs.filter((t) => t >= since);
    }
    return history;
  }
}
