import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../calendar/civil-date.ts';
import { WfmError } from '../errors.ts';
import { parseColumnMapping, readMappedHistory } from './mapped-history.ts';

const HEADER = ['started', 'skill', 'waited', 'talk', 'result'];
const MAPPING = parseColumnMapping(
  'arrival=started,queue=skill,wait=waited,handle=talk,outcome=result',
);

/** One row of the table; cells by column override an answered call. */
function makeRow(cells: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    started: '2024-03-04 08:15:30',
    skill: 'fr',
    waited: '12',
    talk: '0:03:05',
    result: 'Answered',
  };
  return HEADER.map((name) => cells[name] ?? base[name] ?? '');
}

describe('mapped history (generic CSV)', () => {
  it('reads each mapped column: date-time, queue, seconds or h:mm:ss, outcome words', () => {
    const result = readMappedHistory(
      HEADER,
      [makeRow(), makeRow({ result: 'abandoned' })],
      MAPPING,
    );
    expect(result.records[0]).toEqual({
      row: 2,
      day: parseIsoDate('2024-03-04'),
      arrivalSeconds: 8 * 3600 + 15 * 60 + 30,
      queue: 'fr',
      waitSeconds: 12,
      handleSeconds: 185,
      outcome: 'answered',
    });
    expect(result.records[1]).toMatchObject({ outcome: 'abandoned', handleSeconds: 0 });
  });

  it('reports bad rows by row number (the header is row 1) and column name', () => {
    const result = readMappedHistory(
      HEADER,
      [
        makeRow({ started: '2024-02-30 08:00' }),
        makeRow({ waited: 'soon' }),
        makeRow(),
        makeRow({ result: 'voicemail' }),
      ],
      MAPPING,
    );
    expect(result.records.map((r) => r.row)).toEqual([4]);
    expect(result.issues.map((i) => [i.row, i.field, i.found])).toEqual([
      [2, 'started', '"2024-02-30 08:00"'],
      [3, 'waited', '"soon"'],
      [5, 'result', '"voicemail"'],
    ]);
    expect(result.issues[2]?.problem).toMatch(/^expected one of answered, handled/);
  });

  it('only the arrival is required; the rest default', () => {
    const result = readMappedHistory(['at'], [['2024-03-04T09:00']], { arrival: 'at' });
    expect(result.records[0]).toMatchObject({
      queue: 'default',
      waitSeconds: 0,
      handleSeconds: 0,
      outcome: 'answered',
    });
  });

  it('refuses a mapping that names a missing column or an unknown field', () => {
    expect(() => readMappedHistory(HEADER, [], { arrival: 'start' })).toThrowError(
      /the mapping names column "start" for arrival, but the header has "started", "skill"/,
    );
    expect(() => parseColumnMapping('arrival=a,agent=b')).toThrowError(/got "agent=b"/);
    expect(() => parseColumnMapping('queue=q')).toThrowError(/arrival column is required/);
    expect(() => parseColumnMapping('queue=q')).toThrowError(WfmError);
  });
});
