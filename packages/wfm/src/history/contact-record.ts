/** One offered contact of a call history, whatever file it came from. */

/** `other`: offered but neither answered nor abandoned (e.g. cancelled, transferred out). */
export type ContactOutcome = 'answered' | 'abandoned' | 'other';

export interface ContactRecord {
  /** 1-based row (line) in the source, for messages. */
  readonly row: number;
  /** Local day number of the arrival (see calendar/civil-date.ts). */
  readonly day: number;
  /** Local arrival time, seconds after midnight. */
  readonly arrivalSeconds: number;
  readonly queue: string;
  readonly waitSeconds: number;
  /** Handling time of an answered contact in seconds; 0 otherwise. */
  readonly handleSeconds: number;
  readonly outcome: ContactOutcome;
}

/** A row that could not be read: which row, which field, why, and what was there. */
export interface RowIssue {
  readonly row: number;
  readonly field: string;
  readonly problem: string;
  readonly found: string;
}

/** What an import gives: the contacts read, and the rows left out because they were bad. */
export interface HistoryImport {
  readonly records: ContactRecord[];
  /** The first MAX_ROW_ISSUES bad rows. */
  readonly issues: RowIssue[];
  /** Every bad row, including those beyond `issues`. */
  readonly badRows: number;
  /** Rows read but not offered contacts (e.g. ended in the IVR), by the format's convention. */
  readonly notOffered: number;
}

/** Bad rows kept in detail, so that a broken file does not fill memory with messages. */
export const MAX_ROW_ISSUES = 100;

/** Collects bad rows: keeps the first MAX_ROW_ISSUES and counts the rest. */
export class RowIssues {
  readonly kept: RowIssue[] = [];
  count = 0;

  add(issue: RowIssue): void {
    this.count++;
    if (this.kept.length < MAX_ROW_ISSUES) this.kept.push(issue);
  }
}

/** How a cell is quoted in a message: at most 40 characters, "(empty)" when blank. */
export function shownCell(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return '(empty)';
  return text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…` : JSON.stringify(text);
}
