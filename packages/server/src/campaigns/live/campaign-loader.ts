// A stored campaign as the live dialer runs it (issue 8): its settings compiled, its open leads
// with their stored progress, its figures so far (the abandon window, today's counts) and the
// tenant-wide history of its numbers.
import {
  compileCampaign,
  type CampaignRuntime,
  localInstant,
  type CampaignSettings,
  type Lead,
  type TenantHistory,
} from '@relais/dialer';
import type { Campaign } from '@relais/protocol';
import type { CallbackRecord, LeadAttemptRecord, LeadRecord, Store } from '@relais/store';
import { suppressionOf, toDialerLead, toSettings } from '../blocking.ts';

/** The longest history any pack rule reads (a year of refusal period, with margin). */
const HISTORY_DAYS = 400;
const DAY_MS = 86_400_000;

/** The zone whose calendar day a campaign's "today" counts in: its rule pack's country. */
export function campaignTimeZone(rulePack: string): string {
  if (rulePack === 'UK') return 'Europe/London';
  if (rulePack === 'US') return 'America/New_York';
  return 'Europe/Paris';
}

/** The first instant of the zone's calendar day holding `nowMs`. */
export function startOfLocalDay(timeZone: string, nowMs: number): number {
  const isoDate = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(nowMs);
  return localInstant(timeZone, isoDate, 0);
}

export interface LoadedCampaign {
  readonly settings: CampaignSettings;
  readonly leads: Lead[];
  /** The open leads as stored (state, attempts, next time). */
  readonly stored: LeadRecord[];
  /** Due callbacks by lead (the latest one promised). */
  readonly callbacks: Map<string, CallbackRecord>;
  /** This campaign's attempts, oldest first (for the ledger and today's counts). */
  readonly ownAttempts: LeadAttemptRecord[];
}

export function runtimeSettings(campaign: Campaign): CampaignSettings {
  const { pack } = compileCampaign(toSettings(campaign));
  return {
    id: campaign.id,
    clientId: campaign.clientId,
    mode: campaign.mode,
    queueId: campaign.queueId,
    callerId: campaign.callerId,
    pack,
    suppression: null,
    dispositions: campaign.dispositions,
    recycling: campaign.recycling,
    pacing: {
      abandonTarget: campaign.pacing.abandonTarget,
      ...(campaign.pacing.abandonWindowHours === undefined
        ? {}
        : { abandonWindowHours: campaign.pacing.abandonWindowHours }),
      maxLinesPerAgent: campaign.pacing.maxLinesPerAgent,
      ringTimeoutSeconds: campaign.pacing.ringTimeoutSeconds,
    },
    timeZone: campaignTimeZone(campaign.rulePack),
  };
}

/**
 * Loads a campaign. The stored attempts of its numbers not loaded yet (`loaded`) go into the
 * tenant's history, with their refusals, do-not-call marks and abandons; a number loaded before
 * is skipped: the live runtimes have kept its history since (their attempts are in the store
 * too, and must not be counted twice).
 */
export async function loadCampaign(
  store: Store,
  tenantId: string,
  campaign: Campaign,
  history: TenantHistory,
  loaded: Set<string>,
  nowMs: number,
): Promise<LoadedCampaign> {
  const settings = {
    ...runtimeSettings(campaign),
    suppression: await suppressionOf(store, tenantId, campaign),
  };
  const stored = await store.openLeads(tenantId, campaign.id);
  const callbacks = new Map<string, CallbackRecord>();
  for (const callback of await store.listCallbacks(tenantId, campaign.id)) {
    callbacks.set(callback.leadId, callback);
  }
  const attempts = await store.numberAttempts(tenantId, campaign.id, nowMs - HISTORY_DAYS * DAY_MS);
  for (const attempt of attempts) {
    if (loaded.has(attempt.phoneE164) || attempt.atMs > nowMs) continue;
    addToHistory(history, attempt);
  }
  for (const lead of stored) loaded.add(lead.phoneE164);
  return {
    settings,
    leads: stored.map(toDialerLead),
    stored,
    callbacks,
    ownAttempts: attempts.filter((attempt) => attempt.campaignId === campaign.id),
  };
}

/** One stored attempt into the gate's tenant-wide history. */
export function addToHistory(history: TenantHistory, attempt: LeadAttemptRecord): void {
  history.recordAttempt(attempt.phoneE164, attempt.clientId, attempt.atMs);
  if (attempt.flag === 'refusal') {
    history.recordRefusal(attempt.phoneE164, attempt.clientId, attempt.atMs);
  }
  if (attempt.flag === 'doNotCall') history.markDoNotCall(attempt.phoneE164, attempt.atMs);
  if (attempt.outcome === 'abandoned') history.recordAbandon(attempt.phoneE164, attempt.atMs);
}

/** Today's counts and the abandon ledger from the campaign's stored attempts (a rebuild). */
export function seedFigures(
  runtime: CampaignRuntime,
  attempts: readonly { atMs: number; outcome: string; flag?: string }[],
  nowMs: number,
): void {
  const dayStart = startOfLocalDay(runtime.settings.timeZone, nowMs);
  const today = runtime.dailyCounts;
  for (const attempt of attempts) {
    if (attempt.atMs > nowMs) continue;
    const person = attempt.outcome === 'answered' || attempt.outcome === 'abandoned';
    if (person) runtime.ledger.recordAnswer(attempt.atMs, attempt.outcome === 'abandoned');
    if (attempt.atMs < dayStart) continue;
    today.add(attempt.atMs, 'placed');
    if (person) today.add(attempt.atMs, 'answeredHuman');
    if (attempt.outcome === 'abandoned') today.add(attempt.atMs, 'abandoned');
    else if (attempt.outcome !== 'answered') {
      today.add(attempt.atMs, attempt.outcome as 'busy');
    }
    if (attempt.flag === 'success') today.add(attempt.atMs, 'success');
  }
}
