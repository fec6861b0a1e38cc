import { Campaign } from '@relais/protocol';
import { describe, expect, it } from 'vitest';
import {
  campaignBody,
  campaignValues,
  checkCampaign,
  dayPath,
  newCampaignValues,
  parseDayWindows,
  placeServerProblems,
  REPLACE_WINDOWS,
} from './campaign-form-model.ts';

/** A campaign as the API holds it; tests override what they look at. */
function makeCampaign(overrides: Partial<Campaign> = {}): Campaign {
  return Campaign.parse({
    id: 'energie-relance',
    clientId: 'energie',
    name: 'Relance énergie',
    mode: 'predictive',
    queueId: 'energie.fr',
    callerId: '+33162000000',
    dispositions: [
      { id: 'sale', label: 'Vente', flag: 'success' },
      { id: 'refused', label: 'Refus', flag: 'refusal' },
    ],
    ...overrides,
  });
}

/** A new campaign's form with the fields a person must type. */
function filledNew(): Record<string, string | boolean> {
  return {
    ...newCampaignValues((flag) => flag),
    id: 'c1',
    name: 'Campagne 1',
    clientId: 'energie',
    queueId: 'energie.fr',
    callerId: '+33162000000',
  };
}

describe('the campaign form model', () => {
  it('starts a new campaign with a disposition per flag and usual retries, valid once named', () => {
    const checked = checkCampaign(filledNew(), 'en', 'bad windows');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.body.dispositions.map((d) => d.flag)).toEqual([
      'success',
      'refusal',
      'doNotCall',
      'callback',
      'wrongNumber',
      'answeringMachine',
      'noAnswer',
      'busy',
    ]);
    expect(checked.body.recycling).toHaveLength(3);
    expect(checked.body.tighten).toBeUndefined();
    expect(checked.body.pacing).toEqual({
      abandonTarget: 0.03,
      maxLinesPerAgent: 3,
      ringTimeoutSeconds: 25,
    });
  });

  it('turns the windows typed per weekday into the tightening, and leaves the pack’s when unchecked', () => {
    const values = {
      ...filledNew(),
      [REPLACE_WINDOWS]: true,
      [dayPath('mon')]: '10:00-12:30 14:00-19:00',
      [dayPath('wed')]: '9:30-11:00',
    };
    const { body } = campaignBody(values);
    expect(body.tighten).toEqual({
      windows: [
        { day: 'mon', from: '10:00', to: '12:30' },
        { day: 'mon', from: '14:00', to: '19:00' },
        { day: 'wed', from: '09:30', to: '11:00' },
      ],
    });
    expect(campaignBody({ ...values, [REPLACE_WINDOWS]: false }).body.tighten).toBeUndefined();
  });

  it('puts a weekday that is not time ranges, and a schema error on a window, under that day', () => {
    const bad = checkCampaign(
      {
        ...filledNew(),
        [REPLACE_WINDOWS]: true,
        [dayPath('tue')]: '10h-13h',
        [dayPath('fri')]: '10:00-25:00',
      },
      'en',
      'Write ranges like 10:00-13:00',
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors[dayPath('tue')]).toBe('Write ranges like 10:00-13:00');
    expect(bad.errors[dayPath('fri')]).toContain('HH:MM');
  });

  it('sends the literal tightenings only when checked', () => {
    const values = {
      ...filledNew(),
      'tighten.blockHolidays': true,
      'tighten.contractExempts': true,
      'tighten.consentLiftsHours': false,
      'tighten.suppression.required': false,
    };
    expect(campaignBody(values).body.tighten).toEqual({
      blockHolidays: true,
      contractExempts: false,
    });
    const listed = campaignBody({
      ...values,
      'tighten.suppression.required': true,
      'tighten.suppression.maxAgeDays': '15',
    });
    expect((listed.body.tighten as Record<string, unknown>).suppression).toEqual({
      required: true,
      maxAgeDays: 15,
    });
  });

  it('gives back a stored campaign unchanged after a trip through the form', () => {
    const campaign = makeCampaign({
      script: 'Bonjour, {prénom}…',
      tighten: {
        windows: [
          { day: 'mon', from: '10:00', to: '12:00' },
          { day: 'thu', from: '14:00', to: '18:00' },
        ],
        blockHolidays: true,
        attempts: { max: 3, windowDays: 30 },
        refusalDays: 90,
        consentRequiredFrom: '2026-06-01',
        contractExempts: false,
        consentLiftsHours: false,
        suppression: { required: true, maxAgeDays: 20 },
        abandonLockHours: 96,
      },
      recycling: [{ outcome: 'noAnswer', delayMinutes: 60, maxAttempts: 4 }],
      pacing: {
        abandonTarget: 0.02,
        abandonWindowHours: 24,
        maxLinesPerAgent: 2.5,
        ringTimeoutSeconds: 20,
      },
      suppressionListIds: ['bloctel-nov', 'client-dnc'],
    });
    const checked = checkCampaign(campaignValues(campaign), 'fr', 'x');
    expect(checked).toEqual({ ok: true, body: campaign });
  });

  it('shows the schema’s problems in French under their fields, nothing sent', () => {
    const checked = checkCampaign(
      {
        ...filledNew(),
        callerId: '0612345678',
        'pacing.ringTimeoutSeconds': '5',
        'dispositions.0.flag': '',
      },
      'fr',
      'x',
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.callerId).toContain('E.164');
    expect(checked.errors['pacing.ringTimeoutSeconds']).toContain('Trop petit');
    expect(checked.errors['dispositions.0.flag']).toBeDefined();
  });

  it('places the server’s refusals: a loosening under its field, a window by index under its day', () => {
    const values = {
      ...filledNew(),
      [REPLACE_WINDOWS]: true,
      [dayPath('mon')]: '10:00-13:00',
      [dayPath('sat')]: '10:00-12:00',
    };
    const errors = placeServerProblems(values, [
      { path: 'tighten.attempts.max', message: 'may only tighten: the pack allows 4' },
      { path: 'tighten.windows.1', message: 'outside the pack’s windows' },
      { path: 'callerId', message: 'not in ARCEP’s ranges for automated dialing' },
      { path: 'tighten.windows', message: 'windows loosen the pack' },
      { path: 'somethingElse', message: 'odd' },
    ]);
    expect(errors['tighten.attempts.max']).toBe('may only tighten: the pack allows 4');
    expect(errors[dayPath('sat')]).toBe('outside the pack’s windows');
    expect(errors.callerId).toContain('ARCEP');
    expect(errors[REPLACE_WINDOWS]).toBe('windows loosen the pack');
    expect(errors['']).toBe('somethingElse: odd');
  });

  it('reads time ranges, dashes of any kind, and refuses anything else', () => {
    expect(parseDayWindows('  ')).toEqual([]);
    expect(parseDayWindows('8:00–12:00, 13:00-17:00')).toEqual([
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:00' },
    ]);
    expect(parseDayWindows('10:00')).toBeUndefined();
    expect(parseDayWindows('matin')).toBeUndefined();
  });
});
