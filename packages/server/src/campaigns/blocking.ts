// "Why isn't it dialing?" (LIST/CAMP views): the gate over a campaign's open leads with the
// tenant-wide history of their numbers, counted per first reason, cached for a few seconds,
// and each lead's answer written back to its blocked_by / dialable_at cache for the leads page.
// Leads are read a page at a time (a million-lead campaign is never in memory at once).
import {
  checkDial,
  compileCampaign,
  mergeSuppressionLists,
  type CampaignDefinition,
  type Lead,
  type LeadHistory,
  type SuppressionList,
} from '@relais/dialer';
import type { Campaign } from '@relais/protocol';
import type { LeadAttemptRecord, LeadBlocking, LeadRecord, Store } from '@relais/store';

export interface BlockingView {
  at: string;
  total: number;
  dialable: number;
  blocked: number;
  byReason: Record<string, number>;
  neverDialable: number;
  done: number;
}

/** Blocked-by for a lead every rule lets through whose recycling delay or callback is ahead. */
export const WAITING = 'campaign.waiting';
/** The longest history any pack rule reads (a year of refusal period, with margin). */
const HISTORY_DAYS = 400;
const DAY_MS = 86_400_000;
const CACHE_MS = 5_000;
/** Open leads judged per read (and their changed answers written per transaction). */
const LEADS_PER_PAGE = 5_000;

export function toDialerLead(lead: LeadRecord): Lead {
  return {
    id: lead.id,
    phoneE164: lead.phoneE164,
    country: lead.country,
    timeZone: lead.timeZone,
    holidayRegion: {
      country: lead.holidayCountry,
      ...(lead.holidaySubdivision === undefined ? {} : { subdivision: lead.holidaySubdivision }),
    },
    ...(lead.consentGivenAtMs === undefined
      ? {}
      : {
          consent: {
            givenAtMs: lead.consentGivenAtMs,
            proof: lead.consentProof ?? '',
            ...(lead.consentCoversHours === undefined
              ? {}
              : { coversCallingHours: lead.consentCoversHours }),
          },
        }),
    ...(lead.contractRelation === undefined ? {} : { contractRelation: lead.contractRelation }),
  };
}

/** The campaign's settings as the dialer reads them (the protocol's shape, defaults applied). */
export function toSettings(campaign: Campaign): CampaignDefinition {
  return {
    id: campaign.id,
    clientId: campaign.clientId,
    mode: campaign.mode,
    callerId: campaign.callerId,
    rulePack: campaign.rulePack,
    ...(campaign.tighten === undefined ? {} : { tighten: campaign.tighten }),
    dispositions: campaign.dispositions,
    recycling: campaign.recycling,
    pacing:
      campaign.pacing.abandonWindowHours === undefined
        ? {}
        : { abandonWindowHours: campaign.pacing.abandonWindowHours },
    suppressionListIds: campaign.suppressionListIds,
  };
}

/** The suppression lists a campaign names, as the one list the gate scrubs against (CAMP5). */
export async function suppressionOf(
  store: Store,
  tenantId: string,
  campaign: Campaign,
): Promise<SuppressionList | null> {
  const lists = [];
  const stored = await store.listSuppressionLists(tenantId);
  for (const listId of campaign.suppressionListIds) {
    const record = stored.find((list) => list.id === listId);
    // A list named by the campaign but absent counts as no list (optout.missing if required).
    if (record === undefined) continue;
    const numbers = await store.suppressionNumbers(tenantId, listId);
    lists.push({ scrubbedAtMs: Date.parse(record.scrubbedAt), numbers: new Set(numbers) });
  }
  return mergeSuppressionLists(lists);
}

