import { describe, expect, it } from 'vitest';
import { FRANCE, UNITED_KINGDOM, UNITED_STATES } from '../packs/packs.ts';
import type { CampaignDefinition } from './campaign-settings.ts';
import { CampaignRejected, compileCampaign } from './compile-campaign.ts';
import { mergeSuppressionLists } from './suppression.ts';
import { RECYCLE_OUTCOMES, recycleStep } from '../outcomes/outcomes.ts';

/** A valid French campaign: an Arcep caller ID, a success and a refusal disposition. */
function makeSettings(overrides: Partial<CampaignDefinition> = {}): CampaignDefinition {
  return {
    id: 'winter',
    clientId: 'acme',
    mode: 'predictive',
    callerId: '+33162000000',
    rulePack: 'FR',
    dispositions: [
      { id: 'sale', label: 'Vente', flag: 'success' },
      { id: 'no', label: 'Refus', flag: 'refusal' },
      { id: 'later', label: 'Rappel', flag: 'callback' },
      { id: 'stop', label: 'Ne plus appeler', flag: 'doNotCall' },
    ],
    recycling: [],
    pacing: {},
    suppressionListIds: [],
    ...overrides,
  };
}

const rejection = (settings: CampaignDefinition) => {
  try {
    compileCampaign(settings);
  } catch (error) {
    if (error instanceof CampaignRejected) return { field: error.field, rule: error.rule };
    throw error;
  }
  throw new Error('compileCampaign accepted the settings');
};

