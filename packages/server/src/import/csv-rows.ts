// CSV files for `relais import` and POST /api/v1/imports/:kind: one row per entity, a header
// naming the columns. Cells are turned into the API's JSON shapes (numbers, booleans, skill maps,
// lists); a cell that cannot be converted is passed on as written so the schema names the field
// and what it expects.
import { parse } from 'csv-parse/sync';
import type { IMPORT_COLUMNS } from '@relais/protocol';
import type { ImportKind, ImportRow } from './import-config.ts';

type Cell = (text: string) => unknown;

const number: Cell = (text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
const boolean: Cell = (text) => {
  const value = text.toLowerCase();
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  return text;
};
const list: Cell = (text) => text.split(/[\s;,]+/).filter((part) => part !== '');
/** `fr:7 en:5` (or `fr=7;en=5`) → { fr: 7, en: 5 }. */
const levels: Cell = (text) =>
  Object.fromEntries(
    (list(text) as string[]).map((pair) => {
      const [key = '', value = ''] = pair.split(/[:=]/);
      return [key, number(value)];
    }),
  );

/**
 * Per kind: column → how its cell becomes a field (a field path with dots nests). The columns
 * are exactly the protocol's IMPORT_COLUMNS (the type checks it), which the web app shows.
 */
const COLUMNS: { [K in ImportKind]: Record<(typeof IMPORT_COLUMNS)[K][number], Cell> } = {
  sites: { id: String, city: String, timeZone: String, positions: number },
  skills: { id: String, kind: String },
  clients: { id: String, name: String },
  'pause-codes': { id: String, label: String, productive: boolean },
  dispositions: { id: String, label: String, success: boolean },
  agents: {
    id: String,
    name: String,
    siteId: String,
    skills: levels,
    capacity: levels,
    exclusiveVoice: boolean,
    autoAnswer: boolean,
  },
  queues: {
    id: String,
    clientId: String,
    channel: String,
    skills: levels,
    priority: number,
    weight: number,
    strategy: String,
    sites: list,
    homeSiteId: String,
    maxWaitSeconds: number,
    maxSize: number,
    offerTimeoutSeconds: number,
    'serviceLevel.thresholdSeconds': number,
    'serviceLevel.target': number,
    'serviceLevel.formula': String,
    wrapUpSeconds: number,
  },
};

export class CsvError extends Error {
  /** What is wrong: the header line, or the CSV itself (an unclosed quote, a ragged row…). */
  constructor(
    message: string,
    readonly part: 'header' | 'csv',
  ) {
    super(message);
  }
}

export function columnsOf(kind: ImportKind): string[] {
  return Object.keys(COLUMNS[kind]);
}

/** The entity's top-level fields a file of this kind fills (`serviceLevel.target` → serviceLevel). */
export function fieldsOf(kind: ImportKind): Set<string> {
  return new Set(
    columnsOf(kind).map((column) =>
      column === 'wrapUpSeconds' ? 'wrapUp' : (column.split('.')[0] ?? column),
    ),
  );
}

/** Parses a whole file; header problems and malformed CSV throw CsvError before any row is used. */
export function csvRows(kind: ImportKind, text: string, file: string): ImportRow[] {
  const cells: Record<string, Cell> = COLUMNS[kind];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse<{ record: Record<string, string>; info: { lines: number } }>(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw new CsvError(`${file}: ${error instanceof Error ? error.message : String(error)}`, 'csv');
  }
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((column) => !(column in cells));
  if (unknown.length > 0) {
    throw new CsvError(
      `${file}: unknown column(s) ${unknown.join(', ')}; ${kind} files may have: ${columnsOf(kind).join(', ')}`,
      'header',
    );
  }
  if (records.length > 0 && !header.includes('id'))
    throw new CsvError(`${file}: the header needs an "id" column`, 'header');
  return records.map(({ record, info }) => {
    const data: Record<string, unknown> = {};
    for (const [column, text] of Object.entries(record)) {
      if (text === '') continue;
      const value = (cells[column] as Cell)(text);
      if (column === 'wrapUpSeconds') data.wrapUp = { mode: 'timed', seconds: value };
      else if (column.includes('.')) {
        const [outer = '', inner = ''] = column.split('.');
        data[outer] = { ...(data[outer] as object | undefined), [inner]: value };
      } else data[column] = value;
    }
    return { line: info.lines, data };
  });
}
