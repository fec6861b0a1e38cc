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

/** One record, mapped. `id` is the lead id the row will have. */
export function mapRecord(record: readonly string[], plan: ColumnPlan, id: string): MappedRow {
  const errors: CellError[] = [];
  if (record.length !== plan.width) {
    errors.push({
      field: 'row',
      code: 'invalid',
      message: `${record.length} cell(s) where the header has ${plan.width}`,
    });
  }
  const cell = (field: MappedField): string | undefined => {
    const at = plan.index[field];
    return at === undefined ? undefined : record[at];
  };
  const text = (field: MappedField): string | undefined => {
    const value = cell(field)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const givenAt = cell('consentGivenAt');
  const givenAtMs =
    givenAt === undefined ? undefined : instantCell(givenAt, 'consentGivenAt', errors);
  const proof = text('consentProof');
  const covers = cell('consentCoversHours');
  const coversHours =
    covers === undefined ? undefined : booleanCell(covers, 'consentCoversHours', errors);
  const contract = cell('contractRelation');
  const contractRelation =
    contract === undefined ? undefined : booleanCell(contract, 'contractRelation', errors);
  if (
    givenAtMs === undefined &&
    proof !== undefined &&
    givenAt !== undefined &&
    errors.length === 0
  ) {
    errors.push({
      field: 'consentGivenAt',
      code: 'missing',
      message: 'a consent proof without its date',
    });
  }
  const row: LeadRow = {
    id,
    ...optional('phone', cell('phone')),
    ...optional('timeZone', text('timeZone')),
    ...optional('country', text('country')),
    ...optional('postcode', text('postcode')),
    ...optional('departement', text('departement')),
    ...(givenAtMs === undefined
      ? {}
      : {
          consent: {
            givenAtMs,
            proof: proof ?? '',
            ...(coversHours === undefined ? {} : { coversCallingHours: coversHours }),
          },
        }),
    ...(contractRelation === undefined ? {} : { contractRelation }),
  };
  const attributes: Record<string, string> = {};
  for (const column of plan.attributes) {
    const value = record[column.index]?.trim();
    if (value !== undefined && value !== '') attributes[column.name] = value;
  }
  return {
    row,
    ...optional('firstName', text('firstName')),
    ...optional('lastName', text('lastName')),
    attributes,
    errors,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
