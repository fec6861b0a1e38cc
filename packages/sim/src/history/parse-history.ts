/**
 * Call-history text (the bank TSV format of data/ at the project root) → CallRecords. Every bad line is
 * reported with its line, column and what was expected; none is skipped silently.
 */
import { describeFound } from '../validation/validation-issue.ts';
import { HISTORY_COLUMNS, OUTCOMES, type CallRecord, type Outcome } from './call-record.ts';

/** One thing wrong in a history file. */
export interface HistoryIssue {
  /** 1-based line in the file. */
  line: number;
  /** 1-based column (field) and its header name; absent when the whole line is at fault. */
  column?: number;
  columnName?: string;
  expected: string;
  found: string;
}

/** Issues kept (and counted beyond) so that a badly broken file does not fill memory. */
const MAX_ISSUES = 100;
/** Issues shown in the message. */
const SHOWN_ISSUES = 20;

/** A history file that could not be read; lists its bad lines (the first MAX_ISSUES of them). */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  readonly code = 'InvalidHistory';
  constructor(
    /** The file name the caller gave, used only in messages. */
    readonly file: string,
    readonly issues: readonly HistoryIssue[],
    /** Every issue found, including those beyond `issues`. */
    readonly total: number = issues.length,
  ) {
    super(formatHistoryIssues(file, issues, total));
  }
}

/** `file:line: column 8 (vru_exit): expected …, found …`, one line per issue. */
export function formatHistoryIssue(file: string, issue: HistoryIssue): string {
  const column =
    issue.column === undefined ? '' : ` column ${issue.column} (${issue.columnName ?? '?'}):`;
  return `${file}:${issue.line}:${column} expected ${issue.expected}, found ${issue.found}`;
}

function formatHistoryIssues(file: string, issues: readonly HistoryIssue[], total: number): string {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => formatHistoryIssue(file, issue));
  if (total > lines.length) lines.push(`${file}: … and ${total - lines.length} more problems`);
  return lines.join('\n');
}

const TIME = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/;
const WHOLE = /^\d+$/;
const SIGNED = /^-?\d+$/;
const DATE = /^(\d\d)(\d\d)(\d\d)$/;

/** Days in `month` (1–12) of `year`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** 0 Sunday … 6 Saturday, by Sakamoto's method (no Date needed). */
export function weekdayOf(year: number, month: number, day: number): number {
  const offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4] as const;
  const y = month < 3 ? year - 1 : year;
  const sum =
    y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + offsets[month - 1]! + day;
  return sum % 7;
}

/** "990201" → { iso: "1999-02-01", weekday: 1 }; years 50–99 are 19xx, 00–49 are 20xx. */
export function parseBankDate(text: string): { iso: string; weekday: number } | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [yy, mm, dd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const year = yy >= 50 ? 1900 + yy : 2000 + yy;
  if (mm < 1 || mm > 12 || dd < 1 || dd > daysInMonth(year, mm)) return undefined;
  const iso = `${year}-${match[2]}-${match[3]}`;
  return { iso, weekday: weekdayOf(year, mm, dd) };
}

/** Reads the fields of one line; each reader records an issue and returns a placeholder. */
class LineReader {
  ok = true;
  constructor(
    private readonly fields: readonly string[],
    private readonly line: number,
    private readonly report: (issue: HistoryIssue) => void,
  ) {}

  private fail(index: number, expected: string): void {
    this.ok = false;
    this.report({
      line: this.line,
      column: index + 1,
      columnName: HISTORY_COLUMNS[index] ?? '?',
      expected,
      found: describeFound(this.fields[index] ?? ''),
    });
  }

  text(index: number): string {
    const value = (this.fields[index] ?? '').trim();
    if (value === '') this.fail(index, 'a non-empty value');
    return value;
  }

  whole(index: number): number {
    const value = (this.fields[index] ?? '').trim();
    if (!WHOLE.test(value)) {
      this.fail(index, 'a whole number ≥ 0');
      return 0;
    }
    return Number(value);
  }