describe('compileCampaign', () => {
  it('[CAMP1] without a tightening the campaign runs its base pack', () => {
    expect(compileCampaign(makeSettings()).pack).toBe(FRANCE);
    const us = compileCampaign(makeSettings({ rulePack: 'US', callerId: '+12025550100' }));
    expect(us.pack).toBe(UNITED_STATES);
    expect(us.abandonWindowHours).toBe(720);
    const uk = compileCampaign(makeSettings({ rulePack: 'UK', callerId: '+442071234567' }));
    expect(uk.pack).toBe(UNITED_KINGDOM);
    expect(uk.abandonWindowHours).toBe(24);
  });

  it('[CAMP1] a tightening is applied: windows per weekday, fewer attempts, a longer refusal', () => {
    const compiled = compileCampaign(
      makeSettings({
        tighten: {
          windows: [
            { day: 'mon', from: '10:00', to: '12:00' },
            { day: 'mon', from: '14:00', to: '18:00' },
            { day: 'thu', from: '15:00', to: '19:30' },
          ],
          attempts: { max: 2, windowDays: 30 },
          refusalDays: 90,
        },
        pacing: { abandonWindowHours: 48 },
      }),
    );
    expect(compiled.pack.hours.weekly[0]).toEqual([
      { fromMinute: 600, toMinute: 720 },
      { fromMinute: 840, toMinute: 1080 },
    ]);
    expect(compiled.pack.hours.weekly[3]).toEqual([{ fromMinute: 900, toMinute: 1170 }]);
    expect(compiled.pack.hours.weekly[1]).toEqual([]);
    expect(compiled.pack.attempts).toMatchObject({ max: 2, windowDays: 30 });
    expect(compiled.pack.refusal?.days).toBe(90);
    expect(compiled.abandonWindowHours).toBe(48);
  });

  it('[CAMP1] a loosening is refused naming the settings field it came from', () => {
    const lunch = { day: 'tue' as const, from: '12:00', to: '14:00' };
    expect(
      rejection(
        makeSettings({
          tighten: { windows: [{ day: 'mon', from: '10:00', to: '11:00' }, lunch] },
        }),
      ),
    ).toEqual({ field: 'tighten.windows.1', rule: 'CAMP1' });
    expect(
      rejection(
        makeSettings({ tighten: { windows: [{ day: 'sat', from: '10:00', to: '11:00' }] } }),
      ),
    ).toEqual({
      field: 'tighten.windows.0',
      rule: 'CAMP1',
    });
    expect(rejection(makeSettings({ tighten: { attempts: { max: 5, windowDays: 30 } } }))).toEqual({
      field: 'tighten.attempts.max',
      rule: 'CAMP1',
    });
    expect(rejection(makeSettings({ tighten: { refusalDays: 30 } }))).toEqual({
      field: 'tighten.refusalDays',
      rule: 'CAMP1',
    });
    expect(rejection(makeSettings({ tighten: { consentRequiredFrom: '2027-01-01' } }))).toEqual({
      field: 'tighten.consentRequiredFrom',
      rule: 'CAMP1',
    });
    expect(
      rejection(
        makeSettings({
          rulePack: 'UK',
          callerId: '+442071234567',
          tighten: { abandonLockHours: 24 },
        }),
      ),
    ).toEqual({ field: 'tighten.abandonLockHours', rule: 'CAMP1' });
  });

  it('[CAMP1] bad input: an unknown pack, a window that is not a time', () => {
    expect(rejection(makeSettings({ rulePack: 'DE' }))).toEqual({
      field: 'rulePack',
      rule: 'CAMP1',
    });
    expect(
      rejection(makeSettings({ tighten: { windows: [{ day: 'mon', from: '10h', to: '11:00' }] } })),
    ).toEqual({ field: 'tighten.windows.0.from', rule: 'CAMP1' });
    expect(
      rejection(
        makeSettings({ tighten: { windows: [{ day: 'mon', from: '11:00', to: '10:00' }] } }),
      ),
    ).toEqual({ field: 'tighten.windows.0', rule: 'CAMP1' });
  });

  it('[CAMP2] the French pack takes the twelve Arcep ranges and refuses mobiles and the rest', () => {
    for (const range of [
      '0162',
      '0163',
      '0270',
      '0271',
      '0377',
      '0378',
      '0424',
      '0425',
      '0568',
      '0569',
      '0948',
      '0949',
    ]) {
      const callerId = `+33${range.slice(1)}123456`;
      expect(() => compileCampaign(makeSettings({ callerId }))).not.toThrow();
    }
    for (const callerId of ['+33612345678', '+33712345678', '+33145678901', '+33987654321']) {
      expect(rejection(makeSettings({ callerId }))).toEqual({
        field: 'callerId',
        rule: 'FR.callerId',
      });
    }
    expect(() => compileCampaign(makeSettings({ callerId: '+33612345678' }))).toThrow(/mobile/);
    // The US and UK packs set no caller-ID rule.
    expect(() =>
      compileCampaign(makeSettings({ rulePack: 'US', callerId: '+12025550100' })),
    ).not.toThrow();
  });

  it('[CAMP3] dispositions carry what they do; ids are unique and one is a success', () => {
    const { dispositions } = compileCampaign(makeSettings());
    expect(dispositions.get('sale')).toMatchObject({ success: true, refusal: false });
    expect(dispositions.get('no')).toMatchObject({ refusal: true, doNotCall: false });
    expect(dispositions.get('stop')).toMatchObject({ doNotCall: true });
    expect(dispositions.get('later')).toMatchObject({ callback: true });
    const twice = makeSettings().dispositions.concat({ id: 'sale', label: 'again', flag: 'busy' });
    expect(rejection(makeSettings({ dispositions: twice }))).toEqual({
      field: 'dispositions.4.id',
      rule: 'CAMP3',
    });
    expect(
      rejection(makeSettings({ dispositions: [{ id: 'no', label: 'Refus', flag: 'refusal' }] })),
    ).toEqual({ field: 'dispositions', rule: 'CAMP3' });
  });

  it('[CAMP4] recycling refers to known outcomes, once each, never to do-not-call', () => {
    const compiled = compileCampaign(
      makeSettings({
        recycling: [
          { outcome: 'noAnswer', delayMinutes: 120, maxAttempts: 4 },
          { outcome: 'abandoned', delayMinutes: 1440, maxAttempts: 2 },
          { outcome: 'callback', delayMinutes: 0, maxAttempts: 3 },
        ],
      }),
    );
    expect(compiled.recycling.get('noAnswer')).toEqual({ delayMinutes: 120, maxAttempts: 4 });
    expect(compiled.recycling.get('abandoned')).toEqual({ delayMinutes: 1440, maxAttempts: 2 });
    // No rule for busy: the runtime's house default, not a closed lead.
    expect(compiled.recycling.get('busy')).toEqual({ delayMinutes: 30, maxAttempts: 4 });
    expect(compiled.recycling.has('success')).toBe(false);
    expect(compiled.recycling.has('callback')).toBe(false);
    const noSuccessRule = makeSettings({
      dispositions: [{ id: 'sale', label: 'Vente', flag: 'success' }],
      recycling: [{ outcome: 'refusal', delayMinutes: 10, maxAttempts: 2 }],
    });
    expect(rejection(noSuccessRule)).toEqual({ field: 'recycling.0.outcome', rule: 'CAMP4' });
    expect(
      rejection(
        makeSettings({ recycling: [{ outcome: 'doNotCall', delayMinutes: 10, maxAttempts: 2 }] }),
      ),
    ).toEqual({ field: 'recycling.0.outcome', rule: 'CAMP4' });
    const twice = { outcome: 'busy' as const, delayMinutes: 5, maxAttempts: 3 };
    expect(rejection(makeSettings({ recycling: [twice, twice] }))).toEqual({
      field: 'recycling.1.outcome',
      rule: 'CAMP4',
    });
  });

  it('[CAMP4][RUN5] the compiled recycling is what the runtime applies, outcome by outcome', () => {
    const rules = [
      { outcome: 'busy' as const, delayMinutes: 5, maxAttempts: 2 },
      { outcome: 'refusal' as const, delayMinutes: 60 * 24 * 90, maxAttempts: 2 },
    ];
    const compiled = compileCampaign(makeSettings({ recycling: rules }));
    for (const outcome of RECYCLE_OUTCOMES) {
      if (outcome === 'callback') continue; // a callback is scheduled at its own time
      const delay = compiled.recycling.get(outcome);
      for (const attempts of [1, 2, 4]) {
        const step = recycleStep(outcome, attempts, rules);
        const expected =
          delay === undefined || attempts >= delay.maxAttempts
            ? { close: true }
            : { close: false, retryAfterMs: delay.delayMinutes * 60_000 };
        expect(step, `${outcome} after ${attempts}`).toMatchObject(expected);
      }
    }
  });

  it('[CAMP5] suppression lists are named once and scrubbed as one: all numbers, oldest date', () => {
    expect(rejection(makeSettings({ suppressionListIds: ['opp', 'opp'] }))).toEqual({
      field: 'suppressionListIds.1',
      rule: 'CAMP5',
    });
    expect(mergeSuppressionLists([])).toBeNull();
    const merged = mergeSuppressionLists([
      { scrubbedAtMs: 2_000, numbers: new Set(['+33612345678']) },
      { scrubbedAtMs: 1_000, numbers: new Set(['+33712345678']) },
    ]);
    expect(merged?.scrubbedAtMs).toBe(1_000);
    expect([...(merged?.numbers ?? [])].sort()).toEqual(['+33612345678', '+33712345678']);
  });
});
