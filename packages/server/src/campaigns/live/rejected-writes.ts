// The dialer writes the store refused for good (a constraint, a bad value), per campaign: how
// many since the server started (or the campaign was created), and the last few for
// `GET …/stats`. Each is logged once too.
import type { DialerWrite } from '@relais/store';

/** The last refused writes kept per campaign. */
export const KEPT_REJECTED = 20;

/** A dialer write set aside, as the figures show it. */
export interface RejectedWrite {
  readonly atMs: number;
  readonly kind: DialerWrite['kind'];
  readonly leadId: string;
  readonly callId?: string;
  readonly error: string;
}

export interface CampaignRejections {
  readonly count: number;
  /** Oldest first, at most KEPT_REJECTED. */
  readonly recent: readonly RejectedWrite[];
}

const NONE: CampaignRejections = { count: 0, recent: [] };

const keyOf = (tenantId: string, campaignId: string): string => `${tenantId}\u0000${campaignId}`;

/** The rejections of every tenant's campaigns (kept across a tenant's dialer being rebuilt). */
export class RejectedWrites {
  private readonly byCampaign = new Map<string, { count: number; recent: RejectedWrite[] }>();

  record(tenantId: string, campaignId: string, write: DialerWrite, error: unknown, atMs: number) {
    const key = keyOf(tenantId, campaignId);
    let entry = this.byCampaign.get(key);
    if (entry === undefined) {
      entry = { count: 0, recent: [] };
      this.byCampaign.set(key, entry);
    }
    entry.count += 1;
    entry.recent.push({
      atMs,
      kind: write.kind,
      leadId: write.leadId,
      ...('callId' in write ? { callId: write.callId } : {}),
      error: error instanceof Error ? error.message : String(error),
    });
    if (entry.recent.length > KEPT_REJECTED) entry.recent.shift();
  }

  /** The campaign was deleted: a new one with its id starts with none. */
  forget(tenantId: string, campaignId: string): void {
    this.byCampaign.delete(keyOf(tenantId, campaignId));
  }

  of(tenantId: string, campaignId: string): CampaignRejections {
    return this.byCampaign.get(keyOf(tenantId, campaignId)) ?? NONE;
  }
}