  /** A whole number that may be negative. */
  signed(index: number): number {
    const value = (this.fields[index] ?? '').trim();
    if (!SIGNED.test(value)) {
      this.fail(index, 'a whole number');
      return 0;
    }
    return Number(value);
  }

  /** h:mm:ss → seconds after midnight. */
  time(index: number): number {
    const match = TIME.exec((this.fields[index] ?? '').trim());
    const hours = Number(match?.[1]);
    if (match === null || hours > 23) {
      this.fail(index, 'a time of day h:mm:ss from 0:00:00 to 23:59:59');
      return 0;
    }
    return hours * 3600 + Number(match[2]) * 60 + Number(match[3]);
  }

  date(index: number): { iso: string; weekday: number } {
    const date = parseBankDate((this.fields[index] ?? '').trim());
    if (date === undefined) this.fail(index, 'a date yymmdd, e.g. 990201');
    return date ?? { iso: '', weekday: 0 };
  }

  outcome(index: number): Outcome {
    const value = (this.fields[index] ?? '').trim();
    if ((OUTCOMES as readonly string[]).includes(value)) return value as Outcome;
    this.fail(index, `one of ${OUTCOMES.join(', ')}`);
    return 'PHANTOM';
  }
}

function readRecord(
  fields: readonly string[],
  line: number,
  report: (issue: HistoryIssue) => void,
): CallRecord | undefined {
  const read = new LineReader(fields, line, report);
  const date = read.date(5);
  const record: CallRecord = {
    line,
    vruLine: read.text(0),
    callId: read.whole(1),
    customerId: read.text(2),
    priority: read.whole(3),
    type: read.text(4),
    date: date.iso,
    weekday: date.weekday,
    vruEntry: read.time(6),
    vruExit: read.time(7),
    vruTime: read.signed(8),
    qStart: read.time(9),
    qExit: read.time(10),
    qTime: read.whole(11),
    outcome: read.outcome(12),
    serStart: read.time(13),
    serExit: read.time(14),
    serTime: read.whole(15),
    server: read.text(16),
  };
  return read.ok ? record : undefined;
}

/**
 * Parses history `text` (tab-separated, one header line, the 17 columns of HISTORY_COLUMNS; CRLF
 * or LF; blank lines ignored). `file` names it in errors. Throws a HistoryError listing every bad
 * line — a wrong header, a wrong number of fields, a field that cannot be read — so that a few
 * broken lines are seen rather than silently dropped.
 */
export function parseCallHistory(text: string, file: string): CallRecord[] {
  const lines = text.split(/\r?\n/);
  const issues: HistoryIssue[] = [];
  let total = 0;
  const report = (issue: HistoryIssue): void => {
    total++;
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };

  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split('\t');
  const expectedHeader = HISTORY_COLUMNS.join(' ');
  if (header.length !== HISTORY_COLUMNS.length) {
    throw new HistoryError(file, [
      {
        line: 1,
        expected: `a header of ${HISTORY_COLUMNS.length} tab-separated columns (${expectedHeader})`,
        found: `${header.length} column${header.length === 1 ? '' : 's'}: ${describeFound(lines[0] ?? '')}`,
      },
    ]);
  }
  header.forEach((name, index) => {
    const wanted = HISTORY_COLUMNS[index] as string;
    if (name.trim() !== wanted) {
      report({
        line: 1,
        column: index + 1,
        columnName: wanted,
        expected: `the header name ${JSON.stringify(wanted)}`,
        found: describeFound(name),
      });
    }
  });
  if (total > 0) throw new HistoryError(file, issues, total);

  const records: CallRecord[] = [];
  for (let index = 1; index < lines.length; index++) {
    const text = lines[index] as string;
    if (text.trim() === '') continue;
    const line = index + 1;
    const fields = text.split('\t');
    if (fields.length !== HISTORY_COLUMNS.length) {
      report({
        line,
        expected: `${HISTORY_COLUMNS.length} tab-separated fields`,
        found: `${fields.length}`,
      });
      continue;
    }
    const record = readRecord(fields, line, report);
    if (record !== undefined) records.push(record);
  }
  if (total > 0) throw new HistoryError(file, issues, total);
  return records;
}