/** Each number's history: attempts and refusals per client, abandons, do-not-call. */
export function historiesOf(
  attempts: readonly LeadAttemptRecord[],
  nowMs: number,
): Map<string, LeadHistory> {
  const histories = new Map<
    string,
    {
      attempts: { atMs: number; clientId: string }[];
      refusals: { atMs: number; clientId: string }[];
      abandonsAtMs: number[];
      doNotCall: boolean;
    }
  >();
  for (const attempt of attempts) {
    // The gate refuses history after its instant; a clock skew must not break the view.
    if (attempt.atMs > nowMs) continue;
    let history = histories.get(attempt.phoneE164);
    if (history === undefined) {
      history = { attempts: [], refusals: [], abandonsAtMs: [], doNotCall: false };
      histories.set(attempt.phoneE164, history);
    }
    const entry = { atMs: attempt.atMs, clientId: attempt.clientId };
    history.attempts.push(entry);
    if (attempt.flag === 'refusal') history.refusals.push(entry);
    if (attempt.flag === 'doNotCall') history.doNotCall = true;
    if (attempt.outcome === 'abandoned') history.abandonsAtMs.push(attempt.atMs);
  }
  return histories;
}

const EMPTY: LeadHistory = { attempts: [], refusals: [], abandonsAtMs: [] };

export class BlockingCache {
  private readonly entries = new Map<string, { atMs: number; view: BlockingView }>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly leadsPerPage = LEADS_PER_PAGE,
  ) {}

  /** Forgets a campaign's cached answer (its settings, leads or lists changed). */
  forget(tenantId: string, campaignId: string): void {
    this.entries.delete(`${tenantId}\u0000${campaignId}`);
  }

  async summary(tenantId: string, campaign: Campaign): Promise<BlockingView> {
    const key = `${tenantId}\u0000${campaign.id}`;
    const nowMs = this.clock();
    const cached = this.entries.get(key);
    if (cached !== undefined && nowMs - cached.atMs < CACHE_MS) return cached.view;
    const view = await this.compute(tenantId, campaign, nowMs);
    if (this.entries.size > 1_000) this.entries.clear();
    this.entries.set(key, { atMs: nowMs, view });
    return view;
  }

  private async compute(
    tenantId: string,
    campaign: Campaign,
    nowMs: number,
  ): Promise<BlockingView> {
    const { pack } = compileCampaign(toSettings(campaign));
    const context = {
      id: campaign.id,
      clientId: campaign.clientId,
      suppression: await suppressionOf(this.store, tenantId, campaign),
    };
    const histories = historiesOf(
      await this.store.numberAttempts(tenantId, campaign.id, nowMs - HISTORY_DAYS * DAY_MS),
      nowMs,
    );
    const counts = await this.store.campaignCounts(tenantId, campaign.id, nowMs);
    const done = counts.leadsByState.done ?? 0;
    const byReason: Record<string, number> = {};
    let open = 0;
    let dialable = 0;
    let neverDialable = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.store.openLeads(tenantId, campaign.id, {
        ...(after === undefined ? {} : { after }),
        limit: this.leadsPerPage,
      });
      const changed: LeadBlocking[] = [];
      for (const lead of page) {
        const decision = checkDial(
          toDialerLead(lead),
          histories.get(lead.phoneE164) ?? EMPTY,
          context,
          pack,
          nowMs,
        );
        let blockedBy: string | undefined;
        let dialableAtMs: number | null | undefined;
        if (!decision.dialable) {
          blockedBy = decision.reason;
          dialableAtMs = decision.dialableAt;
          if (decision.dialableAt === null) neverDialable++;
        } else if (lead.nextAtMs !== undefined && lead.nextAtMs > nowMs) {
          blockedBy = WAITING;
          dialableAtMs = lead.nextAtMs;
        } else dialable++;
        if (blockedBy !== undefined) byReason[blockedBy] = (byReason[blockedBy] ?? 0) + 1;
        if (
          lead.blockedBy !== blockedBy ||
          (blockedBy !== undefined && lead.dialableAtMs !== dialableAtMs)
        ) {
          changed.push({
            id: lead.id,
            ...(blockedBy === undefined ? {} : { blockedBy, dialableAtMs: dialableAtMs ?? null }),
          });
        }
      }
      await this.store.setLeadBlocking(tenantId, changed);
      open += page.length;
      const last = page.at(-1);
      if (last === undefined || page.length < this.leadsPerPage) break;
      after = last.id;
    }
    return {
      at: new Date(nowMs).toISOString(),
      total: open + done,
      dialable,
      blocked: open - dialable,
      byReason,
      neverDialable,
      done,
    };
  }
}
