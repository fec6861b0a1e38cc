import { WfmError } from '../errors.ts';
import { durationSeconds, localDateTime } from './cell-readers.ts';
import {
  RowIssues,
  shownCell,
  type ContactOutcome,
  type ContactRecord,
  type HistoryImport,
} from './contact-record.ts';

// A generic per-contact table (e.g. a CSV export of another ACD) whose columns are named by a
// mapping. The caller splits the text into rows (the CLI uses csv-parse); this reads the cells.

/** Which column holds each field; only `arrival` is required. */
export interface ColumnMapping {
  /** Local arrival date-time, "YYYY-MM-DD HH:MM[:SS]" or with a T. */
  readonly arrival: string;
  /** Omitted: every contact goes to queue "default". */
  readonly queue?: string;
  /** Queue wait: seconds, or h:mm:ss / mm:ss. Omitted: 0. */
  readonly wait?: string;
  /** Handling time (talk + hold + wrap-up), as `wait`. Omitted: 0. */
  readonly handle?: string;
  /** See OUTCOME_WORDS. Omitted: every contact was answered. */
  readonly outcome?: string;
}

export const MAPPING_FIELDS = ['arrival', 'queue', 'wait', 'handle', 'outcome'] as const;

/** Outcome cells understood, case-insensitive; any other value is a bad row. */
export const OUTCOME_WORDS: Readonly<Record<string, ContactOutcome>> = {
  answered: 'answered',
  handled: 'answered',
  served: 'answered',
  completed: 'answered',
  agent: 'answered',
  abandoned: 'abandoned',
  abandon: 'abandoned',
  hang: 'abandoned',
  other: 'other',
  cancelled: 'other',
  transferred: 'other',
};

/** Row numbers are those of the file: the header is row 1, `rows[0]` row 2. */
export function readMappedHistory(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
): HistoryImport {
  const columns = columnIndexes(header, mapping);
  const issues = new RowIssues();
  const records: ContactRecord[] = [];
  rows.forEach((cells, index) => {
    const row = index + 2;
    let bad = false;
    const fail = (field: keyof ColumnMapping, problem: string): void => {
      const column = columns[field];
      const found = column === undefined ? '(no column)' : shownCell(cells[column]);
      if (!bad) issues.add({ row, field: mapping[field] ?? field, problem, found });
      bad = true;
    };
    const cell = (field: keyof ColumnMapping): string | undefined => {
      const column = columns[field];
      return column === undefined ? undefined : (cells[column] ?? '').trim();
    };
    const arrival = localDateTime(cell('arrival') ?? '');
    if (arrival === undefined) fail('arrival', 'expected a local date-time YYYY-MM-DD HH:MM:SS');
    const queue = cell('queue') ?? 'default';
    if (queue === '') fail('queue', 'expected a queue name');
    const duration = (field: 'wait' | 'handle'): number => {
      const text = cell(field);
      if (text === undefined) return 0;
      const seconds = durationSeconds(text);
      if (seconds === undefined) fail(field, 'expected seconds (e.g. 171) or h:mm:ss');
      return seconds ?? 0;
    };
    const waitSeconds = duration('wait');
    const handleSeconds = duration('handle');
    const outcomeText = cell('outcome');
    const outcome =
      outcomeText === undefined ? 'answered' : OUTCOME_WORDS[outcomeText.toLowerCase()];
    if (outcome === undefined) {
      fail('outcome', `expected one of ${Object.keys(OUTCOME_WORDS).join(', ')}`);
    }
    if (bad || arrival === undefined || outcome === undefined) return;
    records.push({
      row,
      day: arrival.day,
      arrivalSeconds: arrival.seconds,
      queue,
      waitSeconds,
      handleSeconds: outcome === 'answered' ? handleSeconds : 0,
      outcome,
    });
  });
  return { records, issues: issues.kept, badRows: issues.count, notOffered: 0 };
}

function columnIndexes(
  header: readonly string[],
  mapping: ColumnMapping,
): Partial<Record<keyof ColumnMapping, number>> {
  const names = header.map((name) => name.trim());
  const indexes: Partial<Record<keyof ColumnMapping, number>> = {};
  for (const field of MAPPING_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    const index = names.indexOf(column);
    if (index === -1) {
      throw new WfmError(
        'InvalidHistory',
        `the mapping names column "${column}" for ${field}, but the header has ${names.map((n) => `"${n}"`).join(', ')}`,
        { field, column, header: names },
      );
    }
    indexes[field] = index;
  }
  return indexes;
}

/** "arrival=start,queue=skill" → a ColumnMapping; throws WfmError 'InvalidArgument' when wrong. */
export function parseColumnMapping(text: string): ColumnMapping {
  const mapping: Partial<Record<keyof ColumnMapping, string>> = {};
  for (const pair of text.split(',').filter((part) => part.trim() !== '')) {
    const [field = '', column = ''] = pair.split('=').map((part) => part.trim());
    if (!(MAPPING_FIELDS as readonly string[]).includes(field) || column === '') {
      throw new WfmError(
        'InvalidArgument',
        `mapping: expected field=column pairs with fields ${MAPPING_FIELDS.join(', ')}, got "${pair}"`,
        { argument: 'mapping' },
      );
    }
    mapping[field as keyof ColumnMapping] = column;
  }
  if (mapping.arrival === undefined) {
    throw new WfmError('InvalidArgument', 'mapping: the arrival column is required (arrival=…)', {
      argument: 'mapping',
    });
  }
  return { ...mapping, arrival: mapping.arrival };
}
