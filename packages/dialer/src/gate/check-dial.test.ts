import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { FRANCE, UNITED_KINGDOM, UNITED_STATES } from '../packs/packs.ts';
import { tightenPack } from '../packs/tighten.ts';
import { DAY, HOUR, at, makeCampaign, makeHistory, makeLead } from '../testing/builders.ts';
import { checkDial, type DialDecision } from './check-dial.ts';
import { summariseDecisions } from './summary.ts';

const paris = makeLead();
const empty = makeHistory();
const campaign = makeCampaign();

function frAt(iso: string, lead = paris, history = empty): DialDecision {
  return checkDial(lead, history, campaign, FRANCE, at(iso));
}

function blocked(decision: DialDecision) {
  if (decision.dialable) throw new Error('expected a blocked lead');
  return decision;
}

describe('France: hours and days (D.223-9)', () => {
  it('[PK1][GATE1] opens at 10:00, closes 13:00–14:00 and at 20:00, Paris time', () => {
    expect(frAt('2026-11-26T09:59:59+01:00').dialable).toBe(false);
    expect(frAt('2026-11-26T10:00:00+01:00').dialable).toBe(true);
    expect(frAt('2026-11-26T12:59:59+01:00').dialable).toBe(true);
    expect(blocked(frAt('2026-11-26T13:00:00+01:00'))).toMatchObject({
      reason: 'FR.hours',
      dialableAt: at('2026-11-26T14:00:00+01:00'),
    });
    expect(frAt('2026-11-26T19:59:59+01:00').dialable).toBe(true);
    expect(blocked(frAt('2026-11-26T20:00:00+01:00')).dialableAt).toBe(
      at('2026-11-27T10:00:00+01:00'),
    );
  });

  it('[PK1][GATE3] a Friday evening waits for Monday 10:00', () => {
    expect(blocked(frAt('2026-11-27T20:30:00+01:00'))).toMatchObject({
      reason: 'FR.hours',
      dialableAt: at('2026-11-30T10:00:00+01:00'),
    });
  });

  it('[PK1] the Monday after each daylight-saving change opens at 10:00 local', () => {
    expect(blocked(frAt('2026-03-29T12:00:00+02:00')).dialableAt).toBe(
      at('2026-03-30T10:00:00+02:00'),
    );
    expect(blocked(frAt('2026-10-25T12:00:00+01:00')).dialableAt).toBe(
      at('2026-10-26T10:00:00+01:00'),
    );
  });

  it.each([
    ['Easter Monday', '2026-04-06', '2026-04-07'],
    ['1 May', '2026-05-01', '2026-05-04'],
    ['8 May', '2026-05-08', '2026-05-11'],
    ['Ascension', '2026-05-14', '2026-05-15'],
    ['Whit Monday', '2026-05-25', '2026-05-26'],
    ['14 July', '2026-07-14', '2026-07-15'],
    ['11 November', '2026-11-11', '2026-11-12'],
    ['Christmas', '2026-12-25', '2026-12-28'],
  ])('[PK1][GATE1] %s is closed', (_name, day, next) => {
    const decision = blocked(frAt(`${day}T11:00:00+02:00`));
    expect(decision.reason).toBe('FR.holiday');
    expect(new Date(decision.dialableAt ?? 0).toISOString().slice(0, 10)).toBe(next);
  });

  it('[PK1][LEAD3] Alsace-Moselle also closes Good Friday and 26 December; Paris does not', () => {
    const strasbourg = makeLead({ holidayRegion: { country: 'FR', subdivision: '67' } });
    expect(frAt('2026-04-03T11:00:00+02:00').dialable).toBe(true);
    expect(blocked(frAt('2026-04-03T11:00:00+02:00', strasbourg)).reason).toBe('FR.holiday');
    // 26 December 2025 was a Friday.
    expect(frAt('2025-12-26T11:00:00+01:00').dialable).toBe(true);
    expect(blocked(frAt('2025-12-26T11:00:00+01:00', strasbourg))).toMatchObject({
      reason: 'FR.holiday',
      dialableAt: at('2025-12-29T10:00:00+01:00'),
    });
  });

  it('[PK1] overseas numbers follow their own zone and holidays', () => {
    const reunion = makeLead({
      phoneE164: '+262692123456',
      country: 'RE',
      timeZone: 'Indian/Reunion',
      holidayRegion: { country: 'FR', subdivision: 'RE' },
    });
    // 10:00 in Réunion is 07:00 in Paris; 10:00 in Paris is 13:00 (lunch) in Réunion.
    expect(frAt('2026-11-26T07:00:00+01:00', reunion).dialable).toBe(true);
    expect(blocked(frAt('2026-11-26T10:00:00+01:00', reunion)).dialableAt).toBe(
      at('2026-11-26T14:00:00+04:00'),
    );
    expect(blocked(frAt('2026-11-26T20:00:00+04:00', reunion)).reason).toBe('FR.hours');
    // 20 December: abolition of slavery in Réunion (a Monday in 2027).
    expect(blocked(frAt('2027-12-20T11:00:00+04:00', reunion)).reason).toBe('FR.holiday');
  });

  it('[PK1] a consent that covers calling hours lifts the windows, not weekends', () => {
    const consenting = makeLead({
      consent: { givenAtMs: at('2026-01-01T00:00:00Z'), proof: 'rec-1', coversCallingHours: true },
    });
    expect(frAt('2026-11-26T08:00:00+01:00', consenting).dialable).toBe(true);
    expect(blocked(frAt('2026-11-28T11:00:00+01:00', consenting)).reason).toBe('FR.hours');
    const strict = tightenPack(FRANCE, { consentLiftsHours: false });
    const decision = checkDial(
      consenting,
      empty,
      campaign,
      strict,
      at('2026-11-26T08:00:00+01:00'),
    );
    expect(decision.dialable).toBe(false);
  });
});

