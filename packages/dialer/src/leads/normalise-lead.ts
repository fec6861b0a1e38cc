// Lead normalisation (LEAD1–LEAD5): E.164 number, country, time zone and holiday calendar.
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';
import { DialerInputError } from '../errors.ts';
import type { ConsentRecord, Lead } from '../gate/types.ts';
import type { HolidayRegion } from '../time/holidays.ts';
import { isKnownTimeZone } from '../time/zoned-time.ts';
import {
  ALSACE_MOSELLE,
  FRENCH_HOLIDAY_SUBDIVISIONS,
  OVERSEAS_PREFIXES,
  REGION_TIME_ZONES,
} from './french-regions.ts';

/** One imported row, after the column mapping. */
export interface LeadRow {
  readonly id: string;
  readonly phone?: string;
  readonly timeZone?: string;
  readonly country?: string;
  readonly postcode?: string;
  readonly departement?: string;
  readonly consent?: ConsentRecord;
  readonly contractRelation?: boolean;
}

export type LeadField = 'phone' | 'timeZone' | 'country' | 'postcode' | 'departement';

/** Why a row was rejected: the field and a stable code, with a message for people. */
export interface LeadFieldError {
  readonly field: LeadField;
  readonly code: 'missing' | 'invalid' | 'unknown' | 'ambiguous' | 'mismatch';
  readonly message: string;
}

export type NormalisedRow =
  | { readonly ok: true; readonly lead: Lead }
  | { readonly ok: false; readonly id: string; readonly errors: readonly LeadFieldError[] };

const DEPARTEMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/;
const OVERSEAS_DEPARTEMENTS: Readonly<Record<string, string>> = {
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
};

const OVERSEAS_DEPARTEMENTS_BY_REGION: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(OVERSEAS_DEPARTEMENTS).map(([departement, region]) => [region, departement]),
);

function departementOf(row: LeadRow, errors: LeadFieldError[]): string | undefined {
  if (row.departement !== undefined && row.departement.trim() !== '') {
    const value = row.departement.trim().toUpperCase().padStart(2, '0');
    if (DEPARTEMENT.test(value)) return value;
    errors.push({
      field: 'departement',
      code: 'invalid',
      message: `"${row.departement}" is no département`,
    });
    return undefined;
  }
  if (row.postcode !== undefined && row.postcode.trim() !== '') {
    const postcode = row.postcode.trim();
    if (!/^\d{5}$/.test(postcode)) {
      errors.push({ field: 'postcode', code: 'invalid', message: `"${postcode}" is not 5 digits` });
      return undefined;
    }
    // Corsica's postcodes start with 20 (2A and 2B share the zone and the holidays).
    if (postcode.startsWith('20')) return '2A';
    const departement = postcode.startsWith('97') ? postcode.slice(0, 3) : postcode.slice(0, 2);
    if (DEPARTEMENT.test(departement)) return departement;
    errors.push({
      field: 'postcode',
      code: 'invalid',
      message: `"${postcode}" has no département`,
    });
  }
  return undefined;
}

function holidayRegionOf(country: string, departement: string | undefined): HolidayRegion {
  const region = departement === undefined ? country : (OVERSEAS_DEPARTEMENTS[departement] ?? 'FR');
  if (region === 'FR') {
    // Unknown département: Alsace-Moselle's calendar (two more days closed) is the safe choice.
    if (departement === undefined || ALSACE_MOSELLE.has(departement)) {
      return { country: 'FR', subdivision: departement ?? '57' };
    }
    return { country: 'FR' };
  }
  if (FRENCH_HOLIDAY_SUBDIVISIONS.has(region)) return { country: 'FR', subdivision: region };
  return { country: region };
}

/** A number read: its E.164 form and its region (ISO 3166). */
export interface ParsedPhone {
  readonly number: string;
  readonly country: string;
}

/** Reads a number the full way (LEAD1): libphonenumber-js, overseas prefixes to their region. */
export function parsePhone(raw: string, defaultRegion: string): ParsedPhone | undefined {
  let phone = parsePhoneNumberFromString(raw, defaultRegion as CountryCode);
  if (phone?.country === 'FR') {
    const overseas = OVERSEAS_PREFIXES.find(([prefix]) => phone?.nationalNumber.startsWith(prefix));
    if (overseas !== undefined) {
      phone = parsePhoneNumberFromString(`0${phone.nationalNumber}`, overseas[1] as CountryCode);
    }
  }
  if (phone === undefined || !phone.isValid() || phone.country === undefined) return undefined;
  return { number: phone.number, country: phone.country };
}

