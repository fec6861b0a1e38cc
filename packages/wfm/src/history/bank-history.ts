import { dayNumberOf, daysInMonth } from '../calendar/civil-date.ts';
import { WfmError } from '../errors.ts';
import { timeOfDay } from './cell-readers.ts';
import {
  RowIssues,
  shownCell,
  type ContactOutcome,
  type ContactRecord,
  type HistoryImport,
} from './contact-record.ts';

// The "Anonymous Bank" per-call format (data/README at the project root): tab-separated, 17
// columns. Relais's convention: a call is offered when it leaves the VRU with q_time > 0 or
// ser_time > 0 (PHANTOM records are not calls); it arrives at vru_exit; the queue is `type`;
// a served call's handling time is ser_time (the file has no wrap-up).

const COLUMNS = [
  'vru+line', 'call_id', 'customer_id', 'priority', 'type', 'date', 'vru_entry', 'vru_exit',
  'vru_time', 'q_start', 'q_exit', 'q_time', 'outcome', 'ser_start', 'ser_exit', 'ser_time',
  'server',
] as const; // prettier-ignore

const at = (name: (typeof COLUMNS)[number]): number => COLUMNS.indexOf(name);
const WHOLE = /^\d+$/;
const BANK_DATE = /^(\d\d)(\d\d)(\d\d)$/;

/**
 * Reads bank history `text`. A wrong header throws WfmError 'InvalidHistory'; a bad row is
 * reported (row, field, why) and left out.
 */
export function parseBankHistory(text: string): HistoryImport {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '')
    .replace(/^\uFEFF/, '')
    .split('\t')
    .map((name) => name.trim());
  if (header.join('\t') !== COLUMNS.join('\t')) {
    throw new WfmError(
      'InvalidHistory',
      `not the anonymous-bank format: expected the tab-separated header "${COLUMNS.join(' ')}", found ${shownCell(lines[0])}`,
      { expected: COLUMNS },
    );
  }
  const issues = new RowIssues();
  const records: ContactRecord[] = [];
  let notOffered = 0;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') continue;
    const row = index + 1;
    const fields = line.split('\t');
    if (fields.length !== COLUMNS.length) {
      issues.add({
        row,
        field: '(row)',
        problem: `expected ${COLUMNS.length} tab-separated fields`,
        found: `${fields.length}`,
      });
      continue;
    }
    const read = readRow(fields, row, issues);
    if (read === 'bad') continue;
    if (read === 'not offered') notOffered++;
    else records.push(read);
  }
  return { records, issues: issues.kept, badRows: issues.count, notOffered };
}

function readRow(
  fields: readonly string[],
  row: number,
  issues: RowIssues,
): ContactRecord | 'bad' | 'not offered' {
  let bad = false;
  const fail = (column: (typeof COLUMNS)[number], problem: string): void => {
    if (!bad) issues.add({ row, field: column, problem, found: shownCell(fields[at(column)]) });
    bad = true;
  };
  const cell = (column: (typeof COLUMNS)[number]): string => (fields[at(column)] ?? '').trim();
  const whole = (column: (typeof COLUMNS)[number]): number => {
    if (!WHOLE.test(cell(column))) fail(column, 'expected a whole number of seconds');
    return Number(cell(column));
  };

  const day = bankDay(cell('date'));
  if (day === undefined) fail('date', 'expected a date yymmdd, e.g. 990201');
  const arrival = timeOfDay(cell('vru_exit'));
  if (arrival === undefined) fail('vru_exit', 'expected a time of day h:mm:ss');
  const queue = cell('type');
  if (queue === '') fail('type', 'expected the call type (the queue), e.g. PS');
  const waitSeconds = whole('q_time');
  const handleSeconds = whole('ser_time');
  const outcome = cell('outcome');
  if (!['AGENT', 'HANG', 'PHANTOM'].includes(outcome)) {
    fail('outcome', 'expected one of AGENT, HANG, PHANTOM');
  }
  if (bad || day === undefined || arrival === undefined) return 'bad';
  if (outcome === 'PHANTOM' || (waitSeconds === 0 && handleSeconds === 0)) return 'not offered';
  const result: ContactOutcome =
    outcome === 'AGENT' ? 'answered' : waitSeconds > 0 ? 'abandoned' : 'other';
  return {
    row,
    day,
    arrivalSeconds: arrival,
    queue,
    waitSeconds,
    handleSeconds: result === 'answered' ? handleSeconds : 0,
    outcome: result,
  };
}

/** "990201" → day number; years 50–99 are 19xx, 00–49 20xx. */
function bankDay(text: string): number | undefined {
  const match = BANK_DATE.exec(text);
  if (match === null) return undefined;
  const [yy, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const year = yy >= 50 ? 1900 + yy : 2000 + yy;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayNumberOf(year, month, day);
}