describe('France: attempts, refusals, consent', () => {
  const tuesday = '2026-11-24T11:00:00+01:00';

  it('[PK1][GATE1] a fifth attempt in 30 calendar days is refused until the first falls out', () => {
    const attemptsAt = ['2026-10-27T10:30:00+01:00', '2026-11-02', '2026-11-10', '2026-11-20'];
    const history = makeHistory({
      attempts: attemptsAt.map((iso) => ({ atMs: at(iso), clientId: 'client-a' })),
    });
    // 27 October + 30 days = 26 November: the first local day outside the run of 30.
    expect(blocked(frAt(tuesday, paris, history))).toMatchObject({
      reason: 'FR.attempts30d',
      dialableAt: at('2026-11-26T10:00:00+01:00'),
    });
    const fewer = makeHistory({ attempts: history.attempts.slice(1) });
    expect(frAt(tuesday, paris, fewer).dialable).toBe(true);
  });

  it("[PK1] another client's attempts do not count", () => {
    const history = makeHistory({
      attempts: [1, 2, 3, 4, 5].map((d) => ({ atMs: at(tuesday) - d * DAY, clientId: 'client-b' })),
    });
    expect(frAt(tuesday, paris, history).dialable).toBe(true);
  });

  it('[PK1][GATE3] a refusal closes its day and the 60 calendar days after it', () => {
    const history = makeHistory({
      refusals: [{ atMs: at('2026-09-01T19:00:00+02:00'), clientId: 'client-a' }],
    });
    // 1 September + 61 days = 1 November (a holiday and Sunday), then Monday 2 November.
    expect(blocked(frAt('2026-10-30T11:00:00+01:00', paris, history))).toMatchObject({
      reason: 'FR.refusal60d',
      dialableAt: at('2026-11-02T10:00:00+01:00'),
    });
  });

  it('[PK1][GATE1] consent with proof is required from 11 August 2026, unless a contract', () => {
    const stranger = makeLead({ contractRelation: false });
    expect(frAt('2026-08-10T11:00:00+02:00', stranger).dialable).toBe(true);
    expect(blocked(frAt('2026-08-11T11:00:00+02:00', stranger))).toMatchObject({
      reason: 'FR.consent',
      dialableAt: null,
    });
    const noProof = makeLead({ contractRelation: false, consent: { givenAtMs: 0, proof: ' ' } });
    expect(blocked(frAt('2026-08-11T11:00:00+02:00', noProof)).reason).toBe('FR.consent');
    const revoked = makeLead({
      contractRelation: false,
      consent: { givenAtMs: 0, proof: 'form-7', revokedAtMs: at('2026-09-01T00:00:00Z') },
    });
    expect(frAt('2026-08-31T11:00:00+02:00', revoked).dialable).toBe(true);
    expect(blocked(frAt('2026-09-01T11:00:00+02:00', revoked)).reason).toBe('FR.consent');
    const noContractExemption = tightenPack(FRANCE, { contractExempts: false });
    const decision = checkDial(paris, empty, campaign, noContractExemption, at(tuesday));
    expect(blocked(decision).reason).toBe('FR.consent');
  });
});