export type PhoneParser = (raw: string) => ParsedPhone | undefined;

function checkRegion(defaultRegion: string): void {
  if (!isSupportedCountry(defaultRegion)) {
    throw new DialerInputError('defaultRegion', `"${defaultRegion}" is no supported ISO region`);
  }
}

/** Normalises one row for a campaign whose numbers default to `defaultRegion` (ISO 3166). */
export function normaliseLead(row: LeadRow, defaultRegion: string): NormalisedRow {
  checkRegion(defaultRegion);
  return normaliseWith(row, (raw) => parsePhone(raw, defaultRegion));
}

/**
 * A normaliser for many rows of one campaign (LEAD5): the region checked once, numbers read
 * through `parser` (the cached fast path for import) with the same rules for the other fields.
 */
export function createLeadNormaliser(
  defaultRegion: string,
  parser: PhoneParser = (raw) => parsePhone(raw, defaultRegion),
): (row: LeadRow) => NormalisedRow {
  checkRegion(defaultRegion);
  return (row) => normaliseWith(row, parser);
}

function normaliseWith(row: LeadRow, parser: PhoneParser): NormalisedRow {
  const errors: LeadFieldError[] = [];
  const raw = row.phone?.trim() ?? '';
  if (raw === '') {
    errors.push({ field: 'phone', code: 'missing', message: 'no phone number' });
    return { ok: false, id: row.id, errors };
  }
  const phone = parser(raw);
  if (phone === undefined) {
    errors.push({ field: 'phone', code: 'invalid', message: `"${raw}" is not a valid number` });
    return { ok: false, id: row.id, errors };
  }
  const country: string = phone.country;
  if (
    row.country !== undefined &&
    row.country.trim() !== '' &&
    row.country.trim().toUpperCase() !== country
  ) {
    errors.push({
      field: 'country',
      code: 'mismatch',
      message: `the number is in ${country}, not ${row.country}`,
    });
  }
  const departement =
    country === 'FR' || country in OVERSEAS_DEPARTEMENTS_BY_REGION
      ? departementOf(row, errors)
      : undefined;
  let timeZone: string | undefined;
  if (row.timeZone !== undefined && row.timeZone.trim() !== '') {
    timeZone = row.timeZone.trim();
    if (!isKnownTimeZone(timeZone)) {
      errors.push({
        field: 'timeZone',
        code: 'unknown',
        message: `"${timeZone}" is no IANA time zone`,
      });
    }
  } else {
    const region =
      departement === undefined ? country : (OVERSEAS_DEPARTEMENTS[departement] ?? 'FR');
    timeZone = REGION_TIME_ZONES[region];
    if (timeZone === undefined) {
      errors.push({
        field: 'timeZone',
        code: 'ambiguous',
        message: `${country} numbers need a time zone column`,
      });
    }
  }
  if (errors.length > 0 || timeZone === undefined) return { ok: false, id: row.id, errors };
  const lead: Lead = {
    id: row.id,
    phoneE164: phone.number,
    country,
    timeZone,
    holidayRegion: holidayRegionOf(country, departement),
    ...(row.consent === undefined ? {} : { consent: row.consent }),
    ...(row.contractRelation === undefined ? {} : { contractRelation: row.contractRelation }),
  };
  return { ok: true, lead };
}

/** Normalises every row: the leads, and each rejected row with its reasons (nothing dropped). */
export function normaliseLeads(rows: readonly LeadRow[], defaultRegion: string) {
  const normalise = createLeadNormaliser(defaultRegion);
  const leads: Lead[] = [];
  const rejected: {
    readonly row: number;
    readonly id: string;
    readonly errors: readonly LeadFieldError[];
  }[] = [];
  rows.forEach((row, index) => {
    const result = normalise(row);
    if (result.ok) leads.push(result.lead);
    else rejected.push({ row: index, id: result.id, errors: result.errors });
  });
  return { leads, rejected };
}
