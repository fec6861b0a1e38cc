// A scenario campaign as a simulated campaign day (SIMO3): the runtime's settings, generated
// leads and the agents' shifts as instants of the campaign's date and zone.
import { localInstant, type CampaignSettings } from '@relais/dialer';
import { secondsOfDay } from '../scenario/clock-time.ts';
import { campaignPack } from './campaign-checks.ts';
import type { ScenarioCampaign } from './campaign-scenario.ts';
import { generateLeads } from './lead-generator.ts';
import type { OutboundRun } from './simulate-campaign.ts';

export function campaignRun(campaign: ScenarioCampaign, seed: number): OutboundRun {
  const instant = (time: string): number =>
    localInstant(campaign.timeZone, campaign.date, secondsOfDay(time) / 60);
  const { abandonWindowHours, ...pacing } = campaign.pacing;
  const settings: CampaignSettings = {
    id: campaign.id,
    clientId: campaign.id,
    mode: campaign.mode,
    queueId: `${campaign.id}-queue`,
    callerId: '+33162000000',
    pack: campaignPack(campaign),
    // US and UK packs require a scrubbed do-not-call list: the generated leads are on none.
    suppression: { scrubbedAtMs: instant('00:00'), numbers: new Set() },
    dispositions: [
      { id: 'success', flag: 'success' },
      { id: 'refusal', flag: 'refusal' },
      { id: 'callback', flag: 'callback' },
      { id: 'do-not-call', flag: 'doNotCall' },
    ],
    recycling: [],
    pacing: { ...pacing, ...(abandonWindowHours === undefined ? {} : { abandonWindowHours }) },
    timeZone: campaign.timeZone,
  };
  return {
    settings,
    leads: generateLeads(campaign.leads, campaign.pack, seed),
    agents: campaign.agents,
    shifts: campaign.shifts.map((s) => ({ startMs: instant(s.start), endMs: instant(s.end) })),
    calledParty: campaign.calledParty,
    seed,
  };
}
