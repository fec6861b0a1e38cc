// Seeded property tests (GATE1, GATE3): random leads, histories, packs and instants around the
// hard days — daylight-saving changes, Easter Monday, Ascension, Whit Monday, Alsace-Moselle's
// Good Friday and 26 December, the consent date — checked against an independent rule oracle.
import { describe, expect, it } from 'vitest';
import { FRANCE, defaultPackFor, RULE_PACKS } from '../packs/packs.ts';
import type { RulePack } from '../packs/rule-pack.ts';
import { tightenPack } from '../packs/tighten.ts';
import { DAY, HOUR, makeCampaign, makeHistory, makeLead } from '../testing/builders.ts';
import { oracle } from '../testing/rule-oracle.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { checkDial } from './check-dial.ts';
import type { CampaignContext, Lead, LeadHistory } from './types.ts';

const ANCHOR_DAYS = [
  '2026-03-08', // US spring forward
  '2026-03-29', // EU spring forward
  '2026-10-25', // EU fall back
  '2026-11-01', // US fall back
  '2027-03-28',
  '2026-04-03', // Good Friday (Alsace-Moselle)
  '2026-04-06', // Easter Monday
  '2027-03-29',
  '2026-05-14', // Ascension
  '2027-05-06',
  '2026-05-25', // Whit Monday
  '2027-05-17',
  '2025-12-26', // 26 December (Alsace-Moselle), a Friday
  '2026-12-26',
  '2026-08-11', // consent required from this day
  '2026-12-31',
  '2026-07-14',
];

const PROFILES: readonly Partial<Lead>[] = [
  { country: 'FR', timeZone: 'Europe/Paris', holidayRegion: { country: 'FR' } },
  { country: 'FR', timeZone: 'Europe/Paris', holidayRegion: { country: 'FR', subdivision: '57' } },
  { country: 'FR', timeZone: 'Europe/Paris', holidayRegion: { country: 'FR', subdivision: '67' } },
  { country: 'FR', timeZone: 'Europe/Paris', holidayRegion: { country: 'FR', subdivision: '68' } },
  {
    country: 'GP',
    timeZone: 'America/Guadeloupe',
    holidayRegion: { country: 'FR', subdivision: 'GP' },
  },
  {
    country: 'RE',
    timeZone: 'Indian/Reunion',
    holidayRegion: { country: 'FR', subdivision: 'RE' },
  },
  {
    country: 'YT',
    timeZone: 'Indian/Mayotte',
    holidayRegion: { country: 'FR', subdivision: 'YT' },
  },
  { country: 'PM', timeZone: 'America/Miquelon', holidayRegion: { country: 'PM' } },
  { country: 'US', timeZone: 'America/New_York', holidayRegion: { country: 'US' } },
  { country: 'US', timeZone: 'America/Phoenix', holidayRegion: { country: 'US' } },
  { country: 'US', timeZone: 'America/Los_Angeles', holidayRegion: { country: 'US' } },
  { country: 'US', timeZone: 'Pacific/Honolulu', holidayRegion: { country: 'US' } },
  { country: 'GB', timeZone: 'Europe/London', holidayRegion: { country: 'GB' } },
];

const morning = [{ fromMinute: 600, toMinute: 720 }];
const STRICT_FRANCE = tightenPack(FRANCE, {
  weekly: [morning, morning, morning, morning, morning, [], []],
  attempts: { max: 2, windowDays: 45 },
  abandonLockHours: 48,
  refusalDays: 75,
});

interface Case {
  lead: Lead;
  history: LeadHistory;
  campaign: CampaignContext;
  pack: RulePack;
  nowMs: number;
}

