// Test builders: one place that knows how to make a valid lead, history or campaign.
import type { CampaignContext, Lead, LeadHistory } from '../gate/types.ts';

/** Epoch ms of an ISO instant (with its offset), for readable tests. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** A Paris consumer with a mobile number and a contract relation (consent not needed). */
export function makeLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: 'lead-1',
    phoneE164: '+33612345678',
    country: 'FR',
    timeZone: 'Europe/Paris',
    holidayRegion: { country: 'FR' },
    contractRelation: true,
    ...overrides,
  };
}

export function makeHistory(overrides: Partial<LeadHistory> = {}): LeadHistory {
  return { attempts: [], refusals: [], abandonsAtMs: [], ...overrides };
}

export function makeCampaign(overrides: Partial<CampaignContext> = {}): CampaignContext {
  return { id: 'camp-1', clientId: 'client-a', suppression: null, ...overrides };
}
