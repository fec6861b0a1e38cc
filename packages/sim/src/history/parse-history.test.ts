import { describe, expect, it } from 'vitest';
import { HISTORY_COLUMNS } from './call-record.ts';
import { HistoryError, parseCallHistory, parseBankDate, weekdayOf } from './parse-history.ts';

const HEADER = HISTORY_COLUMNS.join('\t');
const row = (fields: string): string => fields.split(/ +/).join('\t');
/** Three records of 1 February 1999 (a Monday): served at once, abandoned after 5 s, a phantom. */
const GOOD = [
  HEADER,
  row(
    'AA0101 34536 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT',
  ),
  row(
    'AA0101 34539 23317894 2 PS 990201 8:09:16 8:09:22 6 8:09:22 8:09:27 5 HANG 0:00:00 0:00:00 0 NO_SERVER',
  ),
  row(
    'AA0101 34645 6.02701E+11 2 NE 990201 13:13:33 13:13:42 9 13:13:42 13:14:12 30 PHANTOM 13:13:40 13:14:18 38 NO_SERVER',
  ),
];

/** The lines of the HistoryError that parsing `text` throws. */
function errorLines(text: string): string[] {
  try {
    parseCallHistory(text, 'calls.tsv');
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    return error.message.split('\n');
  }
  throw new Error('expected a HistoryError');
}

describe('parseCallHistory', () => {
  it('reads every field, with CRLF line ends and a trailing blank line', () => {
    const records = parseCallHistory(GOOD.join('\r\n') + '\r\n', 'calls.tsv');
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      line: 2,
      vruLine: 'AA0101',
      callId: 34536,
      customerId: '0',
      priority: 0,
      type: 'PS',
      date: '1999-02-01',
      weekday: 1,
      vruEntry: 7 * 3600 + 2 * 60 + 47,
      vruExit: 7 * 3600 + 2 * 60 + 56,
      vruTime: 9,
      qStart: 0,
      qExit: 0,
      qTime: 0,
      outcome: 'AGENT',
      serStart: 7 * 3600 + 2 * 60 + 55,
      serExit: 7 * 3600 + 5 * 60 + 41,
      serTime: 166,
      server: 'DORIT',
    });
    expect(records.map((r) => [r.outcome, r.qTime, r.customerId])).toEqual([
      ['AGENT', 0, '0'],
      ['HANG', 5, '23317894'],
      ['PHANTOM', 30, '6.02701E+11'],
    ]);
  });

  it('reports every bad line with its line, column and what was expected', () => {
    const text = [
      ...GOOD,
      row(
        'AA0101 34700 0 0 PS 990230 7:02:47 7:62:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT',
      ),
      row(
        'AA0101 34701 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 -4 SERVED 7:02:55 7:05:41 166 DORIT',
      ),
      'AA0101\t34702\t0\t0\tPS',
      row(
        'AA0101 34703 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 1.5 DORIT',
      ),
    ].join('\n');
    expect(errorLines(text)).toEqual([
      'calls.tsv:5: column 6 (date): expected a date yymmdd, e.g. 990201, found "990230"',
      'calls.tsv:5: column 8 (vru_exit): expected a time of day h:mm:ss from 0:00:00 to 23:59:59, found "7:62:56"',
      'calls.tsv:6: column 12 (q_time): expected a whole number ≥ 0, found "-4"',
      'calls.tsv:6: column 13 (outcome): expected one of AGENT, HANG, PHANTOM, found "SERVED"',
      'calls.tsv:7: expected 17 tab-separated fields, found 5',
      'calls.tsv:8: column 16 (ser_time): expected a whole number ≥ 0, found "1.5"',
    ]);
  });

  it('refuses a file without the header, naming the columns it expects', () => {
    const [first] = errorLines(GOOD.slice(1).join('\n'));
    expect(first).toContain(
      'calls.tsv:1: column 1 (vru+line): expected the header name "vru+line"',
    );
    const [comma] = errorLines(GOOD.join('\n').replaceAll('\t', ','));
    expect(comma).toMatch(
      /^calls\.tsv:1: expected a header of 17 tab-separated columns \(vru\+line call_id .* server\), found 1 column/,
    );
  });

  it('lists the first problems and counts the rest', () => {
    const bad = row(
      'AA0101 1 0 0 PS 990201 x 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 1 D',
    );
    let error: unknown;
    try {
      parseCallHistory([HEADER, ...Array<string>(150).fill(bad)].join('\n'), 'calls.tsv');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HistoryError);
    const history = error as HistoryError;
    expect(history.total).toBe(150);
    expect(history.issues).toHaveLength(100);
    const lines = history.message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines.at(-1)).toBe('calls.tsv: … and 130 more problems');
  });
});

describe('dates', () => {
  it('reads yymmdd and knows the weekday', () => {
    expect(parseBankDate('990201')).toEqual({ iso: '1999-02-01', weekday: 1 });
    expect(parseBankDate('990206')).toEqual({ iso: '1999-02-06', weekday: 6 });
    expect(parseBankDate('000229')).toEqual({ iso: '2000-02-29', weekday: 2 });
    expect(parseBankDate('990229')).toBeUndefined();
    expect(parseBankDate('99021')).toBeUndefined();
    expect(weekdayOf(2024, 1, 1)).toBe(1);
    expect(weekdayOf(1970, 1, 1)).toBe(4);
  });
});
