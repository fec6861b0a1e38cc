// The benchmark's campaign day (issue 8): French pack, Tuesday 1 December 2026 (a working day,
// no holiday), agents logged in 10:00–13:00 and 14:00–19:00 Paris time. The campaign stops
// dialing a minute before each shift ends (its windows are tightened to 10:00–12:59 and
// 14:00–18:59) so that no call placed for an agent rings after the agent has left.
import {
  FRANCE,
  localInstant,
  tightenPack,
  type CallingWindow,
  type CampaignSettings,
  type DialMode,
} from '@relais/dialer';
import { generateLeads, type CalledPartySpec, type OutboundRun } from '@relais/sim';

export const BENCH_DATE = '2026-12-01';
export const BENCH_ZONE = 'Europe/Paris';
const at = (hour: number, minute = 0): number => hour * 60 + minute;

/** Answer rate 25%, answering machines 15% of answers, talk 180 s on average, wrap-up 20 s. */
export const BENCH_PARTY: CalledPartySpec = {
  answerRate: 0.25,
  machineShare: 0.15,
  busyRate: 0.05,
  wrongNumberRate: 0.02,
  failedRate: 0.01,
  ringSeconds: { dist: 'lognormal', mean: 9, sd: 4 },
  talkSeconds: { dist: 'exponential', mean: 180 },
  wrapUpSeconds: { dist: 'fixed', value: 20 },
  dispositions: { success: 0.15, refusal: 0.3, callback: 0.05 },
};

const dialing: readonly CallingWindow[] = [
  { fromMinute: at(10), toMinute: at(12, 59) },
  { fromMinute: at(14), toMinute: at(18, 59) },
];

/** The benchmark's campaign for `agents` agents in `mode`. */
export function benchCampaignDay(
  agents: number,
  mode: DialMode,
  seed: number,
  onProgress?: (fraction: number) => void,
): OutboundRun {
  const pack = tightenPack(FRANCE, {
    weekly: [dialing, dialing, dialing, dialing, dialing, [], []],
  });
  const settings: CampaignSettings = {
    id: `bench-${mode}-${agents}`,
    clientId: 'bench-client',
    mode,
    queueId: 'outbound',
    callerId: '+33162000000',
    pack,
    suppression: null,
    dispositions: [
      { id: 'sale', flag: 'success' },
      { id: 'not-interested', flag: 'refusal' },
      { id: 'call-back', flag: 'callback' },
    ],
    recycling: [],
    pacing: { abandonTarget: 0.03, maxLinesPerAgent: 3, ringTimeoutSeconds: 25 },
    timeZone: BENCH_ZONE,
  };
  const instant = (minute: number): number => localInstant(BENCH_ZONE, BENCH_DATE, minute);
  return {
    settings,
    // About 700 calls per agent a day at most: leads never run out.
    leads: generateLeads(agents * 1000, 'FR', seed),
    agents,
    shifts: [
      { startMs: instant(at(10)), endMs: instant(at(13)) },
      { startMs: instant(at(14)), endMs: instant(at(19)) },
    ],
    calledParty: BENCH_PARTY,
    seed,
    ...(onProgress === undefined ? {} : { onProgress }),
  };
}
