// Test builders: one place that knows how to make a valid lead, history or campaign.
import type { CampaignContext, Lead, LeadHistory } from '../gate/types.ts';
import { FRANCE } from '../packs/packs.ts';
import type { CampaignSettings } from '../runtime/types.ts';

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

/** A campaign's runtime settings: French pack, progressive, two dispositions of each kind. */
export function makeSettings(overrides: Partial<CampaignSettings> = {}): CampaignSettings {
  return {
    id: 'camp-1',
    clientId: 'client-a',
    mode: 'progressive',
    queueId: 'outbound',
    callerId: '+33162000000',
    pack: FRANCE,
    suppression: null,
    dispositions: [
      { id: 'sale', flag: 'success' },
      { id: 'no-thanks', flag: 'refusal' },
      { id: 'never', flag: 'doNotCall' },
      { id: 'later', flag: 'callback' },
    ],
    recycling: [{ outcome: 'noAnswer', delayMinutes: 60, maxAttempts: 3 }],
    pacing: { abandonTarget: 0.03, maxLinesPerAgent: 3, ringTimeoutSeconds: 25 },
    timeZone: 'Europe/Paris',
    ...overrides,
  };
}

/** `count` Paris leads with distinct mobile numbers and a contract relation. */
export function makeLeads(count: number, overrides: Partial<Lead> = {}): Lead[] {
  return Array.from({ length: count }, (_, i) =>
    makeLead({ id: `lead-${i + 1}`, phoneE164: `+336${String(10_000_000 + i)}`, ...overrides }),
  );
}
