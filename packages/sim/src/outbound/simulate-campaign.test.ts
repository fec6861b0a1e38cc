import { FRANCE, localInstant, type CampaignSettings } from '@relais/dialer';
import { describe, expect, it } from 'vitest';
import type { CalledPartySpec } from './called-party.ts';
import { generateLeads } from './lead-generator.ts';
import { simulateCampaign, type OutboundRun } from './simulate-campaign.ts';

const PARTY: CalledPartySpec = {
  answerRate: 0.3,
  machineShare: 0.15,
  busyRate: 0.05,
  wrongNumberRate: 0.02,
  failedRate: 0,
  ringSeconds: { dist: 'lognormal', mean: 8, sd: 3 },
  talkSeconds: { dist: 'exponential', mean: 120 },
  wrapUpSeconds: { dist: 'fixed', value: 15 },
  dispositions: { success: 0.2, refusal: 0.3, callback: 0.05 },
};

function makeRun(mode: CampaignSettings['mode'], agents: number, seed = 1): OutboundRun {
  const zone = 'Europe/Paris';
  const date = '2026-12-03'; // a Thursday
  return {
    settings: {
      id: `sim-${mode}`,
      clientId: 'client',
      mode,
      queueId: 'outbound',
      callerId: '+33162000000',
      pack: FRANCE,
      suppression: null,
      dispositions: [
        { id: 'sale', flag: 'success' },
        { id: 'no', flag: 'refusal' },
        { id: 'later', flag: 'callback' },
      ],
      recycling: [],
      pacing: { abandonTarget: 0.03, maxLinesPerAgent: 3, ringTimeoutSeconds: 25 },
      timeZone: zone,
    },
    leads: generateLeads(agents * 300, 'FR', seed),
    agents,
    // One hour, ending with the calling window at 13:00 while agents stay till 13:05.
    shifts: [
      { startMs: localInstant(zone, date, 12 * 60), endMs: localInstant(zone, date, 13 * 60 + 5) },
    ],
    calledParty: PARTY,
    seed,
  };
}

describe('simulateCampaign', () => {
  it('[SIMO2] predictive keeps agents talking more than progressive, under the abandon target', () => {
    const progressive = simulateCampaign(makeRun('progressive', 12));
    const predictive = simulateCampaign(makeRun('predictive', 12));
    expect(progressive.dropped).toBe(0);
    expect(predictive.talkShare).toBeGreaterThan(progressive.talkShare);
    expect(predictive.abandonRate).toBeLessThan(0.03);
    // Logged-in time: 12 agents for 65 minutes (plus the wrap-up of a last call).
    expect(progressive.loggedInSeconds).toBeGreaterThanOrEqual(12 * 65 * 60);
    expect(progressive.loggedInSeconds).toBeLessThan(12 * 75 * 60);
  });

  it('[SIMO2] dials only inside the calling window and counts every gate check', () => {
    const dials: number[] = [];
    const result = simulateCampaign({
      ...makeRun('predictive', 6, 2),
      onRuntimeEvent: (event) => {
        if (event.type === 'attemptPlaced') dials.push(event.atMs);
      },
    });
    expect(dials.length).toBe(result.placed);
    const closes = localInstant('Europe/Paris', '2026-12-03', 13 * 60);
    expect(Math.max(...dials)).toBeLessThan(closes);
    expect(result.gateChecks).toBeGreaterThanOrEqual(result.placed);
    expect(result.figures.blockedByReason['FR.hours']).toBeGreaterThan(0);
  });

  it('[SIMO2] preview dials one lead per agent who took it, and never drops', () => {
    const result = simulateCampaign(makeRun('preview', 4, 3));
    expect(result.placed).toBeGreaterThan(0);
    expect(result.dropped).toBe(0);
    expect(result.talkShare).toBeGreaterThan(0);
  });

  it('[SIMO2] the same seed gives the same day', () => {
    const a = simulateCampaign(makeRun('predictive', 3, 9));
    const b = simulateCampaign(makeRun('predictive', 3, 9));
    expect(a).toEqual(b);
  });
});