describe('lists, locks and packs', () => {
  const monday = at('2026-11-23T11:00:00+01:00');

  it('[PK1][GATE1] an opposition list: listed numbers never, a stale list refuses everyone', () => {
    const list = { scrubbedAtMs: monday - 10 * DAY, numbers: new Set([paris.phoneE164]) };
    const listed = checkDial(paris, empty, makeCampaign({ suppression: list }), FRANCE, monday);
    expect(blocked(listed)).toMatchObject({ reason: 'optout.listed', dialableAt: null });
    const other = makeLead({ phoneE164: '+33698765432' });
    const stale = { scrubbedAtMs: monday - 31 * DAY, numbers: new Set<string>() };
    const decision = checkDial(other, empty, makeCampaign({ suppression: stale }), FRANCE, monday);
    expect(blocked(decision)).toMatchObject({ reason: 'optout.stale', dialableAt: null });
    expect(checkDial(other, empty, makeCampaign({ suppression: list }), FRANCE, monday)).toEqual({
      dialable: true,
    });
    const doNotCall = makeHistory({ doNotCall: true });
    expect(blocked(checkDial(other, doNotCall, campaign, FRANCE, monday)).reason).toBe(
      'optout.listed',
    );
  });

  const london = makeLead({
    phoneE164: '+447911123456',
    country: 'GB',
    timeZone: 'Europe/London',
    holidayRegion: { country: 'GB' },
  });
  const tps = makeCampaign({ suppression: { scrubbedAtMs: monday - DAY, numbers: new Set() } });

  it('[PK3][GATE1] UK: TPS list required and fresh within 28 days; 72 h after an abandon', () => {
    expect(blocked(checkDial(london, empty, campaign, UNITED_KINGDOM, monday)).reason).toBe(
      'optout.missing',
    );
    expect(checkDial(london, empty, tps, UNITED_KINGDOM, monday).dialable).toBe(true);
    const abandonedAt = monday - HOUR;
    const history = makeHistory({ abandonsAtMs: [abandonedAt] });
    expect(blocked(checkDial(london, history, tps, UNITED_KINGDOM, monday))).toMatchObject({
      reason: 'lock.abandon',
      dialableAt: abandonedAt + 72 * HOUR,
    });
    // An abandon at midnight unlocks at midnight, and the calling window opens at 08:00.
    const atMidnight = makeHistory({ abandonsAtMs: [at('2026-11-23T00:00:00Z')] });
    expect(blocked(checkDial(london, atMidnight, tps, UNITED_KINGDOM, monday)).dialableAt).toBe(
      at('2026-11-26T08:00:00Z'),
    );
  });

  it('[PK2] US: 08:00–21:00 every day in the callee zone', () => {
    const phoenix = makeLead({
      phoneE164: '+16025550123',
      country: 'US',
      timeZone: 'America/Phoenix',
      holidayRegion: { country: 'US' },
    });
    const dnc = makeCampaign({ suppression: { scrubbedAtMs: monday, numbers: new Set() } });
    const sunday = at('2026-11-29T08:00:00-07:00');
    expect(checkDial(phoenix, empty, dnc, UNITED_STATES, sunday).dialable).toBe(true);
    expect(blocked(checkDial(phoenix, empty, dnc, UNITED_STATES, sunday - 1))).toMatchObject({
      reason: 'US.hours',
      dialableAt: sunday,
    });
  });

  it("[GATE1] a number outside the pack's countries is never dialed with it", () => {
    expect(blocked(checkDial(london, empty, tps, FRANCE, monday))).toMatchObject({
      reason: 'pack.country',
      dialableAt: null,
    });
  });

  it('[GATE2] every failing rule is listed, the first in the order of GATE1', () => {
    const history = makeHistory({
      refusals: [{ atMs: at('2026-11-20T11:00:00+01:00'), clientId: 'client-a' }],
    });
    const decision = blocked(frAt('2026-11-28T11:00:00+01:00', paris, history));
    expect(decision.reasons).toEqual(['FR.refusal60d', 'FR.hours']);
    expect(decision.reason).toBe('FR.refusal60d');
  });

  it('[GATE4] bad input throws an error naming the field', () => {
    const call =
      (nowMs: number, history = empty, lead = paris) =>
      () =>
        checkDial(lead, history, campaign, FRANCE, nowMs);
    expect(call(Number.NaN)).toThrow(DialerInputError);
    expect(call(Number.NaN)).toThrow('nowMs');
    const future = makeHistory({ attempts: [{ atMs: monday + 1, clientId: 'client-a' }] });
    expect(call(monday, future)).toThrow('history.attempts[0].atMs');
    expect(call(monday, makeHistory({ abandonsAtMs: [Number.NaN] }))).toThrow(
      'history.abandonsAtMs[0]',
    );
    expect(call(monday, empty, makeLead({ timeZone: 'Mars/Olympus' }))).toThrow('lead.timeZone');
  });

  it('[GATE5] the summary counts leads per first blocking reason', () => {
    const saturday = at('2026-11-28T11:00:00+01:00');
    const stranger = makeLead({ contractRelation: false });
    const summary = summariseDecisions([
      checkDial(paris, empty, campaign, FRANCE, monday),
      checkDial(paris, empty, campaign, FRANCE, saturday),
      checkDial(stranger, empty, campaign, FRANCE, saturday),
      checkDial(stranger, empty, campaign, FRANCE, monday),
    ]);
    expect(summary.dialable).toBe(1);
    expect(summary.blocked).toBe(3);
    expect(summary.neverDialable).toBe(2);
    expect(Object.fromEntries(summary.byReason)).toEqual({ 'FR.hours': 1, 'FR.consent': 2 });
  });
});