function makeCase(random: ReturnType<typeof seededRandom>, index: number): Case {
  const anchor = Date.parse(`${random.pick(ANCHOR_DAYS)}T00:00:00Z`);
  const jitter = random.pick([0, 0, 15 * 60_000, 30 * 60_000, random.int(0, 59) * 60_000]);
  const nowMs =
    anchor + random.int(-72, 72) * HOUR + jitter + (random.chance(0.2) ? random.int(0, 59_999) : 0);
  const phoneE164 = `+3361234${String(index % 10_000).padStart(4, '0')}`;
  const consent = random.pick([
    undefined,
    { givenAtMs: nowMs - 100 * DAY, proof: 'rec' },
    { givenAtMs: nowMs - 100 * DAY, proof: 'rec', coversCallingHours: true },
    { givenAtMs: nowMs - 100 * DAY, proof: 'rec', revokedAtMs: nowMs + random.int(-5, 5) * DAY },
    { givenAtMs: nowMs + random.int(1, 20) * DAY, proof: 'rec' },
    { givenAtMs: nowMs - DAY, proof: '' },
  ]);
  const lead = makeLead({
    id: `lead-${index}`,
    phoneE164,
    ...random.pick(PROFILES),
    contractRelation: random.chance(0.3),
    ...(consent === undefined ? {} : { consent }),
  });
  const pastInstant = (days: number) => nowMs - random.int(0, days * 24 * 60) * 60_000;
  const history = makeHistory({
    attempts: Array.from({ length: random.int(0, 6) }, () => ({
      atMs: pastInstant(50),
      clientId: random.pick(['client-a', 'client-a', 'client-b']),
    })),
    refusals: random.chance(0.2) ? [{ atMs: pastInstant(80), clientId: 'client-a' }] : [],
    abandonsAtMs: random.chance(0.2) ? [pastInstant(4)] : [],
    doNotCall: random.chance(0.03),
  });
  const listAgeDays = random.pick([1, 5, 20, 27, 29, 30, 31, 40]);
  const suppression = random.chance(0.25)
    ? null
    : {
        scrubbedAtMs: nowMs - listAgeDays * DAY - random.int(0, 1) * HOUR,
        numbers: new Set(random.chance(0.05) ? [phoneE164] : []),
      };
  const packs = [...RULE_PACKS, STRICT_FRANCE];
  const pack = random.chance(0.1) ? random.pick(packs) : (defaultPackFor(lead.country) ?? FRANCE);
  const withStrict = pack === FRANCE && random.chance(0.2) ? STRICT_FRANCE : pack;
  return { lead, history, campaign: makeCampaign({ suppression }), pack: withStrict, nowMs };
}

/** Instants strictly between `fromMs` and `toMs` to ask the oracle about. */
function earlierInstants(random: ReturnType<typeof seededRandom>, fromMs: number, toMs: number) {
  const instants = [toMs - 1, toMs - 60_000, fromMs];
  const step = 15 * 60_000;
  const gridFrom = Math.max(fromMs, toMs - 3 * DAY);
  for (let t = Math.ceil(gridFrom / step) * step; t < toMs; t += step) instants.push(t);
  for (let i = 0; i < 60; i++) instants.push(fromMs + random.next() * (toMs - fromMs));
  return instants.filter((t) => t >= fromMs && t < toMs);
}

const SEEDS = [1, 7, 42, 2026];
const CASES_PER_SEED = 400;

describe('[GATE1][GATE3] the gate against an independent rule oracle (seeded)', () => {
  it.each(SEEDS)(
    `seed %i, ${CASES_PER_SEED} cases`,
    (seed) => {
      const random = seededRandom(seed);
      let blockedWithDate = 0;
      const seen = new Set<string>();
      for (let index = 0; index < CASES_PER_SEED; index++) {
        const { lead, history, campaign, pack, nowMs } = makeCase(random, index);
        const rulesAt = oracle(lead, history, campaign, pack);
        const label = `seed ${seed} case ${index} at ${new Date(nowMs).toISOString()} ${lead.timeZone}`;
        const decision = checkDial(lead, history, campaign, pack, nowMs);
        const failing = rulesAt(nowMs);
        for (const code of failing) seen.add(code);
        // No lead goes through while a rule fails, and every reason given is a failing rule.
        expect(decision.dialable ? [] : [...decision.reasons].sort(), label).toEqual(
          [...failing].sort(),
        );
        if (decision.dialable || decision.dialableAt === null) {
          if (!decision.dialable) {
            for (let days = 1; days <= 400; days += 37) {
              expect(
                rulesAt(nowMs + days * DAY + random.int(0, 24) * HOUR).size,
                label,
              ).toBeGreaterThan(0);
            }
          }
          continue;
        }
        blockedWithDate++;
        const dialableAt = decision.dialableAt;
        expect(dialableAt, label).toBeGreaterThan(nowMs);
        expect(checkDial(lead, history, campaign, pack, dialableAt), label).toEqual({
          dialable: true,
        });
        expect([...rulesAt(dialableAt)], label).toEqual([]);
        for (const earlier of earlierInstants(random, nowMs, dialableAt)) {
          expect(rulesAt(earlier).size, `${label}: dialable at ${earlier}`).toBeGreaterThan(0);
        }
      }
      expect(blockedWithDate).toBeGreaterThan(CASES_PER_SEED / 4);
      // The cases reach every rule.
      expect([...seen].sort()).toEqual(
        expect.arrayContaining(['FR.attempts30d', 'FR.consent', 'FR.holiday', 'FR.hours']),
      );
      expect([...seen]).toEqual(
        expect.arrayContaining(['FR.refusal60d', 'lock.abandon', 'optout.stale', 'optout.listed']),
      );
      expect([...seen]).toEqual(expect.arrayContaining(['US.hours', 'UK.hours', 'optout.missing']));
      // The oracle is slow on purpose (fresh Intl calls): 2–5 s a seed on a loaded 2-core machine.
    },
    30_000,
  );
});
