// One CSV record of a lead list, through the column mapping, to the dialer's LeadRow (LIST2):
// the mapped fields, consent cells read as a date and booleans, other cells kept as attributes.
import type { LeadRow } from '@relais/dialer';

/** The mapping's fields that name a column (ListImportQuery), in the order they are reported. */
export const MAPPED_FIELDS = [
  'phone',
  'firstName',
  'lastName',
  'timeZone',
  'country',
  'postcode',
  'departement',
  'consentGivenAt',
  'consentProof',
  'consentCoversHours',
  'contractRelation',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export interface CellError {
  field: string;
  code: string;
  message: string;
}

/** Column indexes of the mapped fields, and the other columns (attributes). */
export interface ColumnPlan {
  readonly index: Partial<Record<MappedField, number>>;
  readonly attributes: readonly { readonly name: string; readonly index: number }[];
  readonly width: number;
}

/** Where each mapped field is in the header; a mapped column missing from it is an error. */
export function planColumns(
  header: readonly string[],
  mapping: Partial<Record<MappedField, string>>,
): ColumnPlan | { missing: { field: MappedField; column: string }[] } {
  const position = new Map(header.map((name, index) => [name.trim(), index]));
  const index: Partial<Record<MappedField, number>> = {};
  const missing: { field: MappedField; column: string }[] = [];
  const used = new Set<number>();
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    const at = position.get(column);
    if (at === undefined) missing.push({ field, column });
    else {
      index[field] = at;
      used.add(at);
    }
  }
  if (missing.length > 0) return { missing };
  const attributes = header
    .map((name, at) => ({ name: name.trim(), index: at }))
    .filter((column) => !used.has(column.index) && column.name !== '');
  return { index, attributes, width: header.length };
}

const TRUE = new Set(['1', 'true', 'yes', 'oui', 'y', 'o']);
const FALSE = new Set(['0', 'false', 'no', 'non', 'n', '']);

function booleanCell(text: string, field: string, errors: CellError[]): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return value === '' ? undefined : false;
  errors.push({
    field,
    code: 'invalid',
    message: `"${text}" is not yes/no (1/0, true/false, oui/non)`,
  });
  return undefined;
}

// A date (YYYY-MM-DD, read as midnight UTC) or an ISO instant with its offset.
const CONSENT_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;

function instantCell(text: string, field: string, errors: CellError[]): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const ms = CONSENT_DATE.test(value) ? Date.parse(value.replace(' ', 'T')) : Number.NaN;
  if (Number.isNaN(ms)) {
    errors.push({
      field,
      code: 'invalid',
      message: `"${text}" is not a date YYYY-MM-DD or an instant with its offset`,
    });
    return undefined;
  }
  return ms;
}

export interface MappedRow {
  readonly row: LeadRow;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly attributes: Record<string, string>;
  /** Cells the dialer does not check (consent, booleans, the row's width). */
  readonly errors: CellError[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function cellAt(record: readonly string[], at: number | undefined): string | undefined {
  return at === undefined ? undefined : record[at];
}

function textAt(record: readonly string[], at: number | undefined): string | undefined {
  const value = at === undefined ? undefined : record[at]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** One record, mapped. `id` is the lead id the row will have. Called per row: no spreads. */
export function mapRecord(record: readonly string[], plan: ColumnPlan, id: string): MappedRow {
  const errors: CellError[] = [];
  if (record.length !== plan.width) {
    errors.push({
      field: 'row',
      code: 'invalid',
      message: `${record.length} cell(s) where the header has ${plan.width}`,
    });
  }
  const { index } = plan;
  const row: Mutable<LeadRow> = { id };
  const phone = cellAt(record, index.phone);
  if (phone !== undefined) row.phone = phone;
  const timeZone = textAt(record, index.timeZone);
  if (timeZone !== undefined) row.timeZone = timeZone;
  const country = textAt(record, index.country);
  if (country !== undefined) row.country = country;
  const postcode = textAt(record, index.postcode);
  if (postcode !== undefined) row.postcode = postcode;
  const departement = textAt(record, index.departement);
  if (departement !== undefined) row.departement = departement;
  const givenAt = cellAt(record, index.consentGivenAt);
  if (givenAt !== undefined) {
    const givenAtMs = instantCell(givenAt, 'consentGivenAt', errors);
    const proof = textAt(record, index.consentProof);
    const covers = cellAt(record, index.consentCoversHours);
    const coversHours =
      covers === undefined ? undefined : booleanCell(covers, 'consentCoversHours', errors);
    if (givenAtMs !== undefined) {
      row.consent =
        coversHours === undefined
          ? { givenAtMs, proof: proof ?? '' }
          : { givenAtMs, proof: proof ?? '', coversCallingHours: coversHours };
    } else if (proof !== undefined && givenAt.trim() === '') {
      errors.push({
        field: 'consentGivenAt',
        code: 'missing',
        message: 'a consent proof without its date',
      });
    }
  }
  const contract = cellAt(record, index.contractRelation);
  if (contract !== undefined) {
    const contractRelation = booleanCell(contract, 'contractRelation', errors);
    if (contractRelation !== undefined) row.contractRelation = contractRelation;
  }
  const attributes: Record<string, string> = {};
  for (const column of plan.attributes) {
    const value = record[column.index]?.trim();
    if (value !== undefined && value !== '') attributes[column.name] = value;
  }
  const mapped: Mutable<MappedRow> = { row, attributes, errors };
  const firstName = textAt(record, index.firstName);
  if (firstName !== undefined) mapped.firstName = firstName;
  const lastName = textAt(record, index.lastName);
  if (lastName !== undefined) mapped.lastName = lastName;
  return mapped;
}
