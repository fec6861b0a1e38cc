import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../calendar/civil-date.ts';
import { WfmError } from '../errors.ts';
import { parseBankHistory } from './bank-history.ts';

const HEADER =
  'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';

/** One bank record; fields by column name override a served PS call on 1 February 1999. */
function makeBankLine(fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    'vru+line': 'AA0101', call_id: '1', customer_id: '0', priority: '0', type: 'PS',
    date: '990201', vru_entry: '7:02:47', vru_exit: '7:02:56', vru_time: '9', q_start: '7:02:56',
    q_exit: '7:03:06', q_time: '10', outcome: 'AGENT', ser_start: '7:03:06', ser_exit: '7:05:41',
    ser_time: '155', server: 'DORIT',
  }; // prettier-ignore
  return HEADER.split('\t')
    .map((name) => fields[name] ?? base[name])
    .join('\t');
}

const bank = (...lines: string[]): string => [HEADER, ...lines].join('\n');

describe('anonymous-bank history', () => {
  it('reads an answered call: arrival at vru_exit, queue = type, handle = ser_time', () => {
    const result = parseBankHistory(bank(makeBankLine()));
    expect(result.records).toEqual([
      {
        row: 2,
        day: parseIsoDate('1999-02-01'),
        arrivalSeconds: 7 * 3600 + 2 * 60 + 56,
        queue: 'PS',
        waitSeconds: 10,
        handleSeconds: 155,
        outcome: 'answered',
      },
    ]);
    expect(result.badRows).toBe(0);
  });

  it('follows the counting convention: PHANTOM and calls ended in the VRU are not offered', () => {
    const result = parseBankHistory(
      bank(
        makeBankLine({ outcome: 'PHANTOM' }),
        makeBankLine({ outcome: 'HANG', q_time: '0', ser_time: '0' }),
        makeBankLine({ outcome: 'HANG', q_time: '42', ser_time: '0' }),
      ),
    );
    expect(result.notOffered).toBe(2);
    expect(result.records.map((r) => [r.outcome, r.waitSeconds, r.handleSeconds])).toEqual([
      ['abandoned', 42, 0],
    ]);
  });

  it('reports bad rows (row, field, why, what was there) and keeps the good ones', () => {
    const result = parseBankHistory(
      bank(
        makeBankLine({ date: '990230' }),
        makeBankLine(),
        makeBankLine({ vru_exit: '25:00:00' }),
        'too\tfew',
        makeBankLine({ q_time: '-3' }),
        makeBankLine({ outcome: 'BUSY' }),
      ),
    );
    expect(result.records).toHaveLength(1);
    expect(result.badRows).toBe(5);
    expect(result.issues).toEqual([
      { row: 2, field: 'date', problem: 'expected a date yymmdd, e.g. 990201', found: '"990230"' },
      { row: 4, field: 'vru_exit', problem: 'expected a time of day h:mm:ss', found: '"25:00:00"' },
      { row: 5, field: '(row)', problem: 'expected 17 tab-separated fields', found: '2' },
      { row: 6, field: 'q_time', problem: 'expected a whole number of seconds', found: '"-3"' },
      {
        row: 7,
        field: 'outcome',
        problem: 'expected one of AGENT, HANG, PHANTOM',
        found: '"BUSY"',
      },
    ]);
  });

  it('refuses another format with a typed error', () => {
    expect(() => parseBankHistory('arrival,queue\n2024-01-01 08:00,fr')).toThrowError(WfmError);
    expect(() => parseBankHistory('a,b')).toThrowError(/not the anonymous-bank format/);
  });

  it('the whole shared file: 23,954 offered calls, 3,086 abandoned, mean ser_time 171.5 s', async () => {
    // Known facts from data/README.md at the project root.
    const text = (await import('../../../../data/anonymous-bank-1999-02-days01-21.tsv?raw'))
      .default;
    const result = parseBankHistory(text);
    expect(result.badRows).toBe(0);
    expect(result.records).toHaveLength(23_954);
    expect(result.records.filter((r) => r.outcome === 'abandoned')).toHaveLength(3086);
    expect(result.notOffered + result.records.length).toBe(25_890);
    const answered = result.records.filter((r) => r.outcome === 'answered');
    const mean = answered.reduce((s, r) => s + r.handleSeconds, 0) / answered.length;
    expect(mean).toBeGreaterThan(150);
    expect(mean).toBeLessThan(200);
  });
});
