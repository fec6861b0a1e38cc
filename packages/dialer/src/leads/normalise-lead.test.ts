import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { normaliseLead, normaliseLeads, type LeadRow } from './normalise-lead.ts';

const makeRow = (overrides: Partial<LeadRow> = {}): LeadRow => ({
  id: 'row-1',
  phone: '06 12 34 56 78',
  ...overrides,
});

function lead(row: LeadRow, region = 'FR') {
  const result = normaliseLead(row, region);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.lead;
}

function errors(row: LeadRow, region = 'FR') {
  const result = normaliseLead(row, region);
  if (result.ok) throw new Error('expected a rejected row');
  return result.errors;
}

describe('lead normalisation', () => {
  it('[LEAD1] national and international forms become E.164', () => {
    expect(lead(makeRow()).phoneE164).toBe('+33612345678');
    expect(lead(makeRow({ phone: '+33 (0)6 12 34 56 78' })).phoneE164).toBe('+33612345678');
    expect(lead(makeRow({ phone: '0044 7911 123456' })).phoneE164).toBe('+447911123456');
  });

  it('[LEAD1][LEAD2] French numbers of overseas départements become their region', () => {
    expect(lead(makeRow({ phone: '0590 12 34 56' }))).toMatchObject({
      phoneE164: '+590590123456',
      country: 'GP',
      timeZone: 'America/Guadeloupe',
      holidayRegion: { country: 'FR', subdivision: 'GP' },
    });
    expect(lead(makeRow({ phone: '0692 12 34 56' }))).toMatchObject({
      country: 'RE',
      timeZone: 'Indian/Reunion',
    });
    expect(lead(makeRow({ phone: '+262 269 60 12 34' }))).toMatchObject({
      country: 'YT',
      timeZone: 'Indian/Mayotte',
    });
  });

  it('[LEAD2] an explicit time zone wins; several-zone countries need one', () => {
    expect(lead(makeRow({ phone: '+1 212 555 1234', timeZone: 'America/New_York' })).timeZone).toBe(
      'America/New_York',
    );
    expect(errors(makeRow({ phone: '+1 212 555 1234' }))).toEqual([
      { field: 'timeZone', code: 'ambiguous', message: 'US numbers need a time zone column' },
    ]);
    expect(errors(makeRow({ timeZone: 'Europe/Atlantis' }))[0]).toMatchObject({
      field: 'timeZone',
      code: 'unknown',
    });
  });

  it('[LEAD3] the département comes from its column or the postcode; unknown is Alsace-Moselle', () => {
    expect(lead(makeRow({ postcode: '67000' })).holidayRegion).toEqual({
      country: 'FR',
      subdivision: '67',
    });
    expect(lead(makeRow({ departement: '75' })).holidayRegion).toEqual({ country: 'FR' });
    expect(lead(makeRow({ postcode: '20000' })).holidayRegion).toEqual({ country: 'FR' });
    expect(lead(makeRow()).holidayRegion).toEqual({ country: 'FR', subdivision: '57' });
    // A metropolitan mobile of someone living in Réunion: the département gives zone and days.
    expect(lead(makeRow({ postcode: '97400' }))).toMatchObject({
      timeZone: 'Indian/Reunion',
      holidayRegion: { country: 'FR', subdivision: 'RE' },
    });
  });

  it('[LEAD4] each bad field is named with a code', () => {
    expect(errors(makeRow({ phone: '  ' }))).toMatchObject([{ field: 'phone', code: 'missing' }]);
    expect(errors(makeRow({ phone: '12' }))).toMatchObject([{ field: 'phone', code: 'invalid' }]);
    expect(errors(makeRow({ departement: '99' }))).toMatchObject([
      { field: 'departement', code: 'invalid' },
    ]);
    expect(errors(makeRow({ postcode: '6700' }))).toMatchObject([
      { field: 'postcode', code: 'invalid' },
    ]);
    expect(errors(makeRow({ country: 'BE', timeZone: 'Nowhere/Else' }))).toMatchObject([
      { field: 'country', code: 'mismatch' },
      { field: 'timeZone', code: 'unknown' },
    ]);
    expect(() => normaliseLead(makeRow(), 'XX')).toThrow(DialerInputError);
    expect(() => normaliseLead(makeRow(), 'XX')).toThrow('defaultRegion');
  });

  it('[LEAD4] a batch keeps every good lead and reports every rejected row by index', () => {
    const result = normaliseLeads(
      [makeRow({ id: 'a' }), makeRow({ id: 'b', phone: 'n/a' }), makeRow({ id: 'c' })],
      'FR',
    );
    expect(result.leads.map((l) => l.id)).toEqual(['a', 'c']);
    expect(result.rejected).toMatchObject([{ row: 1, id: 'b', errors: [{ field: 'phone' }] }]);
  });
});
